import { assert, assertEquals, assertRejects } from "../../assert.ts";
import { eventually } from "../../eventually.ts";
import {
  AmbiguousReply,
  AuthenticationError,
  type ExchangeEvent,
  ExchangeUnavailable,
  InsufficientFunds,
  NetworkError,
  OrderNotFound,
  RateLimited,
  type SubmitOrder,
} from "../../../lib/core/mod.ts";
import { formatDecimal, fromTicks, mul, parseDecimal } from "../../../lib/core/decimal.ts";
import { REFUSALS } from "../../fakes/poloniex/account.ts";
import { recordedFrame } from "../../fakes/poloniex/server.ts";
import { type Rig, rig } from "./setup.ts";

/** A resting buy: 200.00 USDT below the fake's best bid, 0.01 BTC. */
function restingBuy(r: Rig, clientId: string): SubmitOrder {
  return {
    kind: "SubmitOrder",
    clientId,
    symbol: "BTC/USDT",
    side: "buy",
    type: "limit",
    price: r.server.book.best().bid - 20_000,
    qty: 10_000,
  };
}

function posts(r: Rig): number {
  return r.server.privateRest.count("POST", "/orders");
}

/** Collects the adapter's events from now on. */
function collect(r: Rig): ExchangeEvent[] {
  const out: ExchangeEvent[] = [];
  (async () => {
    for await (const ev of r.exchange.events()) out.push(ev);
  })();
  return out;
}

Deno.test("poloniex account: balances (available + hold), a resting order with our client id, lookups, cancels", async () => {
  await using r = rig({ key: true });
  assertEquals(await r.exchange.balances(), { USDT: "100000", BTC: "10" });
  const placed = await r.exchange.placeOrder(restingBuy(r, "ptaaaaaaaa00000001"));
  assertEquals([placed.status, placed.clientId], ["open", "ptaaaaaaaa00000001"]);
  assert(/^\d{17}$/.test(placed.id), `a Poloniex id beyond 2^53 kept as text: ${placed.id}`);
  const sent = JSON.parse(r.server.privateRest.calls.find((c) => c.method === "POST")!.body);
  assertEquals(sent, {
    symbol: "BTC_USDT",
    side: "BUY",
    type: "LIMIT",
    timeInForce: "GTC",
    price: String((r.server.book.best().bid - 20_000) / 100),
    quantity: "0.01",
    clientOrderId: "ptaaaaaaaa00000001",
  });
  const balances = await r.exchange.balances();
  assertEquals(balances.USDT, "100000", "held funds count in the total");
  assertEquals((await r.exchange.openOrders("BTC/USDT")).map((o) => o.clientId), ["ptaaaaaaaa00000001"]);
  const found = await r.exchange.queryOrder({ symbol: "BTC/USDT", clientId: "ptaaaaaaaa00000001" });
  assertEquals([found?.id, found?.status], [placed.id, "open"]);
  assert(r.server.privateRest.calls.some((c) => c.path === "/orders/cid:ptaaaaaaaa00000001"));

  const canceled = await r.exchange.cancelOrder("ptaaaaaaaa00000001");
  assertEquals([canceled.id, canceled.status], [placed.id, "canceled"]);
  assert(
    r.server.privateRest.calls.some((c) =>
      c.method === "DELETE" && c.path === "/orders/cid:ptaaaaaaaa00000001"
    ),
  );
  const again = await r.exchange.queryOrder({ symbol: "BTC/USDT", clientId: "ptaaaaaaaa00000001" });
  assertEquals(again?.status, "canceled", "a closed order is still found by client id");
  await assertRejects(() => r.exchange.cancelOrder(placed.id), OrderNotFound, "21359");
  await assertRejects(
    () => r.exchange.cancelOrder("29772698821328895"),
    OrderNotFound,
    "21301 Order not found",
  );
  assertEquals(await r.exchange.queryOrder({ symbol: "BTC/USDT", clientId: "ptnothere000000001" }), null);
});

