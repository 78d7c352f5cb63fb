import { ExchangeError } from "../core/errors.ts";
import type { Candle } from "../core/events.ts";
import type { CandleQuery } from "../core/exchange.ts";
import { resampleCandles } from "./candles.ts";

/**
 * Candles of `query.timeframe` minutes from a venue that serves only `intervals` (minutes): fetched at the
 * largest interval dividing the timeframe, combined into the timeframe when that is another, then cut to
 * `since` and `limit`. `fetch(interval, per)` loads candles of that interval, `per` of which make one asked
 * for. A timeframe no interval divides is an ExchangeError
 * `Cannot <action>: <timeframe> min is not a multiple of <listed>` (`listed`: the intervals as the venue's
 * error names them; by default the list).
 */
export async function intervalCandles(
  query: CandleQuery,
  intervals: readonly number[],
  action: string,
  fetch: (interval: number, per: number) => Promise<Candle[]>,
  listed = intervals.join(", "),
): Promise<Candle[]> {
  const tf = query.timeframe;
  const base = intervals.filter((i) => tf % i === 0).reduce<number | undefined>(
    (max, i) => max === undefined || i > max ? i : max,
    undefined,
  );
  if (base === undefined || !Number.isSafeInteger(tf) || tf <= 0) {
    throw new ExchangeError(`Cannot ${action}: ${tf} min is not a multiple of ${listed}`);
  }
  let rows = await fetch(base, tf / base);
  if (base !== tf) rows = resampleCandles(rows, tf);
  if (query.since !== undefined) rows = rows.filter((c) => c.time >= query.since!);
  return query.limit === undefined ? rows : rows.slice(-query.limit);
}
