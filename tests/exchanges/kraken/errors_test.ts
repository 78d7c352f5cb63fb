import { assert, assertEquals } from "../../assert.ts";
import { krakenError } from "../../../exchanges/kraken/errors.ts";
import {
  AuthenticationError,
  ExchangeError,
  ExchangeUnavailable,
  InsufficientFunds,
  InvalidOrder,
  NetworkError,
  OrderNotFound,
  RateLimited,
  UnknownSymbol,
} from "../../../lib/core/mod.ts";

// Error strings from https://support.kraken.com/hc/en-us/articles/360001491786-API-error-messages
// (and protocols.md §1.1); the EOrder:Invalid price text is Kraken's tick-size refusal.
const TABLE: [string, new (...a: never[]) => Error][] = [
  ["EAPI:Invalid key", AuthenticationError],
  ["EAPI:Invalid signature", AuthenticationError],
  ["EAPI:Invalid nonce", AuthenticationError],
  ["EGeneral:Permission denied", AuthenticationError],
  ["EOrder:Insufficient funds", InsufficientFunds],
  ["EOrder:Insufficient margin", InsufficientFunds],
  ["EOrder:Order minimum not met", InvalidOrder],
  ["EOrder:Cost minimum not met", InvalidOrder],
  ["EOrder:Tick size check failed", InvalidOrder],
  ["EOrder:Invalid price:XBTUSD price can only be specified up to 1 decimals.", InvalidOrder],
  ["EOrder:Orders limit exceeded", InvalidOrder],
  ["EGeneral:Invalid arguments", InvalidOrder],
  ["EGeneral:Invalid arguments:volume", InvalidOrder],
  ["EOrder:Unknown order", OrderNotFound],
  ["EAPI:Rate limit exceeded", RateLimited],
  ["EOrder:Rate limit exceeded", RateLimited],
  ["EGeneral:Too many requests", RateLimited],
  ["EService:Unavailable", ExchangeUnavailable],
  ["EService:Busy", ExchangeUnavailable],
  ["EService:Market in cancel_only mode", ExchangeUnavailable],
  ["EGeneral:Temporary lockout", ExchangeUnavailable],
  ["EGeneral:Internal error", ExchangeUnavailable],
  ["EQuery:Unknown asset pair", UnknownSymbol],
];

Deno.test("Kraken error strings map to the error hierarchy, the venue's words kept in the message", () => {
  for (const [text, cls] of TABLE) {
    const e = krakenError([text], 'place order on "BTC/USD" on kraken');
    assert(e instanceof cls, `${text} -> ${e.name}, expected ${cls.name}`);
    assert(e.message.startsWith(`Cannot place order on "BTC/USD" on kraken: ${text}`), e.message);
  }
});

Deno.test("refusals are ExchangeErrors; trouble on the venue's side is a NetworkError (the order may exist)", () => {
  for (const [text] of TABLE) {
    const e = krakenError([text], "x");
    const refusal = e instanceof ExchangeError;
    assertEquals(refusal, !(e instanceof NetworkError), text);
  }
  assert(krakenError(["EService:Unavailable"], "x") instanceof NetworkError);
  assert(krakenError(["EOrder:Insufficient funds"], "x") instanceof ExchangeError);
});

Deno.test("EAPI:Invalid nonce says to check the clock", () => {
  assertEquals(
    krakenError(["EAPI:Invalid nonce"], "read balances on kraken").message,
    "Cannot read balances on kraken: EAPI:Invalid nonce; check that this computer's clock is right " +
      "(when several programs share this API key, raise its nonce window in Kraken's API settings)",
  );
});

Deno.test("rate limits carry a wait; unknown strings stay ExchangeErrors with every message kept", () => {
  assert((krakenError(["EAPI:Rate limit exceeded"], "x") as RateLimited).retryAfterMs > 0);
  const e = krakenError(["ETrade:Something new", "WGeneral:warning"], "list orders on kraken");
  assertEquals(e.constructor, ExchangeError);
  assertEquals(e.message, "Cannot list orders on kraken: ETrade:Something new; WGeneral:warning");
});
