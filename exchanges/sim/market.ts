import type {
  BookSnapshot,
  Candle,
  CandleQuery,
  Instrument,
  PriceLevel,
  TickerChanged,
} from "../../lib/core/mod.ts";
import { ExchangeError } from "../../lib/core/mod.ts";
import { applyTrade, bucketStart, resampleCandles } from "../../lib/market/candles.ts";
import type { OwnOrder } from "./account.ts";
import { BookSide } from "./book_side.ts";
import {
  generateHours,
  generateMinutes,
  type MinuteActivity,
  minuteActivity,
  minutesStart,
  stretchVolume,
} from "./history.ts";
import { effectiveVolatility, type MarketParams, type SimMarketSpec } from "./instruments.ts";
import { Liquidity } from "./liquidity.ts";
import { deriveSeed, Rng } from "./prng.ts";
import { Tape } from "./tape.ts";

export const TIMEFRAMES: readonly number[] = [1, 5, 15, 30, 60, 240, 1440];

const DAY = 86_400_000;
/** The one-minute history is made an hour at a time, newest first, and only as far back as asked. */
const STRETCH = 3_600_000;

/** Deepest snapshot of a book not laid out yet that is worked out without laying it out. */
const PREVIEW_DEPTH = 100;

/** Checks a candle length in minutes; ExchangeError naming the supported ones. */
export function checkTimeframe(symbol: string, timeframe: number): void {
  if (!TIMEFRAMES.includes(timeframe)) {
    throw new ExchangeError(
      `Cannot load candles for "${symbol}" on sim: timeframe ${timeframe} is not one of ${
        TIMEFRAMES.join(", ")
      } minutes`,
    );
  }
}

/**
 * One simulated pair: the matching book (synthetic liquidity plus resting own orders), the participants
 * moving it, and its trade-derived state: last price, candles (generated history + live), 24 h volume.
 */
export class Market {
  readonly instrument: Instrument;
  readonly params: MarketParams;
  readonly #bids = new BookSide<OwnOrder>(true);
  readonly #asks = new BookSide<OwnOrder>(false);
  readonly #liquidity: Liquidity<OwnOrder>;
  /** The opening book is laid out on first use (a ticker needs only its touch): the same book either way. */
  #built = false;
  /** Open time of the first live minute: history ends just before it. */
  readonly liveSince: number;
  /** Last trade price; before any live trade, the last close of the history. */
  last: number;
  /** Recent public trades. */
  readonly tape: Tape;
  readonly #seed: number;
  /**
   * The one-minute history by hour, newest first (the first ends where the live market starts), made on
   * demand. Each hour's trading (which minutes traded, their volumes) is drawn apart from its prices, so a 24 h
   * volume needs one draw an hour; its prices walk back from where the next newer hour starts (#lastCloses[k];
   * k = 0: the start price), so hours' candles are made in order.
   */
  readonly #stretches: (Candle[] | undefined)[] = [];
  readonly #activity: (MinuteActivity | undefined)[] = [];
  readonly #lastCloses: number[];
  #minutes: Candle[] | null = null;
  #hours: Candle[] | null = null;
  /** Live one-minute candles, from trades since the market started. */
  readonly #live: Candle[] = [];
  readonly #resampled = new Map<number, readonly Candle[]>();
  /** Current candle per watched timeframe (at most the last two kept). */
  readonly #watched = new Map<number, Candle[]>();
  #volume24: number | null = null;
  /** The oldest minute counted in #volume24: an hour of the history (k), its minute; then (k < 0) a live one. */
  #volumeHour = 0;
  #volumeMinute = 0;
  /** Relative volatility per √second the live market has, which the history copies. */
  readonly #volatility: number;

