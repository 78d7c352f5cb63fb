/**
 * The fast parse of a command line: the lines people and scripts run every day, read from the command table
 * with commander's own rules, so that a one-shot command starts without loading commander. It gives up
 * (undefined) on anything else: help and version flags, `--`, an unknown command or option, a missing value
 * or operand, a negative number where an option could stand. Commander then reads the line and prints its
 * help or its error; the tests hold the two to the same result on every line this parser accepts.
 *
 * Commander's rules as used here: the program's options are taken wherever they stand on the line (before or
 * after the command's name); the first word that is not one of them names the command, and everything from
 * the first option the program does not know goes to the command; the command's values merge under the
 * program's (`optsWithGlobals`). A value is the next word whatever it looks like (`--depth -3`), or joined
 * (`--depth=3`, `-d3`); the last of a repeated option wins.
 */
import {
  type CommandSpec,
  type CommandTable,
  type Flags,
  type OptionSpec,
  parseFlags,
} from "./command_spec.ts";

/** A command line the fast parser read: the command, its options as commander's optsWithGlobals, operands. */
export interface ParsedLine {
  readonly command: CommandSpec;
  readonly opts: Record<string, unknown>;
  readonly args: readonly string[];
}

interface Known extends Flags {
  /** Help and version: commander prints them. */
  readonly handOver: boolean;
}

interface Scan {
  readonly operands: string[];
  readonly unknown: string[];
}

const cache = new WeakMap<readonly OptionSpec[], Known[]>();

function known(options: readonly OptionSpec[], help: OptionSpec): Known[] {
  let k = cache.get(options);
  if (!k) {
    k = [...options.map((o) => ({ ...parseFlags(o.flags), handOver: Boolean(o.version) })), {
      ...parseFlags(help.flags),
      handOver: true,
    }];
    cache.set(options, k);
  }
  return k;
}

const looksLikeOption = (arg: string) => arg.length > 1 && arg[0] === "-";

/**
 * One pass of commander's parseOptions over `args` for a command with these options: values go into
 * `values`, the rest into operands and (from the first unknown option on) unknown. Undefined: hand over.
 */
function scan(args: readonly string[], options: Known[], values: Record<string, unknown>, leaf: boolean) {
  const find = (flag: string) => options.find((o) => o.long === flag || o.short === flag);
  const out: Scan = { operands: [], unknown: [] };
  let dest = out.operands;
  for (let i = 0; i < args.length;) {
    const arg = args[i++]!;
    if (arg === "--") return undefined;
    if (looksLikeOption(arg)) {
      const o = find(arg);
      if (o) {
        if (o.handOver) return undefined;
        if (!o.takesValue) values[o.key] = true;
        else if (i < args.length) values[o.key] = args[i++];
        else return undefined;
        continue;
      }
      if (arg[1] !== "-" && arg.length > 2) {
        const short = find(arg.slice(0, 2));
        if (short) {
          if (short.handOver || !short.takesValue) return undefined;
          values[short.key] = arg.slice(2);
          continue;
        }
      }
      const eq = arg.indexOf("=");
      if (arg.startsWith("--") && eq > 2) {
        const long = find(arg.slice(0, eq));
        if (long?.takesValue) {
          values[long.key] = arg.slice(eq + 1);
          continue;
        }
      }
      // An option this command does not know: the command's (after the program), or an error.
      if (leaf) return undefined;
      dest = out.unknown;
    }
    dest.push(arg);
  }
  return out;
}

function defaults(options: readonly OptionSpec[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const o of options) if (o.default !== undefined) values[parseFlags(o.flags).key] = o.default;
  return values;
}

/** Whether `args` are what the command's operands take: each one given, no more unless the last repeats. */
function operandsFit(spec: CommandSpec, args: readonly string[]): boolean {
  const declared = spec.arguments ?? [];
  const repeats = declared.length > 0 && declared[declared.length - 1]!.name.endsWith("...>");
  return args.length >= declared.length && (repeats || args.length <= declared.length);
}

/** The command, options and operands of `argv`, or undefined when commander must read the line. */
export function parseLine(argv: readonly string[], table: CommandTable): ParsedLine | undefined {
  const { root, commands } = table;
  const rootValues = defaults(root.options);
  const top = scan(argv, known(root.options, root.help), rootValues, false);
  if (!top) return undefined;
  if (top.operands.length === 0) {
    return top.unknown.length === 0 ? { command: root, opts: rootValues, args: [] } : undefined;
  }
  const command = commands.find((c) => c.name === top.operands[0]);
  if (!command) return undefined;
  const values = defaults(command.options);
  const sub = scan(top.unknown, known(command.options, root.help), values, true);
  if (!sub) return undefined;
  const args = [...top.operands.slice(1), ...sub.operands];
  if (!operandsFit(command, args)) return undefined;
  for (const o of command.options) {
    if (o.mandatory && values[parseFlags(o.flags).key] === undefined) return undefined;
  }
  return { command, opts: { ...values, ...rootValues }, args };
}
