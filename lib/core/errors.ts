/**
 * Domain errors callers catch. Misuse is TypeError/RangeError. Messages read
 * `Cannot place order on "BTC/USD": volume 0.00001 is below the minimum 0.0001`.
 *
 * For a request that changes something (placing an order), an ExchangeError means the venue certainly did
 * not carry out this very request; anything that does not prove that (a dropped line, a 5xx, an answer that
 * cannot be read or that a second copy of the request would also get) is a NetworkError, and the caller
 * must find out what happened by asking the venue (DESIGN.md §6).
 */

export class ExchangeError extends Error {
  override name = "ExchangeError";
}
export class AuthenticationError extends ExchangeError {
  override name = "AuthenticationError";
}
export class InsufficientFunds extends ExchangeError {
  override name = "InsufficientFunds";
}
export class InvalidOrder extends ExchangeError {
  override name = "InvalidOrder";
}
export class OrderNotFound extends ExchangeError {
  override name = "OrderNotFound";
}
export class UnknownSymbol extends ExchangeError {
  override name = "UnknownSymbol";
}

/** A local check refused the order before anything was sent (size, increment, funds, price band, input). */
export class OrderDenied extends Error {
  override name = "OrderDenied";
}

export class NetworkError extends Error {
  override name = "NetworkError";
}
export class RequestTimeout extends NetworkError {
  override name = "RequestTimeout";
}
export class RateLimited extends NetworkError {
  override name = "RateLimited";
  constructor(message: string, readonly retryAfterMs: number, options?: ErrorOptions) {
    super(message, options);
  }
}
export class ExchangeUnavailable extends NetworkError {
  override name = "ExchangeUnavailable";
}
/**
 * The venue answered, but the answer does not show whether it carried out the request: a garbled body, an
 * error of unknown meaning, or a refusal that a copy of the same request sent again on the way would get
 * after the first copy went through (Kraken's `EAPI:Invalid nonce`).
 */
export class AmbiguousReply extends NetworkError {
  override name = "AmbiguousReply";
}

/** The local book cannot be trusted: checksum mismatch, sequence gap, crossed book, bad values. */
export class BookIntegrityError extends Error {
  override name = "BookIntegrityError";
}

/** A broken or invalid configuration file; `line` is 1-based when known. */
export class ConfigError extends Error {
  override name = "ConfigError";
  constructor(message: string, readonly file: string, readonly line?: number, options?: ErrorOptions) {
    super(message, options);
  }
}

/** Wrong command-line usage: exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
  constructor(message: string, readonly hint?: string) {
    super(message);
  }
}

/** The message of anything thrown, for "Cannot X: <detail>" texts. */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The class name of a thrown error ("AuthenticationError"), kept on orders so callers can act on the kind. */
export function errorKind(e: unknown): string {
  return e instanceof Error ? e.name : "Error";
}
