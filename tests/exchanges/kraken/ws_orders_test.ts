import { assert, assertEquals, assertRejects } from "../../assert.ts";
import {
  ExchangeError,
  ExchangeUnavailable,
  InsufficientFunds,
  RequestTimeout,
} from "../../../lib/core/mod.ts";
import { accountRig, limit } from "./account_setup.ts";
import { eventually } from "../../eventually.ts";

const ACTION = 'Cannot place order on "BTC/USD" on kraken';

async function wsRig() {
  const r = await accountRig({ options: { order_transport: "ws" } });
  await r.exchange.connect();
  await eventually(() => r.server.accountFeed.subscribers === 1, "the account feed");
  return r;
}

Deno.test("orders over the account socket: add_order, cancel_order, cancel_all with exact amounts", async () => {
  await using r = await wsRig();
  const placed = await r.exchange.placeOrder(limit("pt0000000000000ws1", "buy", 250_005, 100_000));
  assertEquals([placed.status, placed.clientId], ["open", "pt0000000000000ws1"]);
  const frame = r.server.accountFeed.received.find((t) => t.includes('"add_order"'))!;
  assert(frame.includes('"order_qty":0.001,') && frame.includes('"limit_price":25000.5,'), frame);
  assert(frame.includes('"cl_ord_id":"pt0000000000000ws1"'), frame);
  assertEquals(r.server.privateRest.count("AddOrder"), 0);
  await r.events.next("OrderAccepted", (e) => e.order.id === placed.id);

  const canceled = await r.exchange.cancelOrder("pt0000000000000ws1");
  assertEquals([canceled.id, canceled.status], [placed.id, "canceled"]);
  await r.events.next("OrderCanceled", (e) => e.order.id === placed.id);

  await r.exchange.placeOrder(limit("pt0000000000000ws2", "buy", 250_000, 100_000));
  await r.exchange.placeOrder(limit("pt0000000000000ws3", "sell", 350_000, 100_000));
  assertEquals(await r.exchange.cancelAll(), 2);
  assertEquals(r.server.accountFeed.trades, [
    "add_order",
    "cancel_order",
    "add_order",
    "add_order",
    "cancel_all",
  ]);
  assertEquals(await r.exchange.openOrders(), []);
});

Deno.test("a refusal on the socket maps like a REST refusal", async () => {
  await using r = await wsRig();
  await assertRejects(
    () => r.exchange.placeOrder(limit("pt0000000000000ws4", "sell", 300_000, 2_000_000_000_00)),
    InsufficientFunds,
    `${ACTION}: EOrder:Insufficient funds`,
  );
});

Deno.test("no reply on the socket: RequestTimeout after the deadline, sent once, found once", async () => {
  await using r = await wsRig();
  r.server.accountFeed.tradeFaults.push({ hang: true });
  const placing = r.exchange.placeOrder(limit("pt0000000000000ws5", "buy", 250_000, 100_000));
  await eventually(() => r.server.accountFeed.trades.length === 1, "the add_order at the server");
  r.timers.advance(10_000);
  const e = await assertRejects(() => placing, RequestTimeout, `${ACTION}: no reply within 10000 ms`);
  assert(!(e instanceof ExchangeError));
  assertEquals((await r.exchange.ordersByClientId(["pt0000000000000ws5"])).length, 1);
  assertEquals(r.server.accountFeed.trades, ["add_order"]);
  assertEquals(r.server.privateRest.count("AddOrder"), 0);
});

Deno.test("the socket dropped after accepting: ExchangeUnavailable, never resent, found once after reconnecting", async () => {
  await using r = await wsRig();
  r.server.accountFeed.tradeFaults.push({ drop: true });
  const from = r.events.all.length;
  const e = await assertRejects(
    () => r.exchange.placeOrder(limit("pt0000000000000ws6", "buy", 250_000, 100_000)),
    ExchangeUnavailable,
    ACTION,
  );
  assert(!(e instanceof ExchangeError));
  await r.events.next("ConnectionChanged", (ev) => ev.state === "down", from);
  // While the socket is away, orders go over REST.
  const viaRest = await r.exchange.placeOrder(limit("pt0000000000000ws7", "buy", 250_000, 100_000));
  assertEquals([viaRest.status, r.server.privateRest.count("AddOrder")], ["open", 1]);
  r.timers.advance(750);
  await r.events.next("ConnectionChanged", (ev) => ev.state === "connected", from);
  const found = await r.exchange.ordersByClientId(["pt0000000000000ws6", "pt0000000000000ws7"]);
  assertEquals(found.map((o) => o.clientId).sort(), ["pt0000000000000ws6", "pt0000000000000ws7"]);
  assertEquals(r.server.accountFeed.trades, ["add_order"]);
});
