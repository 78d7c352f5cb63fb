import {
  AmbiguousReply,
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
 * API0004 "Invalid nonce": the nonce was used in the last 150 s. PyTrader's nonces are fresh UUIDs, so for an
 * order this proves nothing about the order: a copy of the same request (same nonce) sent again on the way,
 * by an HTTP stack or a proxy, gets exactly this answer after the first copy went through.
 */
export class NonceRefused extends AuthenticationError {}

/** How long to hold off after a rate-limit answer (400.002 carries no Retry-After). */
export const RATE_LIMIT_BACKOFF_MS = 2_000;

const CLOCK_HINT = "check that this computer's clock is right (Bitstamp allows 150 s)";

/**
 * The authentication errors of https://www.bitstamp.net/api/ ("Possible authentication errors"): each a
 * certain refusal, nothing was carried out. API0017/0018 are the clock.
 */
const AUTH_CODES: Readonly<Record<string, string>> = {
  API0001: "API key not found",
  API0002: "IP address not allowed",
  API0003: "No permission found",
  API0004: "Invalid nonce",
  API0005: "Invalid signature",
  API0006: "Your account is frozen",
  API0008: "Authentication failed",
  API0009: "FATCA information missing",
  API0010: "Invalid version",
  API0011: "Wrong API key format",
  API0012: "X-Auth header is required",
  API0013: "X-Auth-Signature header is required",
  API0014: "X-Auth-Nonce header is required",
  API0015: "X-Auth-Timestamp header is required",
  API0016: "X-Auth-Version header is required",
  API0017: "X-Auth-Timestamp header is out of boundaries",
  API0018: "X-Auth-Timestamp header is invalid",
};

/** The `error`/`reason` texts of the classic form, as in the docs' "Possible errors" tables and ccxt. */
const TEXTS: readonly [RegExp, (m: string) => Error][] = [
  [/X-Auth-Timestamp/i, (m) => new AuthenticationError(`${m}; ${CLOCK_HINT}`)],
  [
    /^(API key not found|No permission found|IP address not allowed|Invalid signature|Authentication failed|Wrong API key format|Your account is frozen)/i,
    (m) => new AuthenticationError(m),
  ],
  [/Invalid nonce/i, (m) => new NonceRefused(m)],
  [/rate limit/i, (m) => new RateLimited(m, RATE_LIMIT_BACKOFF_MS)],
  [/maintenance/i, (m) => new ExchangeUnavailable(m)],
  // "Order could not be placed (perhaps due to internal error or trade halt)": taken as not certain.
  [/could not be placed|internal error|try again/i, (m) => new ExchangeUnavailable(m)],
  [/order not found/i, (m) => new OrderNotFound(m)],
  [/check your account balance|you (can only|need) .* available/i, (m) => new InsufficientFunds(m)],
  [
    /minimum order|maximum .* amount|price is more than|ensure (this value|that there)|enter a number|missing .*param|invalid .*param|limit_price|daily_order|ioc_order|fok_order|gtd_order/i,
    (m) => new InvalidOrder(m),
  ],
];

/**
 * The error an answer holding Bitstamp's refusal stands for, or null when the answer is not an error.
 * Both forms (protocols.md §5.1.5): the classic `{"status":"error","reason":...,"code":"API0004"}` (reason
 * a text or a map of field errors) and `{"response_code":"400.009","response_explanation":...}`; also
 * `{"error": "..."}`. Certain refusals are ExchangeError subclasses; trouble on Bitstamp's side
 * (rate limit, maintenance, 5xx codes, "could not be placed") a NetworkError; an error in a shape this
 * build cannot place is a plain ExchangeError (placeOrder treats that as "may exist").
 */
export function answerError(body: unknown, httpStatus: number, action: string): Error | null {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return null;
  const b = body as Record<string, unknown>;
  const responseCode = typeof b.response_code === "string" && /^[45]\d\d\.\d{3}$/.test(b.response_code)
    ? b.response_code
    : null;
  const isError = b.status === "error" || typeof b.error === "string" || responseCode !== null ||
    (httpStatus >= 400 && (b.reason !== undefined || b.code !== undefined));
  if (!isError) return null;
  const reason = reasonText(b.reason ?? b.response_explanation ?? b.error ?? b.message);
  const code = typeof b.code === "string" ? b.code : null;
  const detail = [responseCode ?? code, reason].filter((x) => x).join(" ");
  const message = `Cannot ${action}: ${detail || `HTTP ${httpStatus}`}`;
  if (code === "API0004") return new NonceRefused(message);
  if (code && AUTH_CODES[code]) {
    return new AuthenticationError(
      code === "API0017" || code === "API0018" ? `${message}; ${CLOCK_HINT}` : message,
    );
  }
  if (responseCode) return byResponseCode(responseCode, message);
  if (typeof b.reason === "object" && b.reason !== null) return new InvalidOrder(message);
  for (const [re, make] of TEXTS) if (re.test(reason)) return make(message);
  return new ExchangeError(message);
}

/**
 * The 500.xxx codes that say nothing was matched; the rest (unknown server error, serializing, timeouts,
 * matching blocked, cancel errors) leave the outcome open.
 */
const REFUSED_500: ReadonlySet<string> = new Set([
  "500.004",
  "500.005",
  "500.006",
  "500.008",
  "500.010",
  "500.011",
  "500.014",
  "500.015",
  "500.017",
  "500.018",
]);

/** The response codes table of https://www.bitstamp.net/api/ ("Response codes"). */
function byResponseCode(code: string, message: string): Error {
  switch (code) {
    case "400.002":
      return new RateLimited(message, RATE_LIMIT_BACKOFF_MS);
    case "400.009":
      return new InsufficientFunds(message);
    case "400.019":
      // The client id is taken: an order with it exists (a copy of this very request gets this answer after
      // the first went in). Never a rejection: it is looked up by that id.
      return new AmbiguousReply(`${message}; an order with this client id exists and is looked up`);
    case "404.002":
      return new OrderNotFound(message);
    case "404.003":
    case "404.007":
      return new UnknownSymbol(message);
    case "404.004":
      return new AuthenticationError(message);
  }
  const family = code.slice(0, 3);
  if (family === "400") return new InvalidOrder(message);
  if (family === "403") return new AuthenticationError(message);
  if (family === "500") {
    return REFUSED_500.has(code) ? new InvalidOrder(message) : new ExchangeUnavailable(message);
  }
  return new ExchangeError(message);
}

/** A reason as one line: a text, or `{"amount": ["Ensure ..."], "__all__": [""]}` as "amount: Ensure ...". */
function reasonText(r: unknown): string {
  if (typeof r === "string") return r;
  if (typeof r !== "object" || r === null) return "";
  const parts: string[] = [];
  for (const [field, msgs] of Object.entries(r as Record<string, unknown>)) {
    const list = (Array.isArray(msgs) ? msgs : [msgs]).filter((m) => typeof m === "string" && m !== "");
    if (list.length === 0) continue;
    parts.push(field === "__all__" ? list.join(" ") : `${field}: ${list.join(" ")}`);
  }
  return parts.join("; ");
}

/**
 * A failed submit as the caller must see it (DESIGN.md §6): only a refusal certain for this very request
 * stays a refusal (the ExchangeError subclasses but NonceRefused, which a resent copy of a request that went
 * through gets too); anything else, a plain ExchangeError (an error this build cannot place, an answer that
 * cannot be read) included, means the order may exist and becomes a NetworkError, so that it is looked up
 * by its client id rather than taken as rejected.
 */
export function submitError(e: unknown, action: string): Error {
  return submitFailure(e, action, (refusal) => refusal instanceof NonceRefused);
}
