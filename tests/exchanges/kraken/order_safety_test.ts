import { assert, assertEquals, assertRejects } from "../../assert.ts";
import {
  AmbiguousReply,
  ExchangeError,
  ExchangeUnavailable,
  NetworkError,
  RateLimited,
  RequestTimeout,
} from "../../../lib/core/mod.ts";
import { eventually } from "../../eventually.ts";
import { accountRig, limit } from "./account_setup.ts";

// DESIGN.md §6: a submit whose outcome is unknown must never look like a refusal (ExchangeError), is
// sent once, and the venue then knows exactly one order (or none) under its client id.

const ACTION = 'Cannot place order on "BTC/USD" on kraken';

Deno.test("a submit whose reply never comes times out as RequestTimeout, was sent once, and is found once", async () => {
  await using r = await accountRig();
  const rest = r.server.privateRest;
  rest.faults.push({ method: "AddOrder", hang: true });
  const placing = r.exchange.placeOrder(limit("pt00000000000000t1", "buy", 250_000, 100_000));
  await eventually(
    () => rest.calls.some((c) => c.method === "AddOrder" && c.outcome.endsWith("(held)")),
    "the held order",
  );
  r.timers.advance(9_999);
  assertEquals(rest.count("AddOrder"), 1);
  r.timers.advance(1);
  const e = await assertRejects(() => placing, RequestTimeout, `${ACTION}: no answer within 10000 ms`);
  assert(!(e instanceof ExchangeError), "a timeout is never a refusal");
  const found = await r.exchange.ordersByClientId(["pt00000000000000t1"]);
  assertEquals(found.map((o) => [o.clientId, o.status, o.price, o.qty]), [[
    "pt00000000000000t1",
    "open",
    250_000,
    100_000,
  ]]);
  assertEquals(rest.count("AddOrder"), 1, "never resubmitted");
  assertEquals(r.server.account.orders.size, 1);
  r.server.release();
});

Deno.test("a connection dropped after the order was accepted is a NetworkError; the order is found once", async () => {
  await using r = await accountRig();
  r.server.privateRest.faults.push({ method: "AddOrder", drop: true });
  const e = await assertRejects(
    () => r.exchange.placeOrder(limit("pt00000000000000d1", "sell", 400_000, 100_000)),
    ExchangeUnavailable,
    ACTION,
  );
  assert(e instanceof NetworkError && !(e instanceof ExchangeError));
  assertEquals(r.server.privateRest.count("AddOrder"), 1);
  const found = await r.exchange.ordersByClientId(["pt00000000000000d1", "pt00000000000000zz"]);
  assertEquals(found.map((o) => [o.clientId, o.status]), [["pt00000000000000d1", "open"]]);
});

Deno.test("HTTP 5xx: ExchangeUnavailable whether or not the order went in; lookups tell which", async () => {
  await using r = await accountRig();
  const rest = r.server.privateRest;
  rest.faults.push({ method: "AddOrder", status: 502 });
  await assertRejects(
    () => r.exchange.placeOrder(limit("pt00000000000005x1", "buy", 250_000, 100_000)),
    ExchangeUnavailable,
    `${ACTION}: HTTP 502 Bad Gateway`,
  );
  rest.faults.push({ method: "AddOrder", status: 503, accept: false });
  await assertRejects(
    () => r.exchange.placeOrder(limit("pt00000000000005x2", "buy", 250_000, 100_000)),
    ExchangeUnavailable,
    `${ACTION}: HTTP 503 Service Unavailable`,
  );
  const found = await r.exchange.ordersByClientId(["pt00000000000005x1", "pt00000000000005x2"]);
  assertEquals(found.map((o) => o.clientId), ["pt00000000000005x1"]);
  assertEquals(rest.count("AddOrder"), 2);
});

Deno.test("EService:Unavailable and EAPI:Rate limit exceeded are NetworkErrors, not refusals", async () => {
  await using r = await accountRig();
  const rest = r.server.privateRest;
  rest.faults.push({ method: "AddOrder", error: "EService:Unavailable" });
  rest.faults.push({ method: "AddOrder", error: "EAPI:Rate limit exceeded" });
  await assertRejects(
    () => r.exchange.placeOrder(limit("pt0000000000000se1", "buy", 250_000, 100_000)),
    ExchangeUnavailable,
    `${ACTION}: EService:Unavailable`,
  );
  const e = await assertRejects(
    () => r.exchange.placeOrder(limit("pt0000000000000se2", "buy", 250_000, 100_000)),
    RateLimited,
    `${ACTION}: EAPI:Rate limit exceeded`,
  );
  assert((e as RateLimited).retryAfterMs > 0);
  assertEquals(await r.exchange.ordersByClientId(["pt0000000000000se1", "pt0000000000000se2"]), []);
});

