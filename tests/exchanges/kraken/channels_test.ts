import { assert, assertEquals } from "../../assert.ts";
import type { CandleUpdated, TickerChanged, TradePrinted } from "../../../lib/core/mod.ts";
import { BookFollower } from "../book_follower.ts";
import { rig } from "./setup.ts";
import { eventually } from "../../eventually.ts";

Deno.test("ticker, trades and candles stream as core events", async () => {
  await using r = rig();
  await r.exchange.connect();
  const inst = r.exchange.decoder.instrument("BTC/USD")!;
  const f = new BookFollower(r.exchange, inst, 25);
  await r.exchange.subscribe({ symbol: "BTC/USD", channels: ["ticker", "trades", "candles"], timeframe: 1 });
  await eventually(() => f.others.length === 1, "the ticker snapshot");
  const t = f.others[0] as TickerChanged;
  const top = r.server.book.top(1);
  assertEquals([t.kind, t.bid, t.ask], ["TickerChanged", top.bids[0]!.price, top.asks[0]!.price]);

  r.server.sendTrade("sell", 300_123, 1_500_000, 61044952);
  r.server.sendCandle("2023-07-06T19:20:00.000000000Z", 1, [303061, 303062, 303057, 303057], 339243896);
  await eventually(() => f.others.length === 3, "a trade and a candle");
  const trade = f.others[1] as TradePrinted;
  assertEquals([trade.kind, trade.side, trade.price, trade.qty, trade.id], [
    "TradePrinted",
    "sell",
    300_123,
    1_500_000,
    "61044952",
  ]);
  const candle = f.others[2] as CandleUpdated;
  assertEquals(candle.timeframe, 1);
  assertEquals(candle.candle, {
    time: Date.parse("2023-07-06T19:20:00Z"),
    open: 303061,
    high: 303062,
    low: 303057,
    close: 303057,
    volume: 339243896,
    trades: 3,
  });
  const subs = r.server.received.map((x) => JSON.parse(x)).filter((m) => m.method === "subscribe");
  assertEquals(subs.map((m) => m.params.channel).sort(), ["ohlc", "ticker", "trade"]);
});

Deno.test("after a reconnect every subscription is sent again and the candle gap is filled from REST", async () => {
  await using r = rig();
  await r.exchange.connect();
  const inst = r.exchange.decoder.instrument("BTC/USD")!;
  const f = new BookFollower(r.exchange, inst, 25);
  await r.exchange.subscribe({
    symbol: "BTC/USD",
    channels: ["book", "ticker", "candles"],
    timeframe: 1,
    depth: 25,
  });
  r.server.sendCandle("2023-07-06T19:20:00.000000000Z", 1, [303061, 303062, 303057, 303057], 339243896);
  await eventually(() => f.others.length === 2, "ticker and candle");
  r.server.dropConnections();
  await eventually(() => f.state === "down", "down");
  r.timers.advance(750);
  await eventually(() => f.snapshots === 2 && f.state === "connected", "resubscribed");
  // The documented OHLC answer holds four 1-minute candles from 1688671200 (19:20) on.
  await eventually(() => f.others.filter((e) => e.kind === "CandleUpdated").length === 5, "gap-fill candles");
  assert(r.server.restRequests.includes("/0/public/OHLC?pair=XXBTZUSD&interval=1&since=1688671140"));
  const second = r.server.received.map((x) => JSON.parse(x)).filter((m) => m.method === "subscribe").slice(3);
  assertEquals(second.map((m) => m.params.channel).sort(), ["book", "ohlc", "ticker"]);
  assertEquals(second.find((m) => m.params.channel === "book").params, {
    channel: "book",
    symbol: ["BTC/USD"],
    depth: 25,
    snapshot: true,
  });
});

Deno.test("subscribing again is a no-op; another depth replaces the book subscription", async () => {
  await using r = rig();
  await r.exchange.connect();
  await r.exchange.subscribe({ symbol: "BTC/USD", channels: ["book"], depth: 25 });
  await r.exchange.subscribe({ symbol: "BTC/USD", channels: ["book"], depth: 25 });
  const methods = () =>
    r.server.received.map((x) => JSON.parse(x)).map((m) => `${m.method} ${m.params?.depth}`);
  assertEquals(methods(), ["subscribe 25"]);
  await r.exchange.subscribe({ symbol: "BTC/USD", channels: ["book"], depth: 100 });
  assertEquals(methods(), ["subscribe 25", "unsubscribe 25", "subscribe 100"]);
  assertEquals(r.server.bookDepths(), [100]);
});
