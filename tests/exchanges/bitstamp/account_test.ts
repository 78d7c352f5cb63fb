import { assert, assertEquals, assertRejects } from "../../assert.ts";
import { eventually } from "../../eventually.ts";
import {
  AmbiguousReply,
  AuthenticationError,
  ExchangeError,
  ExchangeUnavailable,
  InsufficientFunds,
  InvalidOrder,
  NetworkError,
  OrderNotFound,
  RequestTimeout,
  type SubmitOrder,
} from "../../../lib/core/mod.ts";
import { Trader } from "../../../lib/engine/mod.ts";
import { BitstampRate } from "../../../exchanges/bitstamp/rate.ts";
import { FakeTimers } from "../../net/fake_timers.ts";
import { rig } from "./helpers.ts";

const ACTION = 'Cannot place order on "BTC/USD" on bitstamp';

function limit(clientId: string, side: "buy" | "sell", price: number, qty: number): SubmitOrder {
  return { kind: "SubmitOrder", clientId, symbol: "BTC/USD", side, type: "limit", price, qty };
}

/** A price below the fake's best bid (rests) and an amount worth more than the 10 USD minimum. */
function resting(r: ReturnType<typeof rig>): { price: number; qty: number } {
  return { price: r.server.top(1).bids[0]!.price - 1_000, qty: 10_000 };
}

Deno.test("a lost buy answer ends as exactly one order, settled through order_status by its client id", async () => {
  await using r = rig({ seed: 3 });
  // No account channels (a key without the WebSocket token permission): only REST can tell, and
  // open_orders/ is cached for 10 s, so the order is found by order_status/ with its client id.
  r.server.privateRest.faults.push({
    endpoint: "websockets_token",
    answer: { status: 403, body: { status: "error", reason: "No permission found", code: "API0003" } },
  });
  const trader = new Trader(r.exchange, {
    symbol: "BTC/USD",
    depth: 10,
    timeframe: 1,
    historyLimit: 5,
    // a bound on a hang: the lost answer here is a dropped connection, settled at once, not a timeout
    replyTimeoutMs: 60_000,
  });
  await trader.start();
  try {
    const engine = await eventually(() => trader.engine, "the account");
    await eventually(() => trader.state.bookStatus === "ok", "a trusted book");
    // Bitstamp carries the buy out, then the connection breaks before the answer.
    r.server.privateRest.faults.push({ endpoint: "buy/btcusd", drop: true });
    const { price, qty } = resting(r);
    const { clientId, settled } = engine.submit({
      side: "buy",
      price: String(price),
      volume: (qty / 1e8).toFixed(8),
    });
    const first = await settled;
    assert(
      first.status === "unknown" || first.status === "open",
      `never a rejection: ${first.status} ${first.error}`,
    );
    await engine.reconcile();
    const order = engine.order(clientId)!;
    assertEquals(order.status, "open");
    const venue = [...r.server.account.orders.values()];
    assertEquals(
      venue.map((o) => [o.clientId, o.status]),
      [[clientId, "Open"]],
      "exactly one order at Bitstamp",
    );
    assertEquals(order.id, venue[0]!.id);
    assertEquals(r.server.privateRest.count("buy/btcusd"), 1, "never sent twice");
    const lookups = r.server.privateRest.calls.filter((c) => c.endpoint === "order_status");
    assert(
      lookups.some((c) => c.params.client_order_id === clientId),
      "settled by order_status with the client id",
    );
  } finally {
    await trader.stop();
  }
});

