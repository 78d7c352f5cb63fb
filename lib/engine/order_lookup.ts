import { ExchangeError } from "../core/mod.ts";

/**
 * The outcome policy (DESIGN.md §6) for a failed request: an ExchangeError is the venue's refusal of this
 * very request (adapters promise that: see lib/core/errors.ts); anything else (timeout, disconnect, 5xx,
 * rate limit, an ambiguous or unreadable answer, a bug) leaves the outcome unknown, to be settled by asking
 * the venue for the client order id.
 */
export function isRefusal(e: unknown): boolean {
  return e instanceof ExchangeError;
}