Deno.test("poloniex batch cancels check every item's code", async () => {
  await using r = rig({ key: true });
  const a = await r.exchange.placeOrder(restingBuy(r, "ptaaaaaaaa00000001"));
  await r.exchange.placeOrder(restingBuy(r, "ptaaaaaaaa00000002"));
  const byIds = await r.exchange.cancelOrders([a.id, "ptnothere000000001"]);
  assertEquals(byIds.canceled, [a.id]);
  assertEquals(byIds.failed, [{
    id: "ptnothere000000001",
    reason: "Cannot cancel orders on poloniex: 21301 Order not found",
  }]);
  await r.exchange.placeOrder(restingBuy(r, "ptaaaaaaaa00000003"));
  const all = await r.exchange.cancelAll("BTC/USDT");
  assertEquals([all.canceled.length, all.failed], [2, []]);
  assertEquals(r.server.account.open(), []);
  assertEquals(r.server.privateRest.calls.at(-1)!.body, '{"symbols":["BTC_USDT"]}');
});

Deno.test("poloniex: a lost order answer (created, then the line drops) is never a rejection; settled by client id, sent once", async () => {
  await using r = rig({ key: true });
  r.server.privateRest.faults.push({ method: "POST", path: "/orders", drop: true });
  const e = await assertRejects(
    () => r.exchange.placeOrder(restingBuy(r, "ptaaaaaaaa00000001")),
    NetworkError,
  );
  assert(e instanceof NetworkError);
  const found = await r.exchange.queryOrder({ symbol: "BTC/USDT", clientId: "ptaaaaaaaa00000001" });
  assertEquals(found?.status, "open");
  assertEquals(r.server.account.open().length, 1, "exactly one order");
  assertEquals(posts(r), 1, "never sent twice");
});

Deno.test("poloniex: 5xx, 429 and a garbled answer after the order was taken are all 'may exist'", async () => {
  await using r = rig({ key: true });
  for (const fault of [{ status: 503 }, { status: 429 }, { body: "<html>oops" }]) {
    r.server.privateRest.faults.push({ method: "POST", path: "/orders", ...fault });
  }
  await assertRejects(
    () => r.exchange.placeOrder(restingBuy(r, "ptaaaaaaaa00000001")),
    ExchangeUnavailable,
    "503",
  );
  await assertRejects(() => r.exchange.placeOrder(restingBuy(r, "ptaaaaaaaa00000002")), RateLimited);
  await assertRejects(
    () => r.exchange.placeOrder(restingBuy(r, "ptaaaaaaaa00000003")),
    AmbiguousReply,
    "the order may exist",
  );
  assertEquals(r.server.account.open().length, 3);
  assertEquals(posts(r), 3);
});

Deno.test("poloniex: 21312 (client id exists) answers with the order already there, never a rejection", async () => {
  await using r = rig({ key: true });
  const first = await r.exchange.placeOrder(restingBuy(r, "ptaaaaaaaa00000001"));
  // Another process (or a run that lost the answer) sends the same order again.
  const second = await r.exchange.placeOrder(restingBuy(r, "ptaaaaaaaa00000001"));
  assertEquals([second.id, second.status], [first.id, "open"]);
  assertEquals(r.server.account.open().length, 1);
  assert(r.server.privateRest.calls.some((c) => c.outcome === "21312"));
});

Deno.test("poloniex: certain refusals are rejections and change nothing", async () => {
  await using r = rig({ key: true, fake: { balances: { USDT: "50", BTC: "0" } } });
  await assertRejects(
    () => r.exchange.placeOrder(restingBuy(r, "ptaaaaaaaa00000001")),
    InsufficientFunds,
    "21709 Low available balance",
  );
  r.server.privateRest.faults.push({ method: "POST", refuse: REFUSALS.priceScale, accept: false });
  await assertRejects(() => r.exchange.placeOrder(restingBuy(r, "ptaaaaaaaa00000002")), Error, "21335");
  assertEquals(r.server.account.orders.size, 0);
});

