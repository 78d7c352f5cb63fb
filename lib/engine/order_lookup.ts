import { ExchangeError } from "../core/mod.ts";

/**
 * The outcome policy (DESIGN.md §6) for a failed request: an ExchangeError is the venue's explicit refusal;
 * anything else (timeout, disconnect, 5xx, rate limit, a bug) leaves the outcome unknown.
 */
export function isRefusal(e: unknown): boolean {
  return e instanceof ExchangeError;
}
