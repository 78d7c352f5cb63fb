import { UsageError } from "../core/mod.ts";
import { EXIT, exitCodeOf } from "./exit_codes.ts";
import { emitError, type Output } from "./output.ts";

/** The hint under a usage error of the program as a whole. */
export const ROOT_HINT = "Run 'pytrader --help' for the commands and options.";

/** Prints what a command threw (with its hint, or the --help hint for a usage error); returns the exit code. */
export function reportFailure(output: Output, json: boolean, e: unknown): number {
  const exit = exitCodeOf(e);
  const hint = (e as { hint?: string }).hint ?? (exit === EXIT.usage ? ROOT_HINT : undefined);
  emitError(output, json, e, hint);
  return exit;
}

/** Prints a command line that cannot be run as it stands; returns the usage exit code. */
export function reportUsage(output: Output, json: boolean, text: string, hint: string): number {
  emitError(output, json, new UsageError(text), hint);
  return EXIT.usage;
}
