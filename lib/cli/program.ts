/**
 * The command table as a commander program: what prints --help and --version and explains every line the
 * fast parser (argv.ts) leaves to it, unknown commands and options, missing values and operands. Loaded
 * only for those lines: commander is CommonJS and brings Node compatibility with it.
 */
import { Command, CommanderError, Option } from "commander";
import { VERSION } from "../core/mod.ts";
import type { CommandEnv, CommandSpec, CommandTable, OptionSpec } from "./command_spec.ts";
import type { CliDeps } from "./context.ts";
import { EXIT } from "./exit_codes.ts";
import { type Output } from "./output.ts";
import { reportFailure, reportUsage, ROOT_HINT } from "./report.ts";

/** Runs `spec` with the options and operands commander found (`opts` as optsWithGlobals gives them). */
export type ActionRunner = (
  spec: CommandSpec,
  opts: Record<string, unknown>,
  args: readonly string[],
) => Promise<void>;

function addOptions(cmd: Command, options: readonly OptionSpec[]): void {
  for (const o of options) {
    if (o.version) {
      cmd.version(VERSION, o.flags, o.description);
      continue;
    }
    const option = new Option(o.flags, o.description);
    if (o.default !== undefined) option.default(o.default);
    if (o.mandatory) option.makeOptionMandatory();
    cmd.addOption(option);
  }
}

function describe(cmd: Command, spec: CommandSpec, deps: CliDeps): void {
  cmd.description(spec.description);
  for (const a of spec.arguments ?? []) cmd.argument(a.name, a.description);
  if (spec.helpAfter) cmd.addHelpText("after", spec.helpAfter(deps));
}

/** The commander program of `table`; each command's action hands its parse to `run`. */
export function buildProgram(
  table: CommandTable,
  deps: CliDeps,
  output: Output,
  run: ActionRunner,
): Command {
  const { root } = table;
  const action = (spec: CommandSpec) => async (...args: unknown[]) => {
    const cmd = args[args.length - 1] as Command;
    await run(spec, cmd.optsWithGlobals(), cmd.args);
  };
  const writeOut = (s: string) => output.out(s.trimEnd());
  const program = new Command(root.name).helpOption(root.help.flags, root.help.description);
  describe(program, root, deps);
  addOptions(program, root.options);
  program.showSuggestionAfterError(true)
    .allowExcessArguments(false)
    .exitOverride()
    .configureOutput({ writeOut, writeErr: () => {} })
    .action(action(root));
  for (const spec of table.commands) {
    const cmd = program.command(spec.name);
    describe(cmd, spec, deps);
    addOptions(cmd, spec.options);
    cmd.action(action(spec)).exitOverride().configureOutput({ writeOut, writeErr: () => {} });
  }
  return program;
}

/** Parses and runs `argv` with commander; returns the exit code, never throws. */
export async function runWithCommander(
  argv: readonly string[],
  table: CommandTable,
  env: CommandEnv,
  run: (spec: CommandSpec, opts: Record<string, unknown>, args: readonly string[]) => Promise<number>,
): Promise<number> {
  const { output } = env;
  let code: number = EXIT.ok;
  let json = argv.includes("--json");
  const program = buildProgram(table, env.deps, output, async (spec, opts, args) => {
    json = Boolean(opts.json);
    code = await run(spec, opts, args);
  });
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (
        e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help"
      ) {
        return EXIT.ok;
      }
      const usage = usageMessage(e, program);
      return reportUsage(output, json, usage.text, usage.hint);
    }
    return reportFailure(output, json, e);
  }
  return code;
}

/**
 * The one-line explanation of a commander error. An operand before any command that names no command is an
 * unknown command, whatever else is wrong on the line (`pytrader frobnicate --json`); stray operands of a
 * known command say so (`pytrader book -- extra`) instead of calling the command unknown.
 */
function usageMessage(e: CommanderError, program: Command): { text: string; hint: string } {
  // Flags of the commands that take no value (--json, --validate) may come before the command's name.
  const flags = new Set(
    program.commands.flatMap((c) => c.options.filter((o) => !o.required && !o.optional).map((o) => o.long)),
  );
  const first = program.args.find((a) => !flags.has(a));
  const sub = first === undefined ? undefined : program.commands.find((c) => c.name() === first);
  if (first !== undefined && sub === undefined && !first.startsWith("-")) {
    const others = program.commands.map((c) => c.name()).join(", ");
    return { text: `Unknown command "${first}"; the commands are ${others}`, hint: ROOT_HINT };
  }
  if (sub !== undefined && e.code === "commander.excessArguments") {
    const stray = sub.args.slice(sub.registeredArguments.length);
    const takes = sub.registeredArguments.length === 0
      ? "takes no arguments"
      : `takes ${sub.registeredArguments.map((a) => `<${a.name()}>`).join(" ")}`;
    return {
      text: `Cannot run ${sub.name()}: unexpected ${stray.length === 1 ? "argument" : "arguments"} ${
        stray.map((a) => `"${a}"`).join(" ")
      } (${sub.name()} ${takes})`,
      hint: `Run 'pytrader ${sub.name()} --help' for its options.`,
    };
  }
  const message = e.message.replace(/^error: /, "");
  return { text: message.charAt(0).toUpperCase() + message.slice(1), hint: ROOT_HINT };
}
