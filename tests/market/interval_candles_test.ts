import { assertEquals, assertRejects } from "../assert.ts";
import { type Candle, ExchangeError } from "../../lib/core/mod.ts";
import { intervalCandles } from "../../lib/market/interval_candles.ts";

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 23, 12, 0);

/** `n` one-interval candles from T0, close i+1, volume 1 each. */
function rows(interval: number, n: number): Candle[] {
  return Array.from({ length: n }, (_, i) => ({
    time: T0 + i * interval * MIN,
    open: i + 1,
    high: i + 1,
    low: i + 1,
    close: i + 1,
    volume: 1,
    trades: 1,
  }));
}

Deno.test("interval candles: a served timeframe is fetched as is, cut to since and limit", async () => {
  const asked: [number, number][] = [];
  const out = await intervalCandles(
    { timeframe: 5, since: T0 + 10 * MIN, limit: 2 },
    [1, 5, 15],
    "load",
    (i, per) => {
      asked.push([i, per]);
      return Promise.resolve(rows(5, 6));
    },
  );
  assertEquals(asked, [[5, 1]]);
  assertEquals(out.map((c) => c.close), [5, 6]);
});

Deno.test("interval candles: another timeframe is built from the largest interval dividing it", async () => {
  const asked: [number, number][] = [];
  const out = await intervalCandles({ timeframe: 10 }, [15, 1, 5], "load", (i, per) => {
    asked.push([i, per]);
    return Promise.resolve(rows(5, 4));
  });
  assertEquals(asked, [[5, 2]], "5 divides 10, 15 does not, whatever the list's order");
  assertEquals(out.map((c) => [c.time - T0, c.open, c.close, c.volume]), [[0, 1, 2, 2], [10 * MIN, 3, 4, 2]]);
});

Deno.test("interval candles: a timeframe no interval divides, or not a whole positive number, is refused", async () => {
  const fetch = () => Promise.reject(new Error("nothing is fetched"));
  for (const timeframe of [7, 0, -5, 2.5]) {
    await assertRejects(
      () => intervalCandles({ timeframe }, [5, 15], 'load candles for "BTC/USD" on x', fetch),
      ExchangeError,
      `Cannot load candles for "BTC/USD" on x: ${timeframe} min is not a multiple of 5, 15`,
    );
  }
  await assertRejects(
    () => intervalCandles({ timeframe: 7 }, [2, 3], "load", fetch, "2, 3 min"),
    ExchangeError,
    "Cannot load: 7 min is not a multiple of 2, 3 min",
  );
});
