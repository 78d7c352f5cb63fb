import { assertEquals, assertRejects } from "../assert.ts";
import { Trader } from "../../lib/engine/mod.ts";
import { type ExchangeEvent, UnknownSymbol } from "../../lib/core/mod.ts";
import { ScriptedExchange } from "./scripted_exchange.ts";

const T0 = Date.UTC(2026, 10, 23, 12, 0);
const clock = { now: () => T0 };

/** Pushes events (one burst) and waits until the trader has applied all of them and reported it. */
async function feed(ex: ScriptedExchange, trader: Trader, events: ExchangeEvent[]): Promise<void> {
  const done = new Promise<void>((resolve) => {
    const off = trader.onChange(() => {
      if (ex.stream.size === 0) {
        off();
        resolve();
      }
    });
  });
  for (const e of events) ex.stream.push(e);
  await done;
}

async function started(ex = new ScriptedExchange()) {
  const trader = new Trader(ex, { symbol: "eth/btc", depth: 10, timeframe: 15, clock });
  await trader.start();
  return { ex, trader };
}

const snap = (checksum?: number): ExchangeEvent => ({
  kind: "BookSnapshot",
  symbol: "ETH/BTC",
  bids: [{ price: 2099, qty: 100_000_000 }, { price: 2090, qty: 200_000_000 }],
  asks: [{ price: 2101, qty: 100_000_000 }, { price: 2103, qty: 200_000_000 }],
  time: T0,
  checksum,
});

Deno.test("the trader applies snapshots and updates to the book and reports the book ok", async () => {
  const { ex, trader } = await started();
  assertEquals(trader.state.bookStatus, "empty");
  await feed(ex, trader, [snap(), {
    kind: "BookUpdate",
    symbol: "ETH/BTC",
    bids: [{ price: 2100, qty: 5 }],
    asks: [{ price: 2101, qty: 0 }],
    time: T0,
  }]);
  assertEquals([trader.state.book.bestBid(), trader.state.book.bestAsk()], [2100, 2103]);
  assertEquals(trader.state.bookStatus, "ok");
  assertEquals(ex.calls, ["connect", "subscribe"]);
  await trader.stop();
});

Deno.test("a checksum mismatch marks the book resyncing, asks the venue to resync, ignores updates until a snapshot", async () => {
  const { ex, trader } = await started();
  ex.checksum = (book) => book.priceAt("ask", 0) + book.priceAt("bid", 0);
  await feed(ex, trader, [snap(2101 + 2099)]);
  assertEquals(trader.state.bookStatus, "ok");
  await feed(ex, trader, [{
    kind: "BookUpdate",
    symbol: "ETH/BTC",
    bids: [],
    asks: [{ price: 2100, qty: 1 }],
    time: T0,
    checksum: 1,
  }]);
  assertEquals(trader.state.bookStatus, "resyncing");
  assertEquals(ex.calls.at(-1), "resync ETH/BTC");
  assertEquals(trader.resyncs, 1);
  await feed(ex, trader, [{
    kind: "BookUpdate",
    symbol: "ETH/BTC",
    bids: [{ price: 2000, qty: 1 }],
    asks: [],
    time: T0,
  }]);
  assertEquals(trader.state.book.qtyAtPrice("bid", 2000), 0, "updates while resyncing are not applied");
  await feed(ex, trader, [snap(2101 + 2099)]);
  assertEquals(trader.state.bookStatus, "ok");
  await trader.stop();
});

Deno.test("a crossed book from the venue is never shown as ok", async () => {
  const { ex, trader } = await started();
  await feed(ex, trader, [snap(), {
    kind: "BookUpdate",
    symbol: "ETH/BTC",
    bids: [{ price: 2200, qty: 1 }],
    asks: [],
    time: T0,
  }]);
  assertEquals(trader.state.bookStatus, "resyncing");
  await trader.stop();
});

Deno.test("trades build candles until the venue streams its own; history loads first", async () => {
  const ex = new ScriptedExchange();
  ex.history = [{ time: T0 - 15 * 60_000, open: 1, high: 2, low: 1, close: 2, volume: 10, trades: 1 }];
  const { trader } = await started(ex);
  await feed(ex, trader, [
    { kind: "TradePrinted", symbol: "ETH/BTC", price: 2100, qty: 7, side: "buy", time: T0 + 1 },
    { kind: "TradePrinted", symbol: "ETH/BTC", price: 2102, qty: 3, side: "sell", time: T0 + 2 },
  ]);
  assertEquals(trader.state.candles.map((c) => [c.close, c.volume, c.trades]), [[2, 10, 1], [2102, 10, 2]]);
  await feed(ex, trader, [
    {
      kind: "CandleUpdated",
      symbol: "ETH/BTC",
      timeframe: 15,
      candle: { time: T0, open: 2100, high: 2105, low: 2100, close: 2105, volume: 20, trades: 3 },
    },
    { kind: "TradePrinted", symbol: "ETH/BTC", price: 2110, qty: 1, side: "buy", time: T0 + 3 },
  ]);
  assertEquals(trader.state.candles.at(-1)!.volume, 20, "trades no longer double count");
  await trader.stop();
});

Deno.test("connection changes are tracked with their time; an unknown pair is refused", async () => {
  const { ex, trader } = await started();
  await feed(ex, trader, [{ kind: "ConnectionChanged", state: "stale", time: T0 + 5 }]);
  assertEquals([trader.state.connection, trader.state.connectionSince], ["stale", T0 + 5]);
  await trader.stop();
  const other = new Trader(new ScriptedExchange(), { symbol: "FOO/BAR", depth: 10, timeframe: 15 });
  await assertRejects(() => other.start(), UnknownSymbol, 'Cannot find pair "FOO/BAR" on scripted');
});

Deno.test("change listeners: one that leaves during a report does not cost the others theirs; one added twice is called once", async () => {
  const { ex, trader } = await started();
  const calls: string[] = [];
  const offA = trader.onChange(() => {
    calls.push("a");
    offA();
  });
  const b = () => calls.push("b");
  trader.onChange(b);
  const offB = trader.onChange(b);
  await feed(ex, trader, [snap()]);
  await feed(ex, trader, [snap()]);
  assertEquals(calls, ["a", "b", "b"]);
  offB();
  await feed(ex, trader, [snap()]);
  assertEquals(calls, ["a", "b", "b"], "gone after off()");
  await trader.stop();
});

Deno.test("an update that removes the last levels leaves the book empty, not ok", async () => {
  const { ex, trader } = await started();
  await feed(ex, trader, [snap()]);
  assertEquals(trader.state.bookStatus, "ok");
  await feed(ex, trader, [{
    kind: "BookUpdate",
    symbol: "ETH/BTC",
    bids: [{ price: 2099, qty: 0 }, { price: 2090, qty: 0 }],
    asks: [{ price: 2101, qty: 0 }, { price: 2103, qty: 0 }],
    time: T0,
  }]);
  assertEquals(trader.state.bookStatus, "empty");
  await trader.stop();
});
