import { assert, assertEquals } from "../../assert.ts";
import {
  AmbiguousReply,
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
import { answerError, submitError } from "../../../exchanges/bitstamp/errors.ts";

const action = 'place order on "BTC/USD" on bitstamp';
const mapped = (body: unknown, status = 400) => answerError(body, status, action);

Deno.test("the classic form {status, reason, code}: authentication codes are certain refusals (AuthenticationError)", () => {
  // ccxt ts/src/bitstamp.ts handleErrors; codes from https://www.bitstamp.net/api/ "Possible authentication errors".
  const nonce = mapped({ status: "error", reason: "Invalid nonce", code: "API0004" }, 403);
  assert(nonce instanceof AuthenticationError);
  assertEquals(nonce.message, `Cannot ${action}: API0004 Invalid nonce`);
  assert(
    mapped({ status: "error", reason: "Invalid signature", code: "API0005" }) instanceof AuthenticationError,
  );
  assert(
    mapped({ status: "error", reason: "No permission found", code: "API0003" }) instanceof
      AuthenticationError,
  );
  const clock = mapped({
    status: "error",
    reason: "X-Auth-Timestamp header is out of boundaries",
    code: "API0017",
  });
  assert(clock instanceof AuthenticationError && clock.message.includes("clock"), clock?.message);
});

Deno.test("the classic form's reasons: field errors are invalid orders, balance texts insufficient funds", () => {
  // {"status": "error", "reason": {"amount": ["Ensure that there are no more than 0 decimal places."], "__all__": [""]}}: ccxt.
  const fields = mapped({
    status: "error",
    reason: { amount: ["Ensure that there are no more than 0 decimal places."], __all__: [""] },
  });
  assert(fields instanceof InvalidOrder);
  assertEquals(
    fields.message,
    `Cannot ${action}: amount: Ensure that there are no more than 0 decimal places.`,
  );
  // The docs' "Possible errors" of buy limit order.
  assert(
    mapped({
      status: "error",
      reason:
        "You need 100.00 USD to open that order. You have only 1.00 USD available. Check your account balance for details.",
    }) instanceof InsufficientFunds,
  );
  assert(
    mapped({ status: "error", reason: "Minimum order size is 10 USD / 10 EUR / 10 GBP" }) instanceof
      InvalidOrder,
  );
  assert(
    mapped({ status: "error", reason: "Price is more than 20% above market price." }) instanceof InvalidOrder,
  );
  assert(mapped({ status: "error", reason: "Order not found" }) instanceof OrderNotFound);
  // "Order could not be placed (perhaps due to internal error or trade halt)": not certain.
  assert(mapped({ status: "error", reason: "Order could not be placed." }) instanceof ExchangeUnavailable);
  assert(
    mapped({ error: "Bitstamp.net is under scheduled maintenance. We'll be back soon." }, 200) instanceof
      ExchangeUnavailable,
  );
});

Deno.test("the newer form {response_code, response_explanation}: the documented table", () => {
  // https://www.bitstamp.net/api/ "Response codes".
  const cases: [string, string, new (...a: never[]) => Error][] = [
    ["400.002", "Request rejected due to exceeded rate limit.", RateLimited],
    ["400.009", "Insufficient balance for provided user.", InsufficientFunds],
    ["400.020", "Provided order size is lower than minimum order value.", InvalidOrder],
    ["400.021", "Provided price is out of range.", InvalidOrder],
    ["403.004", "Trading is blocked for user.", AuthenticationError],
    ["404.002", "Order not found for corresponding request.", OrderNotFound],
    ["404.007", "Market not found for corresponding request.", UnknownSymbol],
    ["500.001", "Unknown server error.", ExchangeUnavailable],
    ["500.016", "Timeout on matching engine.", ExchangeUnavailable],
    ["500.017", "Order rejected by matching engine.", InvalidOrder],
  ];
  for (const [code, explanation, kind] of cases) {
    const e = mapped({ status: "error", response_code: code, response_explanation: explanation });
    assert(e instanceof kind, `${code} is ${kind.name}, got ${e?.name}`);
    assertEquals(e!.message.startsWith(`Cannot ${action}: ${code} ${explanation}`), true, e!.message);
  }
  const rate = mapped({
    response_code: "400.002",
    response_explanation: "Request rejected due to exceeded rate limit.",
  }) as RateLimited;
  assert(rate.retryAfterMs > 0);
});

Deno.test("a taken client id (400.019) is never a rejection: the order with that id exists", () => {
  const e = mapped({
    status: "error",
    response_code: "400.019",
    response_explanation: "Provided client_order_id already exists.",
  });
  assert(e instanceof NetworkError, e?.name);
});

Deno.test("answers that are not errors are not mistaken for one", () => {
  assertEquals(mapped({ id: "1", status: "Open" }, 200), null);
  assertEquals(mapped([{ currency: "usd" }], 200), null);
  assertEquals(mapped({ success: true, canceled: [] }, 200), null);
});

Deno.test("submitError: only certain refusals stay refusals; a plain or unreadable error means the order may exist", () => {
  const refused = new InvalidOrder("Cannot x: bad");
  assertEquals(submitError(refused, "x"), refused);
  const unknownShape = submitError(new ExchangeError(`Cannot ${action}: something new`), action);
  assert(unknownShape instanceof AmbiguousReply);
  assertEquals(unknownShape.message, `Cannot ${action}: something new; the order may exist`);
  const odd = mapped({ status: "error", reason: "Something Bitstamp never documented" });
  assert(odd !== null && odd.constructor === ExchangeError);
  assert(submitError(odd, action) instanceof NetworkError);
});

Deno.test("API0004 Invalid nonce refuses a read, but for an order it proves nothing: a resent copy gets it too", () => {
  // https://www.bitstamp.net/api/ "Possible authentication errors": the nonce was used in the last 150 s.
  const e = answerError({ status: "error", reason: "Invalid nonce", code: "API0004" }, 403, action);
  assert(e instanceof AuthenticationError, "a read fails as refused");
  assert(submitError(e, action) instanceof AmbiguousReply, "an order with it is looked up, never rejected");
  const signature = answerError(
    { status: "error", reason: "Invalid signature", code: "API0005" },
    403,
    action,
  );
  assertEquals(submitError(signature, action), signature, "a bad signature is a certain refusal");
});
