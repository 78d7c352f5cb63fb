import type { Candle } from "../core/events.ts";

/** A trade as candles need it: price and qty in ticks, time in ms. */
export interface TradeTick {
  readonly price: number;
  readonly qty: number;
  readonly time: number;
}

/** Open time (ms) of the candle of `timeframe` minutes that contains `time`. */
export function bucketStart(time: number, timeframe: number): number {
  const ms = timeframe * 60_000;
  return Math.floor(time / ms) * ms;
}

function candleFor(trade: TradeTick, time: number): Candle {
  return {
    time,
    open: trade.price,
    high: trade.price,
    low: trade.price,
    close: trade.price,
    volume: trade.qty,
    trades: 1,
  };
}

function withTrade(c: Candle, trade: TradeTick): Candle {
  return {
    time: c.time,
    open: c.open,
    high: trade.price > c.high ? trade.price : c.high,
    low: trade.price < c.low ? trade.price : c.low,
    close: trade.price,
    volume: c.volume + trade.qty,
    trades: c.trades + 1,
  };
}

function indexOfTime(candles: readonly Candle[], time: number): number {
  let lo = 0;
  let hi = candles.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (candles[mid]!.time < time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Adds one trade to `candles` (oldest first, changed in place) and returns the candle it landed in.
 * Each trade counts once; a trade older than the newest candle updates (or opens) its own bucket.
 */
export function applyTrade(candles: Candle[], trade: TradeTick, timeframe: number): Candle {
  const time = bucketStart(trade.time, timeframe);
  const last = candles[candles.length - 1];
  let i: number;
  if (last === undefined || last.time < time) i = candles.length;
  else if (last.time === time) i = candles.length - 1;
  else i = indexOfTime(candles, time);
  const existing = candles[i];
  if (existing !== undefined && existing.time === time) {
    const next = withTrade(existing, trade);
    candles[i] = next;
    return next;
  }
  const fresh = candleFor(trade, time);
  candles.splice(i, 0, fresh);
  return fresh;
}

/** Candles from trades (any order), oldest first; every trade counted exactly once. */
export function aggregateTrades(trades: Iterable<TradeTick>, timeframe: number): Candle[] {
  const out: Candle[] = [];
  for (const t of trades) applyTrade(out, t, timeframe);
  return out;
}

/**
 * Merges a backfill (oldest first, e.g. from a REST history call) into live candles:
 * the backfill is authoritative for the buckets it covers, live candles outside it are kept.
 */
export function mergeCandles(live: readonly Candle[], backfill: readonly Candle[]): Candle[] {
  if (backfill.length === 0) return live.slice();
  const first = backfill[0]!.time;
  const last = backfill[backfill.length - 1]!.time;
  const before = live.filter((c) => c.time < first);
  const after = live.filter((c) => c.time > last);
  return [...before, ...backfill, ...after];
}

/** Sets a candle (by open time) in `candles`, oldest first, in place: how a venue's candle update lands. */
export function upsertCandle(candles: Candle[], candle: Candle): void {
  const last = candles[candles.length - 1];
  if (last === undefined || last.time < candle.time) {
    candles.push(candle);
    return;
  }
  const i = last.time === candle.time ? candles.length - 1 : indexOfTime(candles, candle.time);
  if (candles[i]?.time === candle.time) candles[i] = candle;
  else candles.splice(i, 0, candle);
}

/** Combines candles (oldest first) into longer ones of `timeframe` minutes. */
export function resampleCandles(candles: readonly Candle[], timeframe: number): Candle[] {
  const out: Candle[] = [];
  for (const c of candles) {
    const time = bucketStart(c.time, timeframe);
    const last = out[out.length - 1];
    if (last !== undefined && last.time === time) {
      out[out.length - 1] = {
        time,
        open: last.open,
        high: c.high > last.high ? c.high : last.high,
        low: c.low < last.low ? c.low : last.low,
        close: c.close,
        volume: last.volume + c.volume,
        trades: last.trades + c.trades,
      };
    } else out.push({ ...c, time });
  }
  return out;
}
