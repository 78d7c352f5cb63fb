import {
  AuthenticationError,
  ExchangeError,
  ExchangeUnavailable,
  InsufficientFunds,
  InvalidOrder,
  OrderNotFound,
  RateLimited,
  UnknownSymbol,
} from "../../lib/core/errors.ts";
import { submitFailure } from "../../lib/core/submit_failure.ts";

/**
 * `EAPI:Invalid nonce`: Kraken refused the request's nonce as not above the last one it took. For a read
 * that calls for a retry with a fresh nonce. For an order it proves nothing about the order: a copy of the
 * same request (same nonce) sent again on the way, by an HTTP stack or a proxy, gets exactly this answer
 * after the first copy was carried out.
 */
export class InvalidNonce extends AuthenticationError {}

/** How long to hold off after a rate-limit error (Kraken sends no Retry-After). */
export const RATE_LIMIT_BACKOFF_MS = 2_000;

const CLOCK_HINT = "check that this computer's clock is right " +
  "(when several programs share this API key, raise its nonce window in Kraken's API settings)";

/**
 * Kraken error strings (https://support.kraken.com/hc/en-us/articles/360001491786-API-error-messages) to
 * the error a caller can act on. `action` completes "Cannot ...": `place order on "BTC/USD" on kraken`.
 * Venue refusals are ExchangeError subclasses; trouble on the venue's side is a NetworkError subclass.
 */
export function krakenError(errors: readonly string[], action: string): Error {
  const first = errors[0] ?? "";
  const message = `Cannot ${action}: ${errors.join("; ")}`;
  if (first === "EAPI:Invalid nonce") return new InvalidNonce(`${message}; ${CLOCK_HINT}`);
  if (/^EAPI:Invalid (key|signature)$/.test(first) || first === "EGeneral:Permission denied") {
    return new AuthenticationError(message);
  }
  if (/rate limit|too many requests/i.test(first)) return new RateLimited(message, RATE_LIMIT_BACKOFF_MS);
  if (first.startsWith("EService:") || first === "EGeneral:Temporary lockout") {
    return new ExchangeUnavailable(message);
  }
  if (first.startsWith("EGeneral:Internal error")) return new ExchangeUnavailable(message);
  if (first === "EQuery:Unknown asset pair") return new UnknownSymbol(message);
  if (first === "EOrder:Unknown order") return new OrderNotFound(message);
  if (/^EOrder:Insufficient (funds|margin)/.test(first)) return new InsufficientFunds(message);
  if (first.startsWith("EOrder:") || first.startsWith("EGeneral:Invalid arguments")) {
    return new InvalidOrder(message);
  }
  return new ExchangeError(message);
}

/**
 * A failed submit as the caller must see it (DESIGN.md §6): only a refusal that is certain for this very
 * request stays a refusal (the ExchangeError subclasses but InvalidNonce: a resent copy of a request that
 * went through gets that too); anything else, a generic or unreadable answer included, means the order may
 * exist and becomes a NetworkError, so that it is looked up rather than taken as rejected.
 */
export function submitError(e: unknown, action: string): Error {
  return submitFailure(e, action, (refusal) => refusal instanceof InvalidNonce);
}
