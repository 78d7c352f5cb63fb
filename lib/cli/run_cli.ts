import { UsageError, venueList, venueNamed } from "../core/mod.ts";
import { parseLine } from "./argv.ts";
import type { CommandEnv, CommandSpec, UiStarter } from "./command_spec.ts";
import { COMMANDS } from "./command_table.ts";
import { type CliDeps, type GlobalOptions, openContext } from "./context.ts";
import { EXIT } from "./exit_codes.ts";
import { type Output, stdOutput } from "./output.ts";
import { reportFailure } from "./report.ts";

/** Runs the command line and returns the process exit code; never throws, never calls Deno.exit. */
export async function runCli(
  argv: readonly string[],
  deps: CliDeps,
  startUi: UiStarter,
  output: Output = stdOutput,
): Promise<number> {
  // `deno task start -- book` hands the program a literal "--" first: it separates the task's arguments,
  // not the program's options from its operands.
  if (argv[0] === "--") argv = argv.slice(1);
  const env: CommandEnv = { deps, output, startUi };
  const line = parseLine(argv, COMMANDS);
  if (line) {
    try {
      return await runCommand(line.command, line.opts, line.args, env);
    } catch (e) {
      return reportFailure(output, Boolean(line.opts.json), e);
    }
  }
  // Help, the version, and every line that is wrong: commander reads them (and is loaded only then).
  const { runWithCommander } = await import("./program.ts");
  return await runWithCommander(argv, COMMANDS, env, (spec, opts, args) => runCommand(spec, opts, args, env));
}

/** Opens the context (config, log, venue), runs the command's body in it, closes it; the exit code. */
async function runCommand(
  spec: CommandSpec,
  opts: Record<string, unknown>,
  args: readonly string[],
  env: CommandEnv,
): Promise<number> {
  const { venues } = env.deps;
  if (opts.exchange !== undefined && !venueNamed(venues, String(opts.exchange))) {
    throw new UsageError(`Cannot use exchange "${opts.exchange}": the exchanges are ${venueList(venues)}`);
  }
  const screen = spec === COMMANDS.root && !opts.addSecret;
  const ctx = await openContext(opts as unknown as GlobalOptions, env.deps, screen);
  try {
    const code = await spec.run(ctx, opts, args, env);
    return typeof code === "number" ? code : EXIT.ok;
  } finally {
    await ctx.close();
  }
}
