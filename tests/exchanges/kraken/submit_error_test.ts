import { assert, assertEquals } from "../../assert.ts";
import { krakenError, submitError } from "../../../exchanges/kraken/errors.ts";
import {
  AmbiguousReply,
  AuthenticationError,
  ExchangeError,
  ExchangeUnavailable,
  InsufficientFunds,
  InvalidOrder,
  NetworkError,
  RequestTimeout,
  UnknownSymbol,
} from "../../../lib/core/mod.ts";

// DESIGN.md §6 and issue 10: a failed AddOrder is a refusal only when the answer is certain for this very
// request. Error strings from https://support.kraken.com/hc/en-us/articles/360001491786-API-error-messages.

const ACTION = 'place order on "BTC/USD" on kraken';
const submit = (text: string) => submitError(krakenError([text], ACTION), ACTION);

Deno.test("refusals certain for this request stay refusals (the order was not placed)", () => {
  const table: [string, new (...a: never[]) => Error][] = [
    ["EOrder:Insufficient funds", InsufficientFunds],
    ["EOrder:Order minimum not met", InvalidOrder],
    ["EGeneral:Invalid arguments:volume", InvalidOrder],
    ["EQuery:Unknown asset pair", UnknownSymbol],
    ["EAPI:Invalid key", AuthenticationError],
    ["EAPI:Invalid signature", AuthenticationError],
    ["EGeneral:Permission denied", AuthenticationError],
  ];
  for (const [text, cls] of table) {
    const e = submit(text);
    assert(e instanceof cls && e instanceof ExchangeError, `${text} -> ${e.name}`);
  }
});

Deno.test("EAPI:Invalid nonce on an order is not a refusal: a resent copy of a placed order gets it too", () => {
  const e = submit("EAPI:Invalid nonce");
  assert(e instanceof AmbiguousReply && e instanceof NetworkError && !(e instanceof ExchangeError), e.name);
  assert(e.message.startsWith(`Cannot ${ACTION}: EAPI:Invalid nonce; check`), e.message);
  assert(e.message.endsWith("; the order may exist"), e.message);
  // For reads it stays what it was: an AuthenticationError (they are retried once with a fresh nonce).
  assert(krakenError(["EAPI:Invalid nonce"], "read balances on kraken") instanceof AuthenticationError);
});

Deno.test("errors of unknown meaning and unreadable answers leave the outcome open; network errors pass as they are", () => {
  const unknown = submit("ETrade:Something new");
  assert(unknown instanceof AmbiguousReply, unknown.name);
  assertEquals(unknown.message, `Cannot ${ACTION}: ETrade:Something new; the order may exist`);
  const garbled = submitError(
    new ExchangeError(`Cannot ${ACTION}: the answer is not JSON ("<html>")`),
    ACTION,
  );
  assert(garbled instanceof AmbiguousReply, garbled.name);
  for (const e of [new RequestTimeout("t"), new ExchangeUnavailable("u")]) {
    assertEquals(submitError(e, ACTION), e);
  }
  assert(submitError(new TypeError("bug"), ACTION) instanceof AmbiguousReply);
});
