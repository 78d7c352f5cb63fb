import { assertEquals } from "../assert.ts";
import {
  aggregateTrades,
  applyTrade,
  bucketStart,
  mergeCandles,
  resampleCandles,
  upsertCandle,
} from "../../lib/market/candles.ts";
import type { Candle } from "../../lib/core/mod.ts";

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 23, 12, 0);

Deno.test("nine trades of 1.0 in one candle make volume 9, not 10 (the original counted the first twice)", () => {
  const trades = Array.from(
    { length: 9 },
    (_, i) => ({ price: 100 + i, qty: 100_000_000, time: T0 + i * 1000 }),
  );
  const candles = aggregateTrades(trades, 15);
  assertEquals(candles.length, 1);
  assertEquals(candles[0], {
    time: T0,
    open: 100,
    high: 108,
    low: 100,
    close: 108,
    volume: 900_000_000,
    trades: 9,
  });
});

Deno.test("trades open new candles at timeframe boundaries and leave idle periods as gaps", () => {
  const candles = aggregateTrades([
    { price: 10, qty: 1, time: T0 + 1 },
    { price: 12, qty: 2, time: T0 + 14 * MIN + 59_999 },
    { price: 11, qty: 3, time: T0 + 15 * MIN },
    { price: 9, qty: 4, time: T0 + 45 * MIN + 5 },
  ], 15);
  assertEquals(candles.map((c) => [(c.time - T0) / MIN, c.open, c.close, c.volume]), [
    [0, 10, 12, 3],
    [15, 11, 11, 3],
    [45, 9, 9, 4],
  ]);
});

Deno.test("a late trade lands in its own bucket, before the newest candle", () => {
  const candles: Candle[] = [];
  applyTrade(candles, { price: 10, qty: 1, time: T0 + 20 * MIN }, 5);
  applyTrade(candles, { price: 8, qty: 1, time: T0 + 2 * MIN }, 5);
  applyTrade(candles, { price: 7, qty: 1, time: T0 + 22 * MIN }, 5);
  assertEquals(candles.map((c) => [(c.time - T0) / MIN, c.low, c.trades]), [[0, 8, 1], [20, 7, 2]]);
  assertEquals(bucketStart(T0 + 4 * MIN + 59_999, 5), T0);
});

Deno.test("backfill is authoritative for its buckets; newer live candles are kept", () => {
  const c = (m: number, close: number): Candle => ({
    time: T0 + m * MIN,
    open: close,
    high: close,
    low: close,
    close,
    volume: 1,
    trades: 1,
  });
  const merged = mergeCandles([c(0, 1), c(1, 1), c(3, 1)], [c(1, 2), c(2, 2)]);
  assertEquals(merged.map((x) => [(x.time - T0) / MIN, x.close]), [[0, 1], [1, 2], [2, 2], [3, 1]]);
  const list = [c(0, 1), c(2, 1)];
  upsertCandle(list, c(1, 5));
  upsertCandle(list, c(2, 6));
  upsertCandle(list, c(3, 7));
  assertEquals(list.map((x) => x.close), [1, 5, 6, 7]);
});

Deno.test("resampling combines OHLCV exactly", () => {
  const ones: Candle[] = [
    { time: T0, open: 10, high: 12, low: 9, close: 11, volume: 5, trades: 2 },
    { time: T0 + MIN, open: 11, high: 15, low: 10, close: 14, volume: 7, trades: 3 },
    { time: T0 + 5 * MIN, open: 14, high: 14, low: 13, close: 13, volume: 1, trades: 1 },
  ];
  assertEquals(resampleCandles(ones, 5), [
    { time: T0, open: 10, high: 15, low: 9, close: 14, volume: 12, trades: 5 },
    { time: T0 + 5 * MIN, open: 14, high: 14, low: 13, close: 13, volume: 1, trades: 1 },
  ]);
});
