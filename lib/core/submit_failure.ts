import { AmbiguousReply, ExchangeError, NetworkError } from "./errors.ts";

/**
 * A failed submit as the caller must see it (DESIGN.md §6): a NetworkError stays one; a refusal certain for
 * this very request (an ExchangeError subclass) stays a refusal, unless `copyGetsIt` says a copy of a request
 * that went through would get it too (a nonce refused as used); anything else, a plain ExchangeError (an error
 * of unknown meaning, an answer that cannot be read) included, means the order may exist and becomes an
 * AmbiguousReply, so that it is looked up by client id rather than taken as rejected.
 */
export function submitFailure(
  e: unknown,
  action: string,
  copyGetsIt: (refusal: ExchangeError) => boolean = () => false,
): Error {
  if (e instanceof NetworkError) return e;
  if (e instanceof ExchangeError && e.constructor !== ExchangeError && !copyGetsIt(e)) return e;
  const detail = e instanceof Error ? e.message.replace(`Cannot ${action}: `, "") : String(e);
  return new AmbiguousReply(`Cannot ${action}: ${detail}; the order may exist`, { cause: e });
}