Deno.test("a buy whose answer never comes times out (RequestTimeout), was sent once, and order_status finds it", async () => {
  const timers = new FakeTimers(Date.now());
  await using r = rig({ seed: 4, timers, restTimeoutMs: 10_000 });
  const rest = r.server.privateRest;
  rest.faults.push({ endpoint: "buy/btcusd", hang: true });
  await r.exchange.instruments();
  const { price, qty } = resting(r);
  const placing = r.exchange.placeOrder(limit("pt00000000000000t1", "buy", price, qty));
  await eventually(
    () => rest.calls.some((c) => c.endpoint === "buy/btcusd" && c.outcome.endsWith("(held)")),
    "the held order",
  );
  timers.advance(10_000);
  const e = await assertRejects(() => placing, RequestTimeout, `${ACTION}: no answer within 10000 ms`);
  assert(!(e instanceof ExchangeError), "a timeout is never a refusal");
  const found = await r.exchange.queryOrder({ symbol: "BTC/USD", clientId: "pt00000000000000t1" });
  assertEquals([found?.clientId, found?.status, found?.qty], ["pt00000000000000t1", "open", qty]);
  assertEquals(rest.count("buy/btcusd"), 1);
  r.server.release();
});

Deno.test("5xx and garbled answers after the order went in are NetworkErrors: the order may exist", async () => {
  await using r = rig({ seed: 5 });
  await r.exchange.instruments();
  const { price, qty } = resting(r);
  r.server.privateRest.faults.push({ endpoint: "buy/btcusd", status: 502 });
  const a = await assertRejects(
    () => r.exchange.placeOrder(limit("pt00000000000000a1", "buy", price, qty)),
    ExchangeUnavailable,
  );
  assert(a instanceof NetworkError);
  r.server.privateRest.faults.push({ endpoint: "buy/btcusd", body: "<html>oops" });
  const b = await assertRejects(
    () => r.exchange.placeOrder(limit("pt00000000000000a2", "buy", price, qty)),
    AmbiguousReply,
  );
  assert(b.message.endsWith("the order may exist"), b.message);
  assertEquals(r.server.account.orders.size, 2, "both went in");
  // Bitstamp's 5xx codes that leave the outcome open: 500.016 "Timeout on matching engine".
  r.server.privateRest.faults.push({
    endpoint: "buy/btcusd",
    answer: {
      status: 500,
      body: {
        status: "error",
        response_code: "500.016",
        response_explanation: "Timeout on matching engine.",
      },
    },
  });
  await assertRejects(
    () => r.exchange.placeOrder(limit("pt00000000000000a3", "buy", price, qty)),
    NetworkError,
  );
});

Deno.test("Bitstamp's certain refusals are ExchangeErrors: funds, minimum, decimals; a taken client id is not", async () => {
  await using r = rig({ seed: 6 });
  await r.exchange.instruments();
  const { price, qty } = resting(r);
  await assertRejects(
    () => r.exchange.placeOrder(limit("pt00000000000000r1", "buy", price, 100_000_000_000)),
    InsufficientFunds,
    "Check your account balance for details",
  );
  await assertRejects(
    () => r.exchange.placeOrder(limit("pt00000000000000r2", "buy", price, 100)),
    InvalidOrder,
    "400.020",
  );
  const placed = await r.exchange.placeOrder(limit("pt00000000000000r3", "buy", price, qty));
  assertEquals(placed.status, "open");
  const again = await assertRejects(
    () => r.exchange.placeOrder(limit("pt00000000000000r3", "buy", price, qty)),
    NetworkError,
  );
  assert(again.message.includes("400.019"), again.message);
  assertEquals(r.server.account.orders.size, 1);
});

Deno.test("private POSTs without parameters carry no body and no Content-Type; the fake's own signature check accepts all", async () => {
  await using r = rig({ seed: 7 });
  await r.exchange.balances();
  await r.exchange.openOrders();
  await r.exchange.cancelAll();
  const rest = r.server.privateRest;
  const empty = rest.calls.filter((c) =>
    ["account_balances", "open_orders/all", "cancel_all_orders"].includes(c.endpoint)
  );
  assertEquals(empty.map((c) => [c.endpoint, c.body, c.contentType, c.outcome]), [
    ["account_balances", "", null, "ok"],
    ["open_orders/all", "", null, "ok"],
    ["cancel_all_orders", "", null, "ok"],
  ]);
  assertEquals(await r.exchange.balances(), { USD: "250000.00", BTC: "10.00000000", USDT: "7.00000" });
});

