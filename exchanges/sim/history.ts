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

/**
 * One stretch of a plausible past of one-minute candles, from `start` up to `end` (where the next stretch,
 * or for the newest one the live market, starts), the last candle closing at `lastClose` (the price the next
 * stretch or the live market opens at). The walk runs backwards with the live market's mean reversion and
 * `volatility` (relative, per √second), so it looks like what follows. Every candle opens at the previous
 * close; a rare minute has no trade and no candle, but never the newest minute of the history (`newest`).
 * Each stretch has a random stream of its own, so the newest ones are made without the older ones.
 */
export function generateMinutes(
  rng: Rng,
  p: MarketParams,
  volatility: number,
  start: number,
  end: number,
  lastClose: number,
  newest: boolean,
): Candle[] {
  const { count, walk } = minuteWalk(rng, p, volatility, start, end, lastClose, newest);
  const minutes: Candle[] = [];
  for (let i = 0; i < count; i++) {
    if (walk.gaps[i]) continue;
    minutes.push(candle(rng, p, volatility, start + i * MINUTE, walk.closes[i]!, walk.closes[i + 1]!, 60, 1));
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
 * and the same draws from `rng`, without the candles' high and low.
 */
export function minuteVolumes(
  rng: Rng,
  p: MarketParams,
  volatility: number,
  start: number,
  end: number,
  lastClose: number,
  newest: boolean,
): MinuteVolumes {
  // walkBack's walk, keeping only the gaps and where the oldest candle opens (no price per minute)
  const count = Math.max(0, Math.round((end - start) / MINUTE));
  const gaps = new Uint8Array(count);
  let x = Math.log(lastClose / p.startPrice);
  const keep = 1 - 60 / p.reversionSeconds;
  const sd = volatility * Math.sqrt(60);
  let openX: number | undefined;
  for (let i = count - 1; i >= 0; i--) {
    if ((!newest || i < count - 1) && rng.chance(p.gapChance)) gaps[i] = 1;
    else openX = x = x * keep + sd * rng.normal();
  }
  const times: number[] = [];
  const volumes: number[] = [];
  for (let i = 0; i < count; i++) {
    if (gaps[i]) continue;
    rng.normal(); // the high's draw
    rng.normal(); // the low's
    const time = start + i * MINUTE;
    times.push(time);
    volumes.push(activity(rng, p, time, 1).volume);
  }
  const open = openX === undefined ? lastClose : Math.max(1, Math.round(p.startPrice * Math.exp(openX)));
  return { times, volumes, open };
}

function minuteWalk(
  rng: Rng,
  p: MarketParams,
  volatility: number,
  start: number,
  end: number,
  lastClose: number,
  newest: boolean,
): { count: number; walk: Walk } {
  const count = Math.max(0, Math.round((end - start) / MINUTE));
  const walk = walkBack(
    rng,
    p,
    volatility,
    lastClose,
    count,
    60,
    (i) => (!newest || i < count - 1) && rng.chance(p.gapChance),
  );
  return { count, walk };
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
  const walk = walkBack(rng, p, volatility, lastClose, count, 3600, () => false);
  const hours: Candle[] = [];
  for (let i = 0; i < count; i++) {
    hours.push(candle(rng, p, volatility, start + i * HOUR, walk.closes[i]!, walk.closes[i + 1]!, 3600, 60));
  }
  return hours;
}

interface Walk {
  readonly closes: number[];
  readonly gaps: boolean[];
}

/**
 * Prices at `count + 1` instants, `seconds` apart, the last being `last`: closes[0] is the open of the first
 * period, closes[i + 1] the close of period i. A gap period keeps the price.
 */
function walkBack(
  rng: Rng,
  p: MarketParams,
  volatility: number,
  last: number,
  count: number,
  seconds: number,
  gap: (i: number) => boolean,
): Walk {
  const closes = new Array<number>(count + 1);
  const gaps = new Array<boolean>(count);
  closes[count] = last;
  let x = Math.log(last / p.startPrice);
  const keep = 1 - seconds / p.reversionSeconds;
  const sd = volatility * Math.sqrt(seconds);
  for (let i = count - 1; i >= 0; i--) {
    gaps[i] = gap(i);
    if (!gaps[i]) x = x * keep + sd * rng.normal();
    closes[i] = gaps[i] ? closes[i + 1]! : Math.max(1, Math.round(p.startPrice * Math.exp(x)));
  }
  return { closes, gaps };
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
