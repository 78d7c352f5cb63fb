import { assertEquals } from "../assert.ts";
import type { Candle, CandleUpdated } from "../../lib/core/mod.ts";
import { CandleGaps } from "../../lib/market/candle_gaps.ts";

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 23, 12, 0);
const candle = (time: number): Candle => ({ time, open: 1, high: 1, low: 1, close: 1, volume: 1, trades: 1 });
const update = (symbol: string, timeframe: number, time: number): CandleUpdated => ({
  kind: "CandleUpdated",
  symbol,
  timeframe,
  candle: candle(time),
});

Deno.test("candle gaps: fetched from one interval before the newest candle seen, kept from that one on", async () => {
  const gaps = new CandleGaps();
  gaps.seen(update("BTC/USD", 5, T0 + 10 * MIN));
  gaps.seen(update("BTC/USD", 5, T0 + 5 * MIN));
  gaps.seen(update("BTC/USD", 1, T0 + 30 * MIN));
  const from: number[] = [];
  const got = await gaps.fill("BTC/USD", 5, (fromMs) => {
    from.push(fromMs);
    return Promise.resolve([5, 10, 15, 20].map((m) => candle(T0 + m * MIN)));
  });
  assertEquals(from, [T0 + 5 * MIN], "the newest seen was 12:10; the one before it may have changed too");
  assertEquals(got.map((c) => (c.time - T0) / MIN), [10, 15, 20]);
});

Deno.test("candle gaps: nothing fetched for a stream never seen", async () => {
  const gaps = new CandleGaps();
  gaps.seen(update("BTC/USD", 5, T0));
  let fetched = 0;
  const none = () => (fetched++, Promise.resolve([candle(T0)]));
  assertEquals(await gaps.fill("ETH/USD", 5, none), []);
  assertEquals(await gaps.fill("BTC/USD", 15, none), []);
  assertEquals(fetched, 0);
});

Deno.test("candle gaps: the missed candles as updates of their stream", async () => {
  const gaps = new CandleGaps();
  gaps.seen(update("BTC/USD", 5, T0 + 10 * MIN));
  const got = await gaps.updates(
    "BTC/USD",
    5,
    () => Promise.resolve([5, 10, 15].map((m) => candle(T0 + m * MIN))),
  );
  assertEquals(got, [update("BTC/USD", 5, T0 + 10 * MIN), update("BTC/USD", 5, T0 + 15 * MIN)]);
});