Deno.test("an answer that cannot be read leaves the outcome unknown (AmbiguousReply), never a rejection", async () => {
  await using r = await accountRig();
  r.server.privateRest.faults.push({ method: "AddOrder", body: "<html>502 Bad Gateway</html>" });
  const e = await assertRejects(
    () => r.exchange.placeOrder(limit("pt0000000000000gb1", "buy", 250_000, 100_000)),
    AmbiguousReply,
    "the order may exist",
  );
  assert(!(e instanceof ExchangeError));
  assertEquals((await r.exchange.ordersByClientId(["pt0000000000000gb1"])).length, 1);
});

Deno.test("an order filled at once while its reply was lost is found among closed orders", async () => {
  await using r = await accountRig();
  r.server.privateRest.faults.push({ method: "AddOrder", hang: true });
  const placing = r.exchange.placeOrder(limit("pt0000000000000cl1", "buy", 310_000, 100_000));
  await eventually(
    () => r.server.privateRest.calls.some((c) => c.outcome.endsWith("(held)")),
    "the held order",
  );
  r.timers.advance(10_000);
  await assertRejects(() => placing, RequestTimeout);
  const found = await r.exchange.ordersByClientId(["pt0000000000000cl1"]);
  assertEquals(found.map((o) => [o.clientId, o.status, o.filled]), [[
    "pt0000000000000cl1",
    "filled",
    100_000,
  ]]);
  const lookedUp = r.server.privateRest.calls.slice(-2).map((c) => [c.method, c.params.cl_ord_id]);
  assertEquals(lookedUp, [["OpenOrders", undefined], ["ClosedOrders", "pt0000000000000cl1"]]);
  const byId = await r.exchange.queryOrder({ symbol: "BTC/USD", clientId: "", venueId: found[0]!.id });
  assertEquals(byId?.status, "filled");
  assertEquals(
    await r.exchange.queryOrder({ symbol: "BTC/USD", clientId: "", venueId: "ONONE0-NONE0-NONE00" }),
    null,
  );
  assertEquals(await r.exchange.queryOrder({ symbol: "BTC/USD", clientId: "pt0000000000000cl9" }), null);
  r.server.release();
});

Deno.test("the account feed dropped right after an order: it reconnects, resubscribes, and the order is there once", async () => {
  await using r = await accountRig();
  await r.exchange.connect();
  await eventually(() => r.server.accountFeed.subscribers === 1, "the account feed");
  r.server.accountFeed.dropOnNextOrder();
  const from = r.events.all.length;
  const placed = await r.exchange.placeOrder(limit("pt0000000000000wd1", "buy", 250_000, 100_000));
  await r.events.next("ConnectionChanged", (e) => e.state === "down", from);
  // Back after the backoff delay (3/4 of 1 s with random() = 0.5), with a fresh token.
  r.timers.advance(750);
  await eventually(() => r.server.accountFeed.connectionsOpened === 2, "the account feed reconnecting");
  const back = await r.events.next("ConnectionChanged", (e) => e.state === "connected", from);
  assertEquals(back.detail, "account feed resubscribed");
  // The snapshot of the new subscription reports the order open.
  const seen = await r.events.next("OrderAccepted", (e) => e.order.id === placed.id, from);
  assertEquals(seen.order.clientId, "pt0000000000000wd1");
  assertEquals(r.server.privateRest.count("GetWebSocketsToken"), 2);
  assertEquals((await r.exchange.ordersByClientId(["pt0000000000000wd1"])).length, 1);
  assertEquals(r.server.privateRest.count("AddOrder"), 1);
});

