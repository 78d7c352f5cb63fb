import { assert, assertEquals, assertThrows } from "../../assert.ts";
import { eventually } from "../../eventually.ts";
import { ExchangeError, type ExchangeEvent, type RawFrame } from "../../../lib/core/mod.ts";
import { checkChannelBudget, subscriptionFrame } from "../../../exchanges/bitstamp/subscriptions.ts";
import { UNAUTHORIZED } from "../../fakes/bitstamp/payloads.ts";
import { rig } from "./helpers.ts";

/** Connects, subscribes BTC/USD, and collects the account events. */
async function feedRig(seed: number) {
  const r = rig({ seed });
  const account: ExchangeEvent[] = [];
  const frames: RawFrame[] = [];
  r.exchange.onFrame((f) => frames.push(f));
  const done = (async () => {
    for await (const ev of r.exchange.events()) {
      if (ev.kind.startsWith("Order")) account.push(ev);
    }
  })();
  await r.exchange.connect();
  await r.exchange.subscribe({ symbol: "BTC/USD", channels: ["book", "trades", "ticker"], depth: 10 });
  const uid = r.server.privateRest.userId;
  await eventually(
    () => r.server.subscribed().includes(`private-my_trades_btcusd-${uid}`),
    "the account channels",
  );
  return Object.assign(r, { account, frames, done, uid });
}

Deno.test("account channels: a resting order is accepted, fills as maker with its fee, ends filled", async () => {
  await using r = await feedRig(41);
  const bid = r.server.top(1).bids[0]!.price;
  const placed = await r.exchange.placeOrder({
    kind: "SubmitOrder",
    clientId: "pt00000000000000f1",
    symbol: "BTC/USD",
    side: "buy",
    type: "limit",
    price: bid - 100,
    qty: 20_000,
  });
  await eventually(() => r.account.some((e) => e.kind === "OrderAccepted"), "order_created");
  r.server.account.fill(placed.id, { qty: 5_000 });
  r.server.account.fill(placed.id);
  await eventually(() => r.account.filter((e) => e.kind === "OrderFilled").length === 2, "two fills");
  const fills = r.account.filter((e) => e.kind === "OrderFilled");
  assertEquals(
    fills.map((e) =>
      e.kind === "OrderFilled" && [e.qty, e.price, e.liquidity, e.fee, e.order.status, e.order.filled]
    ),
    [
      [5_000, bid - 100, "maker", "0.08", "open", 5_000],
      [15_000, bid - 100, "maker", "0.23", "filled", 20_000],
    ],
  );
  assertEquals(r.account[0]!.kind === "OrderAccepted" && r.account[0].order.clientId, "pt00000000000000f1");
});

Deno.test("account channels: an order crossing the book fills at once as taker; a cancel is OrderCanceled", async () => {
  await using r = await feedRig(43);
  const ask = r.server.top(1).asks[0]!.price;
  await r.exchange.placeOrder({
    kind: "SubmitOrder",
    clientId: "pt00000000000000f2",
    symbol: "BTC/USD",
    side: "buy",
    type: "limit",
    price: ask + 10,
    qty: 10_000,
  });
  await eventually(() => r.account.some((e) => e.kind === "OrderFilled"), "the fill");
  const fill = r.account.find((e) => e.kind === "OrderFilled")!;
  assertEquals(fill.kind === "OrderFilled" && [fill.price, fill.liquidity, fill.order.status], [
    ask,
    "taker",
    "filled",
  ]);
  const resting = await r.exchange.placeOrder({
    kind: "SubmitOrder",
    clientId: "pt00000000000000f3",
    symbol: "BTC/USD",
    side: "buy",
    type: "limit",
    price: ask - 500,
    qty: 10_000,
  });
  await r.exchange.cancelOrder(resting.id);
  await eventually(() => r.account.some((e) => e.kind === "OrderCanceled"), "order_deleted");
  // Account frames never reach a recording; market frames do.
  assert(r.frames.every((f) => !f.data.includes("private-")), "no account frame tapped");
  assert(r.frames.some((f) => f.data.includes("order_book_btcusd")));
});

Deno.test("account channels: each connection gets a fresh token, after bts:request_reconnect too", async () => {
  await using r = await feedRig(47);
  assertEquals(r.server.privateRest.count("websockets_token"), 1);
  const opened = r.server.connectionsOpened;
  r.server.requestReconnect();
  await eventually(() => r.server.connectionsOpened > opened, "the reconnect");
  await eventually(() => r.server.privateRest.count("websockets_token") === 2, "a new token");
  await eventually(
    () => r.server.subscribed().includes(`private-my_orders_btcusd-${r.uid}`),
    "the account channels again",
  );
  const subs = r.server.received.filter((t) => t.includes("private-my_orders")).map((t) =>
    JSON.parse(t).data.auth
  );
  assertEquals(subs.length, 2);
  assert(subs[0] !== subs[1], "the second subscription carries the new token");
});

Deno.test("account channels: a refused token (4009) is replaced and the channels subscribed again", async () => {
  await using r = await feedRig(53);
  const tokens = r.server.privateRest.count("websockets_token");
  r.server.sendRaw(UNAUTHORIZED);
  await eventually(() => r.server.privateRest.count("websockets_token") > tokens, "a new token");
  await eventually(
    () => r.server.received.filter((t) => t.includes("private-my_trades")).length === 2,
    "resubscribed",
  );
});

Deno.test("client frames stay under 512 bytes and a connection under 1,024 channels, or nothing is sent", () => {
  assertEquals(
    subscriptionFrame("bts:subscribe", "order_book_btcusd"),
    '{"event":"bts:subscribe","data":{"channel":"order_book_btcusd"}}',
  );
  assertThrows(
    () => subscriptionFrame("bts:subscribe", "private-my_orders_btcusd-1", "x".repeat(480)),
    ExchangeError,
    "under 512",
  );
  checkChannelBudget(1_000, 24, "subscribe");
  assertThrows(
    () => checkChannelBudget(1_023, 2, 'subscribe to "X/Y"'),
    ExchangeError,
    "at most 1024 channels",
  );
});
