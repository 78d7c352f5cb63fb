import { assert, assertEquals } from "../../assert.ts";

function assertInstanceOf(e: unknown, kind: new (...a: never[]) => Error): void {
  assert(e instanceof kind, `${e} is a ${kind.name}`);
}
import {
  AuthenticationError,
  ExchangeError,
  ExchangeUnavailable,
  InsufficientFunds,
  InvalidOrder,
  NetworkError,
  OrderNotFound,
  RateLimited,
  RequestTimeout,
  UnknownSymbol,
} from "../../../lib/core/mod.ts";
import { errorBody, poloniexError, submitError, venueCode } from "../../../exchanges/poloniex/errors.ts";
import { documentedRest } from "../../fakes/poloniex/server.ts";

const ACTION = 'place order on "BTC/USDT" on poloniex';

Deno.test("poloniex error codes map onto the core errors; the message keeps code and text", () => {
  const doc = errorBody(JSON.stringify(documentedRest("error")));
  assertEquals(doc, { code: 21709, message: "Low available balance" });
  const low = poloniexError(400, doc.code, doc.message, ACTION);
  assertInstanceOf(low, InsufficientFunds);
  assertEquals(low.message, 'Cannot place order on "BTC/USDT" on poloniex: 21709 Low available balance');
  assertEquals(venueCode(low), 21709);
  const cases: [number, number | null, new (...a: never[]) => Error][] = [
    [400, 21301, OrderNotFound],
    [400, 21359, OrderNotFound],
    [400, 21330, InvalidOrder],
    [400, 10040, UnknownSymbol],
    [400, 24201, ExchangeUnavailable],
    [400, 603, RequestTimeout],
    [400, 21600, AuthenticationError],
    [401, null, AuthenticationError],
    [429, null, RateLimited],
    [503, null, ExchangeUnavailable],
  ];
  for (const [status, code, kind] of cases) assertInstanceOf(poloniexError(status, code, "x", ACTION), kind);
  assertEquals(errorBody("<html>502 Bad Gateway</html>"), {
    code: null,
    message: "<html>502 Bad Gateway</html>",
  });
});

Deno.test("poloniex submit errors: certain refusals stay; an unknown code or 21312 never counts as a rejection", () => {
  const low = poloniexError(400, 21709, "Low available balance", ACTION);
  assertEquals(submitError(low, ACTION), low);
  const unknown = submitError(poloniexError(400, 99999, "something new", ACTION), ACTION);
  assertInstanceOf(unknown, NetworkError);
  assertEquals(
    unknown.message,
    'Cannot place order on "BTC/USDT" on poloniex: 99999 something new; the order may exist',
  );
  // "Client orderId already exists": the order is there; it is never reported as refused.
  const duplicate = poloniexError(400, 21312, "Client orderId already exists", ACTION);
  assertEquals(duplicate.constructor, ExchangeError);
  assertInstanceOf(submitError(duplicate, ACTION), NetworkError);
});
