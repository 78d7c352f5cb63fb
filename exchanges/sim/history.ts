import type { Candle } from "../../lib/core/mod.ts";
import type { MarketParams } from "./instruments.ts";
import type { Rng } from "./prng.ts";

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

export const HISTORY_DAYS_OF_MINUTES = 15;
export const HISTORY_DAYS_OF_HOURS = 720;

/** Where the one-minute history starts: a UTC midnight 15 days before `end`. */
export function minutesStart(end: number): number {
  return Math.floor(end / DAY) * DAY - HISTORY_DAYS_OF_MINUTES * DAY;
}

/** One stretch of the one-minute history: see generateMinutes. */
export interface MinuteStretch {
  /** The stretch's own random stream for its prices. */
  readonly rng: Rng;
  readonly params: MarketParams;
  /** Relative, per √second. */
  readonly volatility: number;
  readonly start: number;
  readonly end: number;
  readonly lastClose: number;
}

/**
 * One stretch's trading, apart from its prices: which minutes traded (open times, oldest first), their trade
 * counts and volumes, which add up to `total`.
 */
export interface MinuteActivity {
  readonly total: number;
  readonly times: number[];
  readonly trades: number[];
  readonly volumes: number[];
}

/**
 * The volume a stretch trades in all: the first draw of its activity stream, so that a 24 h volume takes one
 * draw an hour instead of the hour's minutes. At least two a minute, so that every minute gets one.
 */
export function stretchVolume(rng: Rng, p: MarketParams, start: number, end: number): number {
  const slots = minuteCount(start, end);
  if (slots === 0) return 0;
  const mean = p.historyTradesPerMinute * slots * busy(start + (end - start) / 2) * p.historyTradeSize;
  return Math.max(2 * slots, Math.round(mean * Math.exp(0.3 * rng.normal() - 0.045)));
}

/**
 * The minutes of a stretch from `start` to `end` that traded, with their trades and volumes, from the
 * stretch's activity stream `rng` (fresh: its first draw is stretchVolume's). A rare minute has no trade, never
 * a stretch's last one; the stretch's volume is shared among its minutes by weights drawn like trade sizes.
 */
export function minuteActivity(rng: Rng, p: MarketParams, start: number, end: number): MinuteActivity {
  const total = stretchVolume(rng, p, start, end);
  const slots = minuteCount(start, end);
  const times: number[] = [];
  const trades: number[] = [];
  const weights: number[] = [];
  let sum = 0;
  for (let i = 0; i < slots; i++) {
    if (i < slots - 1 && rng.chance(p.gapChance)) continue;
    const time = start + i * MINUTE;
    const n = tradeCount(rng, p, time, 1);
    const w = n * Math.exp(0.6 * rng.normal());
    times.push(time);
    trades.push(n);
    weights.push(w);
    sum += w;
  }
  // One each, the rest by weight, and what rounding leaves to the heaviest minute: they add up to the total.
  const rest = total - times.length;
  const volumes = weights.map((w) => 1 + Math.floor((rest * w) / sum));
  const heaviest = weights.indexOf(Math.max(...weights));
  if (heaviest >= 0) volumes[heaviest]! += total - volumes.reduce((a, v) => a + v, 0);
  return { total, times, trades, volumes };
}

/**
 * A plausible past of one-minute candles for one stretch, from `start` up to `end` (where the next stretch, or
 * for the newest one the live market, starts), the last candle closing at `lastClose` (the price the next
 * stretch or the live market opens at), for the minutes `activity` says traded. The walk runs backwards with
 * the live market's mean reversion and `volatility`, so it looks like what follows; every candle opens at the
 * previous close, a minute without a trade keeps the price. Each stretch has random streams of its own, so
 * the newest ones are made without the older ones.
 */
export function generateMinutes(s: MinuteStretch, activity: MinuteActivity): Candle[] {
  const count = minuteCount(s.start, s.end);
  const traded = new Uint8Array(count);
  for (const t of activity.times) traded[(t - s.start) / MINUTE] = 1;
  const walk = walkBack(s.rng, s.params, s.volatility, s.lastClose, count, 60, (i) => traded[i] === 0);
  const closes = walkCloses(s.params, walk, s.lastClose);
  return activity.times.map((time, j) => {
    const i = (time - s.start) / MINUTE;
    const { high, low } = wicks(s.rng, s.volatility, 60, closes[i]!, closes[i + 1]!);
    return {
      time,
      open: closes[i]!,
      high,
      low,
      close: closes[i + 1]!,
      volume: activity.volumes[j]!,
      trades: activity.trades[j]!,
    };
  });
}

