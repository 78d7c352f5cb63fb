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
  /** The stretch's own random stream. */
  readonly rng: Rng;
  readonly params: MarketParams;
  /** Relative, per √second. */
  readonly volatility: number;
  readonly start: number;
  readonly end: number;
  readonly lastClose: number;
  /** The newest stretch of the history: its newest minute is never a gap. */
  readonly newest: boolean;
}

/**
 * One stretch of a plausible past of one-minute candles, from `start` up to `end` (where the next stretch,
 * or for the newest one the live market, starts), the last candle closing at `lastClose` (the price the next
 * stretch or the live market opens at). The walk runs backwards with the live market's mean reversion and
 * `volatility`, so it looks like what follows. Every candle opens at the previous close; a rare minute has no
 * trade and no candle, but never the newest minute of the history (`newest`). Each stretch has a random
 * stream of its own, so the newest ones are made without the older ones.
 */
export function generateMinutes(s: MinuteStretch): Candle[] {
  const walk = minuteWalk(s);
  const closes = walkCloses(s.params, walk, s.lastClose);
  const minutes: Candle[] = [];
  for (let i = 0; i < walk.length; i++) {
    if (Number.isNaN(walk[i])) continue;
    minutes.push(
      candle(s.rng, s.params, s.volatility, s.start + i * MINUTE, closes[i]!, closes[i + 1]!, 60, 1),
    );
  }
  return minutes;
}

/** The volumes of one stretch's minutes, without its candles: what a 24 h volume needs. */
export interface MinuteVolumes {
  /** Open times of the stretch's candles, oldest first. */
  readonly times: number[];
  readonly volumes: number[];
  /** The first candle's open (`lastClose` when there is none): where the next older stretch ends. */
  readonly open: number;
}

/**
 * What generateMinutes makes of the same stretch, only the times, volumes and the first open: the same walk
 * and the same draws from `rng`, without the candles' prices.
 */
export function minuteVolumes(s: MinuteStretch): MinuteVolumes {
  const walk = minuteWalk(s);
  const times: number[] = [];
  const volumes: number[] = [];
  for (let i = 0; i < walk.length; i++) {
    if (Number.isNaN(walk[i])) continue;
    s.rng.normal(); // the high's draw
    s.rng.normal(); // the low's
    const time = s.start + i * MINUTE;
    times.push(time);
    volumes.push(activity(s.rng, s.params, time, 1).volume);
  }
  const first = walk.findIndex((x) => !Number.isNaN(x));
  return { times, volumes, open: first < 0 ? s.lastClose : price(s.params, walk[first]!) };
}

function minuteWalk(s: MinuteStretch): Float64Array {
  const count = Math.max(0, Math.round((s.end - s.start) / MINUTE));
  const gap = (i: number) => (!s.newest || i < count - 1) && s.rng.chance(s.params.gapChance);
  return walkBack(s.rng, s.params, s.volatility, s.lastClose, count, 60, gap);
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
  const wick = volatility * Math.sqrt(seconds) * open * 0.4;
  const high = Math.max(open, close) + Math.round(Math.abs(rng.normal()) * wick);
  const low = Math.max(1, Math.min(open, close) - Math.round(Math.abs(rng.normal()) * wick));
  const { volume, trades } = activity(rng, p, time, minutes);
  return { time, open, high, low, close, volume, trades };
}

/** A candle's trade count and volume, drawn after its high and low. */
function activity(
  rng: Rng,
  p: MarketParams,
  time: number,
  minutes: number,
): { volume: number; trades: number } {
  // busier in the (UTC) afternoon, quieter at night
  const busy = 1 + 0.4 * Math.sin(2 * Math.PI * ((time % DAY) / DAY - 0.35));
  const trades = Math.max(
    1,
    Math.round(p.historyTradesPerMinute * minutes * busy * (0.4 + 1.2 * rng.next())),
  );
  const volume = Math.max(1, Math.round(trades * p.historyTradeSize * Math.exp(0.6 * rng.normal() - 0.18)));
  return { volume, trades };
}