Deno.test("poloniex: a market buy is sent as the quote amount at the ask (rounded up to the amount scale)", async () => {
  await using r = rig({ key: true });
  const ask = r.server.book.best().ask;
  const placed = await r.exchange.placeOrder({
    kind: "SubmitOrder",
    clientId: "ptaaaaaaaa00000001",
    symbol: "BTC/USDT",
    side: "buy",
    type: "market",
    price: null,
    qty: 12_345,
  });
  assertEquals(placed.type, "market");
  const body = JSON.parse(r.server.privateRest.calls.find((c) => c.method === "POST")!.body);
  const cost = (ask * 12_345) / 1e8;
  assertEquals([body.type, body.side, body.quantity], ["MARKET", "BUY", undefined]);
  assertEquals(body.amount, (Math.ceil(cost * 100) / 100).toFixed(2).replace(/\.?0+$/, ""));
  const o = r.server.account.byClientId("ptaaaaaaaa00000001")!;
  assertEquals(o.state, "FILLED");
});

Deno.test("poloniex validate: nothing placed; the key's trade permission is checked with a cancel of an unused client id", async () => {
  await using r = rig({ key: true });
  const o = await r.exchange.placeOrder({ ...restingBuy(r, "ptaaaaaaaa00000009"), validate: true });
  assertEquals([o.status, o.id], ["pending", ""]);
  assertEquals(posts(r), 0);
  const probe = r.server.privateRest.calls.at(-1)!;
  assertEquals([probe.method, probe.path, probe.body], [
    "DELETE",
    "/orders/cancelByIds",
    '{"orderIds":[],"clientOrderIds":["ptaaaaaaaa00000009"]}',
  ]);
  assertEquals(r.server.account.orders.size, 0);
});

Deno.test("poloniex: a key the venue does not know is an AuthenticationError everywhere", async () => {
  await using r = rig({ key: false });
  await assertRejects(() => r.exchange.balances(), AuthenticationError, "no API key");
  await using bad = rig({
    adapter: { credentials: { key: () => "NOT-A-KEY", secret: () => "nope" } },
  });
  await assertRejects(() => bad.exchange.balances(), AuthenticationError);
  await assertRejects(
    () => bad.exchange.placeOrder(restingBuy(bad, "ptaaaaaaaa00000001")),
    AuthenticationError,
  );
  assertEquals(bad.server.account.orders.size, 0);
});

Deno.test("poloniex account feed: orders and balances events (ids beyond 2^53 kept) become account events", async () => {
  await using r = rig({ key: true });
  const events = collect(r);
  await r.exchange.connect();
  await eventually(
    () => events.some((e) => e.kind === "WalletChanged"),
    "the wallet read when the feed subscribed",
  );
  const placed = await r.exchange.placeOrder(restingBuy(r, "ptaaaaaaaa00000001"));
  await eventually(
    () => events.some((e) => e.kind === "OrderAccepted" && e.order.id === placed.id),
    "the place event",
  );
  r.server.account.fill(placed.id, { qty: 4_000 });
  const fill = await eventually(() => events.find((e) => e.kind === "OrderFilled"), "the trade event");
  assert(fill.kind === "OrderFilled");
  assertEquals([fill.qty, fill.order.filled, fill.order.status, fill.liquidity], [
    4_000,
    4_000,
    "open",
    "maker",
  ]);
  assertEquals(fill.price, placed.price);
  // The fee of a buy is charged in BTC: 0.145 % of 0.004 BTC, at the fill price in USDT.
  assertEquals(fill.fee, formatDecimal(mul(parseDecimal("0.000006"), fromTicks(placed.price!, 2))));
  await r.exchange.cancelOrder(placed.id);
  await eventually(
    () => events.some((e) => e.kind === "OrderCanceled" && e.order.id === placed.id),
    "the cancel event",
  );
  r.server.sendRaw(recordedFrame("balances"), "private");
  await eventually(
    () => events.some((e) => e.kind === "WalletChanged" && e.balances.BTC === "10000000000"),
    "the recorded balances event: available 9999999983.668 plus hold 16.332",
  );
});

Deno.test("poloniex account feed: a refused key stops the feed; market data goes on", async () => {
  await using r = rig({ adapter: { credentials: { key: () => "NOT-A-KEY", secret: () => "nope" } } });
  await r.exchange.connect();
  await eventually(
    () => r.server.received.some((x) => x.private && x.text.includes('"auth"')),
    "the auth message",
  );
  await eventually(() => r.server.openConnections === 1, "the private socket closed");
  await r.exchange.subscribe({ symbol: "BTC/USDT", channels: ["book"] });
});