function minuteCount(start: number, end: number): number {
  return Math.max(0, Math.round((end - start) / MINUTE));
}

/** Hourly candles for the 720 days before `end` (a UTC midnight), the last closing at `lastClose`. */
export function generateHours(
  rng: Rng,
  p: MarketParams,
  volatility: number,
  end: number,
  lastClose: number,
): Candle[] {
  const count = HISTORY_DAYS_OF_HOURS * 24;
  const start = end - count * HOUR;
  const closes = walkCloses(p, walkBack(rng, p, volatility, lastClose, count, 3600, () => false), lastClose);
  const hours: Candle[] = [];
  for (let i = 0; i < count; i++) {
    hours.push(candle(rng, p, volatility, start + i * HOUR, closes[i]!, closes[i + 1]!, 3600, 60));
  }
  return hours;
}

/**
 * The walk back from `last` over `count` periods `seconds` apart: the log price (of `startPrice`) at each
 * period's open, or NaN for a gap period (no trade: it keeps the price). Per period, the gap's draw comes
 * before the move's.
 */
function walkBack(
  rng: Rng,
  p: MarketParams,
  volatility: number,
  last: number,
  count: number,
  seconds: number,
  gap: (i: number) => boolean,
): Float64Array {
  const walk = new Float64Array(count);
  let x = Math.log(last / p.startPrice);
  const keep = 1 - seconds / p.reversionSeconds;
  const sd = volatility * Math.sqrt(seconds);
  for (let i = count - 1; i >= 0; i--) walk[i] = gap(i) ? NaN : (x = x * keep + sd * rng.normal());
  return walk;
}

/** Prices at `walk.length + 1` instants: closes[0] is the open of the first period, closes[i + 1] the close of period i. */
function walkCloses(p: MarketParams, walk: Float64Array, last: number): number[] {
  const closes = new Array<number>(walk.length + 1);
  closes[walk.length] = last;
  for (let i = walk.length - 1; i >= 0; i--) {
    closes[i] = Number.isNaN(walk[i]) ? closes[i + 1]! : price(p, walk[i]!);
  }
  return closes;
}

function price(p: MarketParams, x: number): number {
  return Math.max(1, Math.round(p.startPrice * Math.exp(x)));
}

function candle(
  rng: Rng,
  p: MarketParams,
  volatility: number,
  time: number,
  open: number,
  close: number,
  seconds: number,
  minutes: number,
): Candle {
  const { high, low } = wicks(rng, volatility, seconds, open, close);
  const { volume, trades } = activity(rng, p, time, minutes);
  return { time, open, high, low, close, volume, trades };
}

function wicks(rng: Rng, volatility: number, seconds: number, open: number, close: number) {
  const wick = volatility * Math.sqrt(seconds) * open * 0.4;
  const high = Math.max(open, close) + Math.round(Math.abs(rng.normal()) * wick);
  const low = Math.max(1, Math.min(open, close) - Math.round(Math.abs(rng.normal()) * wick));
  return { high, low };
}

/** A candle's trade count and volume, drawn after its high and low. */
function activity(
  rng: Rng,
  p: MarketParams,
  time: number,
  minutes: number,
): { volume: number; trades: number } {
  const trades = tradeCount(rng, p, time, minutes);
  const volume = Math.max(1, Math.round(trades * p.historyTradeSize * Math.exp(0.6 * rng.normal() - 0.18)));
  return { volume, trades };
}

/** Trades in a candle of `minutes` opening at `time`: one draw. */
function tradeCount(rng: Rng, p: MarketParams, time: number, minutes: number): number {
  return Math.max(1, Math.round(p.historyTradesPerMinute * minutes * busy(time) * (0.4 + 1.2 * rng.next())));
}

/** Busier in the (UTC) afternoon, quieter at night. */
function busy(time: number): number {
  return 1 + 0.4 * Math.sin(2 * Math.PI * ((time % DAY) / DAY - 0.35));
}