Deno.test("the connection destroyed before a byte of the answer: AddOrder reached Kraken once, the outcome is unknown", async () => {
  await using r = await accountRig();
  const rest = r.server.privateRest;
  // A read first, so that a keep-alive connection to the venue sits in the pool (as in every real session).
  await r.exchange.balances();
  rest.faults.push({ method: "AddOrder", destroy: true });
  const e = await assertRejects(
    () => r.exchange.placeOrder(limit("pt0000000000000ds1", "buy", 250_000, 100_000)),
    NetworkError,
    ACTION,
  );
  assert(!(e instanceof ExchangeError), `never a refusal: ${e}`);
  assertEquals(rest.callsOf("AddOrder").map((c) => c.outcome), ["ok (destroyed)"]);
  const found = await r.exchange.ordersByClientId(["pt0000000000000ds1"]);
  assertEquals(found.map((o) => [o.clientId, o.status]), [["pt0000000000000ds1", "open"]]);
  assertEquals(r.server.account.orders.size, 1);
});

Deno.test("EAPI:Invalid nonce answered for an order that went in (a resent copy's answer): unknown, found once", async () => {
  await using r = await accountRig();
  const rest = r.server.privateRest;
  rest.faults.push({ method: "AddOrder", error: "EAPI:Invalid nonce", accept: true });
  const e = await assertRejects(
    () => r.exchange.placeOrder(limit("pt0000000000000in1", "buy", 250_000, 100_000)),
    AmbiguousReply,
    `${ACTION}: EAPI:Invalid nonce`,
  );
  assert(!(e instanceof ExchangeError), "an Invalid nonce is no proof that the order was refused");
  assertEquals(rest.count("AddOrder"), 1, "never resubmitted");
  const found = await r.exchange.ordersByClientId(["pt0000000000000in1"]);
  assertEquals(found.map((o) => [o.clientId, o.status]), [["pt0000000000000in1", "open"]]);
});

Deno.test("the connection destroyed before Kraken took the order: unknown, sent once, and the lookup finds none", async () => {
  await using r = await accountRig();
  const rest = r.server.privateRest;
  await r.exchange.balances();
  rest.faults.push({ method: "AddOrder", destroy: true, accept: false });
  await assertRejects(
    () => r.exchange.placeOrder(limit("pt0000000000000dn1", "buy", 250_000, 100_000)),
    ExchangeUnavailable,
    ACTION,
  );
  assertEquals(rest.callsOf("AddOrder").map((c) => c.outcome), ["destroyed"]);
  assertEquals(await r.exchange.ordersByClientId(["pt0000000000000dn1"]), []);
});

Deno.test("a cancel whose connection is destroyed after it was carried out reached Kraken once", async () => {
  await using r = await accountRig();
  const rest = r.server.privateRest;
  const placed = await r.exchange.placeOrder(limit("pt0000000000000cd1", "buy", 250_000, 100_000));
  rest.faults.push({ method: "CancelOrder", destroy: true });
  const e = await assertRejects(() => r.exchange.cancelOrder(placed.id), NetworkError);
  assert(!(e instanceof ExchangeError), `not "no such order" from a resent copy: ${e}`);
  assertEquals(rest.callsOf("CancelOrder").map((c) => c.outcome), [
    "ok (destroyed)",
  ]);
  assertEquals(r.server.account.orders.get(placed.id)?.status, "canceled");
});

Deno.test("the account socket destroyed after add_order was carried out: unknown, never resent, open once after reconnecting", async () => {
  await using r = await accountRig({ options: { order_transport: "ws" } });
  await r.exchange.connect();
  await eventually(() => r.server.accountFeed.subscribers === 1, "the account feed");
  r.server.accountFeed.tradeFaults.push({ destroy: true });
  const from = r.events.all.length;
  const e = await assertRejects(
    () => r.exchange.placeOrder(limit("pt0000000000000wx1", "buy", 250_000, 100_000)),
    ExchangeUnavailable,
    ACTION,
  );
  assert(!(e instanceof ExchangeError));
  assertEquals(r.server.connectionsKilled, 1);
  await r.events.next("ConnectionChanged", (ev) => ev.state === "down", from);
  r.timers.advance(750);
  await r.events.next("ConnectionChanged", (ev) => ev.state === "connected", from);
  const seen = await r.events.next("OrderAccepted", (ev) => ev.order.clientId === "pt0000000000000wx1", from);
  assertEquals(seen.order.status, "open");
  assertEquals(r.server.accountFeed.trades, ["add_order"]);
  assertEquals(r.server.privateRest.count("AddOrder"), 0);
  assertEquals(r.server.account.orders.size, 1);
});