  constructor(spec: SimMarketSpec, seed: number, now: number, dt: number) {
    this.#volatility = effectiveVolatility(spec.params, dt);
    this.instrument = spec.instrument;
    this.params = spec.params;
    const symbol = spec.instrument.symbol;
    this.#liquidity = new Liquidity(
      spec.params,
      new Rng(deriveSeed(seed, `${symbol} book`)),
      this.#bids,
      this.#asks,
    );
    this.#seed = seed;
    this.tape = new Tape(symbol, seed);
    this.liveSince = bucketStart(now, 1);
    this.last = spec.params.startPrice;
    this.#lastCloses = [spec.params.startPrice];
  }

  get symbol(): string {
    return this.instrument.symbol;
  }

  get bids(): BookSide<OwnOrder> {
    this.#build();
    return this.#bids;
  }

  get asks(): BookSide<OwnOrder> {
    this.#build();
    return this.#asks;
  }

  /** The other participants; they move the book, so it is laid out first. */
  get liquidity(): Liquidity<OwnOrder> {
    this.#build();
    return this.#liquidity;
  }

  #build(): void {
    if (this.#built) return;
    this.#built = true;
    this.#liquidity.build();
  }

  snapshot(depth: number, time: number): BookSnapshot {
    if (!this.#built && depth <= PREVIEW_DEPTH) {
      // A shallow look at a book not laid out yet: its top, the same levels, without laying it out.
      const { bids, asks } = this.#liquidity.openingTop(depth);
      return { kind: "BookSnapshot", symbol: this.symbol, bids, asks, time };
    }
    const top = (side: BookSide<OwnOrder>) =>
      side.levels.slice(0, depth).map((l): PriceLevel => ({ price: l.price, qty: l.qty }));
    return { kind: "BookSnapshot", symbol: this.symbol, bids: top(this.bids), asks: top(this.asks), time };
  }

  ticker(time: number): TickerChanged {
    // Before the book is laid out, its touch is where build() will put it.
    const touch = this.#built ? null : this.#liquidity.openingTouch();
    return {
      kind: "TickerChanged",
      symbol: this.symbol,
      bid: touch ? touch.bid : this.#bids.best?.price ?? 0,
      ask: touch ? touch.ask : this.#asks.best?.price ?? 0,
      last: this.last,
      volume: this.#volumeSince(time - DAY),
      time,
    };
  }

  /** Replaces all (synthetic) liquidity; the fair price moves to the new mid. */
  setBook(bids: readonly PriceLevel[], asks: readonly PriceLevel[]): void {
    this.bids.clear();
    this.asks.clear();
    for (const l of bids) this.bids.addSynth(l.price, l.qty);
    for (const l of asks) this.asks.addSynth(l.price, l.qty);
    this.bids.touched.clear();
    this.asks.touched.clear();
    const bid = this.bids.best?.price;
    const ask = this.asks.best?.price;
    const mid = bid !== undefined && ask !== undefined ? (bid + ask) / 2 : bid ?? ask;
    if (mid !== undefined) this.liquidity.recenter(mid);
  }

  /** Counts one trade (a synthetic one or an own fill) in the last price, candles and volume, once. */
  recordTrade(price: number, qty: number, time: number): void {
    this.last = price;
    const trade = { price, qty, time };
    applyTrade(this.#live, trade, 1);
    if (this.#volume24 !== null) this.#volume24 += qty;
    for (const [timeframe, current] of this.#watched) {
      applyTrade(current, trade, timeframe);
      if (current.length > 2) current.splice(0, current.length - 2);
    }
  }

  /** Starts keeping the current candle of `timeframe` minutes for CandleUpdated; returns it (if any). */
  watchTimeframe(timeframe: number): Candle | undefined {
    let current = this.#watched.get(timeframe);
    if (!current) this.#watched.set(timeframe, current = this.candles({ timeframe, limit: 1 }));
    return current[current.length - 1];
  }

  /** The candle of a watched timeframe that the latest trade landed in. */
  currentCandle(timeframe: number): Candle | undefined {
    const current = this.#watched.get(timeframe);
    return current?.[current.length - 1];
  }

  /** Candles oldest first: history resampled to `timeframe` and continued by live trades. */
  candles(query: CandleQuery): Candle[] {
    const { timeframe, since, limit } = query;
    checkTimeframe(this.symbol, timeframe);
    const history = this.#historyAt(timeframe);
    let out: Candle[];
    if (this.#live.length === 0) out = history.slice();
    else if (timeframe === 1) out = history.concat(this.#live);
    else {
      const last = history[history.length - 1];
      const tail = resampleCandles(last ? [last, ...this.#live] : this.#live, timeframe);
      out = (last ? history.slice(0, -1) : history.slice()).concat(tail);
    }
    if (since !== undefined) {
      let i = 0;
      while (i < out.length && out[i]!.time < since) i++;
      out = out.slice(i);
    }
    if (limit !== undefined && limit >= 0 && out.length > limit) out = out.slice(out.length - limit);
    return out;
  }

  /** Generated one-minute history, up to the minute before the market started. */
  get minutes(): readonly Candle[] {
    this.#minutes ??= this.#minutesSince(minutesStart(this.liveSince));
    return this.#minutes;
  }

  /** The history's hours that reach back to `cutoff` (at most all of them), oldest first. */
  #minutesSince(cutoff: number): Candle[] {
    const n = this.#hoursBack(cutoff);
    const out: Candle[][] = [];
    for (let k = 0; k <= n; k++) out.push(this.#stretch(k));
    return out.reverse().flat();
  }

  /** Index of the oldest hour that reaches back to `cutoff`. */
  #hoursBack(cutoff: number): number {
    const first = minutesStart(this.liveSince);
    return Math.max(0, Math.ceil((this.#newestHour() - Math.max(cutoff, first)) / STRETCH));
  }

  #newestHour(): number {
    return Math.max(minutesStart(this.liveSince), Math.floor(this.liveSince / STRETCH) * STRETCH);
  }

  /** Hour `k` of the history's candles (every newer one's made first: its walk ends where theirs start). */
  #stretch(k: number): Candle[] {
    const made = this.#stretches[k];
    if (made) return made;
    const start = this.#hourStart(k);
    const minutes = generateMinutes({
      rng: new Rng(deriveSeed(this.#seed, `${this.symbol} minutes ${start}`)),
      params: this.params,
      volatility: this.#volatility,
      start,
      end: this.#hourEnd(k),
      lastClose: this.#lastCloses[k]!,
    }, this.#hourActivity(k));
    this.#stretches[k] = minutes;
    if (k === this.#lastCloses.length - 1) this.#lastCloses.push(minutes[0]?.open ?? this.#lastCloses[k]!);
    return minutes;
  }

  #hourStart(k: number): number {
    return this.#newestHour() - k * STRETCH;
  }

  #hourEnd(k: number): number {
    return k === 0 ? this.liveSince : this.#hourStart(k) + STRETCH;
  }

  #activityRng(k: number): Rng {
    return new Rng(deriveSeed(this.#seed, `${this.symbol} activity ${this.#hourStart(k)}`));
  }

  /** Which minutes of hour `k` traded, and their volumes. */
  #hourActivity(k: number): MinuteActivity {
    return this.#activity[k] ??= minuteActivity(
      this.#activityRng(k),
      this.params,
      this.#hourStart(k),
      this.#hourEnd(k),
    );
  }

  /** Hour `k`'s volume in all, without its minutes when they are not made yet. */
  #hourVolume(k: number): number {
    return this.#activity[k]?.total ??
      stretchVolume(this.#activityRng(k), this.params, this.#hourStart(k), this.#hourEnd(k));
  }

  /** Generated hourly history before the one-minute history, made only when a timeframe needs it. */
  get hours(): readonly Candle[] {
    const minutes = this.minutes;
    this.#hours ??= generateHours(
      new Rng(deriveSeed(this.#seed, `${this.symbol} hours`)),
      this.params,
      this.#volatility,
      minutesStart(this.liveSince),
      minutes[0]?.open ?? this.params.startPrice,
    );
    return this.#hours;
  }

  #historyAt(timeframe: number): readonly Candle[] {
    let c = this.#resampled.get(timeframe);
    if (!c) {
      if (timeframe === 1) c = this.minutes;
      else if (timeframe < 60) c = resampleCandles(this.minutes, timeframe);
      else c = resampleCandles([...this.hours, ...this.minutes], timeframe);
      this.#resampled.set(timeframe, c);
    }
    return c;
  }

  /** Volume of the one-minute candles opening at or after `cutoff`, kept as a running sum. */
  #volumeSince(cutoff: number): number {
    if (this.#volume24 === null) {
      // Whole hours by their totals; only the oldest hour the window reaches by its minutes.
      const n = this.#hoursBack(cutoff);
      let v = 0;
      for (let k = 0; k < n; k++) v += this.#hourVolume(k);
      v += this.#hourActivity(n).total;
      for (const c of this.#live) v += c.volume;
      this.#volume24 = v;
      this.#volumeHour = n;
      this.#volumeMinute = 0;
    }
    // Drop what opened before the cutoff: the oldest counted hour's minutes, then newer hours', then live ones.
    for (;;) {
      const k = this.#volumeHour;
      const minutes = k >= 0 ? this.#hourActivity(k) : null;
      const i = this.#volumeMinute;
      if (minutes && i >= minutes.times.length) {
        this.#volumeHour--;
        this.#volumeMinute = 0;
        continue;
      }
      const time = minutes ? minutes.times[i] : this.#live[i]?.time;
      if (time === undefined || time >= cutoff) break;
      this.#volume24 -= minutes ? minutes.volumes[i]! : this.#live[i]!.volume;
      this.#volumeMinute++;
    }
    return this.#volume24;
  }
}