Deno.test("a key Bitstamp does not know, a wrong secret, a clock off by minutes: AuthenticationError", async () => {
  await using r = rig({ seed: 8, credentials: { key: () => "unknown-key", secret: () => "x" } });
  await assertRejects(() => r.exchange.balances(), AuthenticationError, "API0001 API key not found");
  await using s = rig({
    seed: 8,
    credentials: { key: () => "pytraderfakebitstampkey0000000001", secret: () => "wrong" },
  });
  await assertRejects(() => s.exchange.balances(), AuthenticationError, "API0005 Invalid signature");
  await using t = rig({ seed: 8 });
  t.server.clockOffsetMs = 200_000;
  const e = await assertRejects(() => t.exchange.balances(), AuthenticationError, "API0017");
  assert(e.message.includes("clock"), e.message);
});

Deno.test("cancel by Bitstamp id and by client id; an unknown one is OrderNotFound; cancel_all_orders counts", async () => {
  await using r = rig({ seed: 9 });
  await r.exchange.instruments();
  const { price, qty } = resting(r);
  const a = await r.exchange.placeOrder(limit("pt00000000000000c1", "buy", price, qty));
  await r.exchange.placeOrder(limit("pt00000000000000c2", "buy", price - 1, qty));
  await r.exchange.placeOrder(limit("pt00000000000000c3", "buy", price - 2, qty));
  assertEquals((await r.exchange.cancelOrder(a.id)).status, "canceled");
  assertEquals((await r.exchange.cancelOrder("pt00000000000000c2")).status, "canceled");
  await assertRejects(() => r.exchange.cancelOrder("999999"), OrderNotFound, "404.002");
  await assertRejects(() => r.exchange.cancelOrder("pt0000000000000000"), OrderNotFound);
  assertEquals(await r.exchange.cancelAll(), 1);
  assertEquals(r.server.account.open().length, 0);
  // open_orders/ is cached for 10 s by Bitstamp (and the fake): the ended orders are still listed there,
  // but not shown as open by the adapter, which saw them end.
  assertEquals((await r.exchange.openOrders()).map((o) => o.clientId), []);
});

Deno.test("validate: checked locally and by a zero-amount request Bitstamp can only refuse; nothing placed", async () => {
  await using r = rig({ seed: 10 });
  await r.exchange.instruments();
  const { price, qty } = resting(r);
  const o = await r.exchange.placeOrder({
    ...limit("pt00000000000000v1", "buy", price, qty),
    validate: true,
  });
  assertEquals([o.status, o.id], ["pending", ""]);
  const probe = r.server.privateRest.calls.filter((c) => c.endpoint === "buy/btcusd");
  assertEquals(probe.map((c) => [c.params.amount, c.params.client_order_id]), [["0", undefined]]);
  assertEquals(r.server.account.orders.size, 0);
  await assertRejects(
    () => r.exchange.placeOrder({ ...limit("pt00000000000000v2", "buy", price, 10), validate: true }),
    InvalidOrder,
    "is below the minimum",
  );
  await using k = rig({ seed: 10, credentials: { key: () => "unknown-key", secret: () => "x" } });
  await k.exchange.instruments();
  await assertRejects(
    () => k.exchange.placeOrder({ ...limit("pt00000000000000v3", "buy", price, qty), validate: true }),
    AuthenticationError,
  );
});

Deno.test("the client-side limits: 400 a second and 10,000 per 10 minutes, both as token buckets", async () => {
  const timers = new FakeTimers(0);
  const rate = new BitstampRate(timers, { capacity: 2, refillPerSecond: 2 }, {
    capacity: 3,
    refillPerSecond: 0.5,
  });
  let taken = 0;
  const take = () => rate.take().then(() => taken++);
  const all = [take(), take(), take(), take()];
  await eventually(() => taken === 2, "the burst");
  timers.advance(500);
  await eventually(() => taken === 3, "one more after half a second");
  timers.advance(500);
  await new Promise((r) => setTimeout(r, 10));
  assertEquals(taken, 3, "the 10-minute bucket is empty");
  timers.advance(1_000);
  await eventually(() => taken === 4, "the last once the long bucket refilled");
  await Promise.all(all);
  rate.close();
});
