import { AuthenticationError, ConfigError, UnknownSymbol, UsageError } from "../core/mod.ts";

export { errorKind } from "../core/mod.ts";

/** The documented exit codes, the same for every command. */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  authentication: 3,
  partial: 4,
} as const;

export function exitCodeOf(e: unknown): number {
  if (e instanceof UsageError || e instanceof ConfigError || e instanceof UnknownSymbol) return EXIT.usage;
  if (e instanceof AuthenticationError) return EXIT.authentication;
  return EXIT.failure;
}

/** The exit code for an error known only by its class name (an order's `errorKind`). */
export function exitCodeOfKind(kind: string | undefined): number {
  if (kind === "AuthenticationError") return EXIT.authentication;
  if (kind === "UnknownSymbol") return EXIT.usage;
  return EXIT.failure;
}
