/**
 * The shape of the command table (command_table.ts): commands, their options and operands as data, each with
 * a body that loads its own modules. The fast parser (argv.ts) and the commander program (program.ts) are
 * both built from it.
 */
import type { CliDeps, CommandContext, GlobalOptions } from "./context.ts";
import type { Output } from "./output.ts";

/** Starts the full-screen UI; supplied by main.ts so the command line does not depend on the UI. */
export type UiStarter = (ctx: CommandContext, opts: GlobalOptions & { strategy?: string }) => Promise<number>;

/** What a command body gets besides its context: the composition root's parts and where output goes. */
export interface CommandEnv {
  readonly deps: CliDeps;
  readonly output: Output;
  readonly startUi: UiStarter;
}

/** A command's body, run inside an open CommandContext; a number is the exit code. */
export type CommandBody = (
  ctx: CommandContext,
  opts: Record<string, unknown>,
  args: readonly string[],
  env: CommandEnv,
) => Promise<void | number>;

/** One option, written as commander writes it: `"-d, --depth <n>"`, `"--json"`. */
export interface OptionSpec {
  readonly flags: string;
  readonly description: string;
  /** The value when the option is not given (shown in --help). */
  readonly default?: string;
  /** The command cannot run without it. */
  readonly mandatory?: boolean;
  /** The version option: commander prints the version and exits. */
  readonly version?: boolean;
}

/** One operand: `"<file>"`, `"<id...>"` (one or more). */
export interface ArgumentSpec {
  readonly name: string;
  readonly description: string;
}

export interface CommandSpec {
  readonly name: string;
  readonly description: string;
  /** In the order --help lists them. */
  readonly options: readonly OptionSpec[];
  readonly arguments?: readonly ArgumentSpec[];
  /** Text after the generated help. */
  readonly helpAfter?: (deps: CliDeps) => string;
  readonly run: CommandBody;
}

/** The program: the default command (the screen) with its options, and the named commands. */
export interface CommandTable {
  readonly root: CommandSpec & {
    /** The help option of every command. */
    readonly help: OptionSpec;
  };
  readonly commands: readonly CommandSpec[];
}

/** An option's flags taken apart: `-d`, `--depth`, the key in the parsed options (`depth`), a value or not. */
export interface Flags {
  readonly short?: string;
  readonly long: string;
  readonly key: string;
  readonly takesValue: boolean;
}

/** Takes `"-p, --passphrase-file <file>"` apart; the key is commander's: the long name in camelCase. */
export function parseFlags(flags: string): Flags {
  const m = /^(?:(-[A-Za-z]), )?(--[a-z][a-z-]*)(?: (<[a-z.]+>))?$/.exec(flags);
  if (!m) throw new TypeError(`parseFlags: cannot read option flags "${flags}"`);
  const long = m[2]!;
  const key = long.slice(2).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
  return { short: m[1], long, key, takesValue: m[3] !== undefined };
}
