import {
  AuthenticationError,
  ExchangeError,
  ExchangeUnavailable,
  InsufficientFunds,
  InvalidOrder,
  OrderNotFound,
  RateLimited,
  RequestTimeout,
  UnknownSymbol,
} from "../../lib/core/errors.ts";
import { submitFailure } from "../../lib/core/submit_failure.ts";
import { parseLexemeJson } from "../../lib/net/lexeme_json.ts";

/** How long to hold off after a rate-limit answer without Retry-After. */
export const RATE_LIMIT_BACKOFF_MS = 1_000;

/** "Client orderId already exists": the order with this client id is at the venue (protocols.md §5.2.5). */
export const DUPLICATE_CLIENT_ID = 21312;
/** "Order not found". */
export const ORDER_NOT_FOUND = 21301;
/** "Order was already canceled or filled". */
export const ALREADY_CLOSED = 21359;

/**
 * Poloniex error codes (protocols.md §5.2.5; the exception map of github ccxt/ccxt : ts/src/poloniex.ts) by
 * the error a caller can act on. Only refusals that certainly concern the request itself are ExchangeError
 * subclasses; codes of trouble on the venue's side are NetworkError subclasses; codes not listed here become
 * a plain ExchangeError, which placing an order treats as "the order may exist" (submitError).
 */
const CODES: ReadonlyMap<number, (message: string) => Error> = new Map<number, (m: string) => Error>([
  [500, (m) => new ExchangeUnavailable(m)], // Internal System Error
  [603, (m) => new RequestTimeout(m)], // Internal Request Timeout
  [24201, (m) => new ExchangeUnavailable(m)], // Service busy
  [21340, (m) => new ExchangeUnavailable(m)], // Maintenance mode: no order creation or cancelation
  [21100, (m) => new AuthenticationError(m)], // Invalid account
  [21600, (m) => new AuthenticationError(m)], // Account not found
  [21605, (m) => new AuthenticationError(m)], // Invalid account type
  [21704, (m) => new AuthenticationError(m)], // Missing UserId and/or AccountId
  [21601, (m) => new AuthenticationError(m)], // Account locked
  [21351, (m) => new AuthenticationError(m)], // Trading for this account is frozen
  [21353, (m) => new AuthenticationError(m)], // Trading for US customers is not supported
  [21354, (m) => new AuthenticationError(m)], // Account needs to be verified
  [21709, (m) => new InsufficientFunds(m)], // Low available balance
  [21721, (m) => new InsufficientFunds(m)],
  [10040, (m) => new UnknownSymbol(m)], // Invalid symbol
  [24101, (m) => new UnknownSymbol(m)], // Invalid symbol
  [10020, (m) => new UnknownSymbol(m)], // Invalid currency
  [10041, (m) => new InvalidOrder(m)], // Symbol frozen for trading
  [21352, (m) => new InvalidOrder(m)], // Trading for this currency is frozen
  [21341, (m) => new InvalidOrder(m)], // Post-only mode
  [21342, (m) => new InvalidOrder(m)],
  [21343, (m) => new InvalidOrder(m)],
  [ORDER_NOT_FOUND, (m) => new OrderNotFound(m)],
  [21305, (m) => new OrderNotFound(m)], // Order is canceled
  [ALREADY_CLOSED, (m) => new OrderNotFound(m)],
  ...[
    21309,
    21310,
    21311,
    21314,
    21315,
    21317,
    21319,
    21320,
    21321,
    21322,
    21327,
    21328,
    21330,
    21335,
    21336,
    21337,
    21348,
    21349,
    21350,
    21356,
    21360,
  ].map((code): [number, (m: string) => Error] => [code, (m) => new InvalidOrder(m)]),
]);

/** A venue answer's `{code, message}`, when it has them. */
export function errorBody(text: string): { code: number | null; message: string } {
  try {
    const v = parseLexemeJson(text) as { code?: unknown; message?: unknown } | null;
    if (typeof v === "object" && v !== null && !Array.isArray(v)) {
      const code = Number(v.code);
      return {
        code: Number.isSafeInteger(code) ? code : null,
        message: typeof v.message === "string" ? v.message : "",
      };
    }
  } catch {
    // Not JSON: an HTML error page, a proxy's text.
  }
  return { code: null, message: text.slice(0, 80).replace(/\s+/g, " ").trim() };
}

/**
 * The error for a refusal: a non-2xx answer (`status`) with `{code, message}`, or an item of a batch answer
 * (status 200). `action` completes "Cannot ...": `place order on "BTC/USDT" on poloniex`.
 */
export function poloniexError(status: number, code: number | null, message: string, action: string): Error {
  const words = [code === null ? "" : `${code}`, message].filter((s) => s !== "").join(" ");
  const text = `Cannot ${action}: ${words || `HTTP ${status}`}`;
  const known = code === null ? undefined : CODES.get(code);
  const e = known
    ? known(text)
    : status === 401 || status === 403
    ? new AuthenticationError(text)
    : status === 429
    ? new RateLimited(text, RATE_LIMIT_BACKOFF_MS)
    : status === 408 || status >= 500
    ? new ExchangeUnavailable(text)
    : new ExchangeError(text);
  if (code !== null) CODE_OF.set(e, code);
  return e;
}

const CODE_OF = new WeakMap<Error, number>();

/** The Poloniex code of an error made by poloniexError, or null. */
export function venueCode(e: unknown): number | null {
  return e instanceof Error ? CODE_OF.get(e) ?? null : null;
}

/**
 * A failed submit as the caller must see it (DESIGN.md §6): Poloniex's certain refusals (the ExchangeError
 * subclasses) stay; anything else, a code this build does not know or an answer it cannot read, means the
 * order may exist and becomes a NetworkError, so that it is looked up by client id rather than taken as
 * rejected.
 */
export function submitError(e: unknown, action: string): Error {
  return submitFailure(e, action);
}
