import type { PriceLevel, Side } from "../../lib/core/mod.ts";
import type { BookSide, Fill } from "./book_side.ts";
import { type MarketParams, stepMove } from "./instruments.ts";
import { depthTo, sweep } from "./matching.ts";
import type { Rng } from "./prng.ts";

/** A market order of another participant, with the fills it took. */
export interface SyntheticTrade<O> {
  /** The taker's side. */
  readonly side: Side;
  readonly fills: Fill<O>[];
}

/** Most levels a synthetic step changes: every book message carries 1 to 3 level changes. */
const MAX_CHANGES = 3;

/** Chance per step that someone trades on a fair price that has moved through the touch. */
const INFORMED = 0.15;

/** An order size: Pareto (many small, a few large), often rounded to two significant digits as people do. */
export function sampleSize(rng: Rng, p: MarketParams): number {
  let raw = p.minSize * Math.pow(1 - rng.next(), -1 / p.sizeAlpha);
  if (raw > p.maxSize) raw = p.maxSize * (0.3 + 0.7 * rng.next());
  if (rng.chance(0.4) && raw >= 100) {
    const unit = Math.pow(10, Math.floor(Math.log10(raw)) - 1);
    raw = Math.round(raw / unit) * unit;
  }
  return Math.max(1, Math.round(raw));
}

/**
 * Draws what sampleSize draws, without the size: the Pareto draw, one more when it lands above maxSize (rare:
 * worked out only when 1 - u is below `edge`), the rounding chance.
 */
function skipSize(rng: Rng, p: MarketParams, edge: number): void {
  const u = rng.next();
  if (1 - u < edge && p.minSize * Math.pow(1 - u, -1 / p.sizeAlpha) > p.maxSize) rng.next();
  rng.next();
}

/** Resting quantity of a level `depth` levels from the top: deeper levels gather more orders. */
export function levelSize(rng: Rng, p: MarketParams, depth: number): number {
  const orders = 1 + Math.floor(rng.exponential(1 + depth / 150));
  let qty = 0;
  for (let i = 0; i < orders; i++) qty += sampleSize(rng, p);
  return qty;
}

/** The draws of levelSize, without the quantity. */
function skipLevelSize(rng: Rng, p: MarketParams, depth: number, edge: number): void {
  const orders = 1 + Math.floor(rng.exponential(1 + depth / 150));
  for (let i = 0; i < orders; i++) skipSize(rng, p, edge);
}

/** Ticks from a level `depth` levels from the top to the next deeper one. */
function gapAt(rng: Rng, p: MarketParams, depth: number): number {
  return 1 + Math.floor(rng.exponential(p.topGap + p.gapGrowth * depth));
}

/**
 * The other participants of one market: a fair price following a mean-reverting random walk (in log space),
 * limit orders arriving and canceling mostly near the top, and market orders, uninformed ones at random and
 * informed ones whenever the fair price has moved through the touch.
 */
export class Liquidity<O> {
  #anchor: number;
  /** log(fair / anchor). */
  #x = 0;

  constructor(
    readonly params: MarketParams,
    readonly rng: Rng,
    readonly bids: BookSide<O>,
    readonly asks: BookSide<O>,
  ) {
    this.#anchor = params.startPrice;
  }

  /** The fair price in (fractional) price ticks. */
  get fair(): number {
    return this.#anchor * Math.exp(this.#x);
  }

  /** Makes `price` the new fair price and the level it reverts to. */
  recenter(price: number): void {
    this.#anchor = price;
    this.#x = 0;
  }

  /** The best bid and ask build() lays out: around the fair price, a typical spread apart. */
  openingTouch(): { bid: number; ask: number } {
    const p = this.params;
    const bid = Math.max(1, Math.round(this.fair - p.spread / 2));
    return { bid, ask: bid + Math.max(1, Math.round(p.spread)) };
  }

  /**
   * The top `depth` levels of each side that build() lays out, without laying out the book and without
   * drawing from `rng`: the bid side's deeper levels are only drawn past (the ask side starts after them).
   */
  openingTop(depth: number): { bids: PriceLevel[]; asks: PriceLevel[] } {
    const p = this.params;
    const rng = this.rng.clone();
    const { bid, ask } = this.openingTouch();
    // minSize * (1 - u)^(-1 / alpha) > maxSize needs 1 - u < (minSize / maxSize)^alpha; below twice that,
    // skipSize works it out as sampleSize does (far from any rounding either way).
    const edge = 2 * Math.pow(p.minSize / p.maxSize, p.sizeAlpha);
    const sides: PriceLevel[][] = [];
    for (const [isBid, start] of [[true, bid], [false, ask]] as const) {
      const levels: PriceLevel[] = [];
      let price = start;
      for (let i = 0; i < p.levels && price >= 1; i++) {
        if (i < depth) levels.push({ price, qty: levelSize(rng, p, i) });
        else if (isBid) skipLevelSize(rng, p, i, edge);
        else break;
        price += (isBid ? -1 : 1) * gapAt(rng, p, i);
      }
      sides.push(levels);
    }
    return { bids: sides[0]!, asks: sides[1]! };
  }

  /** Fills both (empty) sides with `params.levels` levels around the fair price, from the opening touch. */
  build(): void {
    const p = this.params;
    const { bid, ask } = this.openingTouch();
    for (const [side, start] of [[this.bids, bid], [this.asks, ask]] as const) {
      let price = start;
      for (let i = 0; i < p.levels && price >= 1; i++) {
        side.appendSynth(price, levelSize(this.rng, p, i));
        price += (side.isBid ? -1 : 1) * this.#gap(i);
      }
    }
  }

  /** One step of `dt` seconds: either a market order (returned) or 1 to 3 limit order arrivals/cancels. */
  step(dt: number): SyntheticTrade<O> | null {
    const p = this.params;
    const rng = this.rng;
    this.#x += -this.#x * dt / p.reversionSeconds + stepMove(p, dt) / p.startPrice * rng.normal();
    const fair = this.fair;
    const ask = this.asks.best;
    const bid = this.bids.best;
    if (ask && fair >= ask.price + 0.5 && rng.chance(INFORMED)) {
      const qty = depthTo(this.asks, Math.floor(fair), MAX_CHANGES);
      return { side: "buy", fills: sweep(this.asks, qty, null, MAX_CHANGES) };
    }
    if (bid && fair <= bid.price - 0.5 && rng.chance(INFORMED)) {
      const qty = depthTo(this.bids, Math.ceil(fair), MAX_CHANGES);
      return { side: "sell", fills: sweep(this.bids, qty, null, MAX_CHANGES) };
    }
    if (rng.chance(p.tradesPerSecond * dt)) {
      const side: Side = rng.chance(0.5) ? "buy" : "sell";
      const book = side === "buy" ? this.asks : this.bids;
      if (book.levels.length > 0) {
        return { side, fills: sweep(book, sampleSize(rng, p), null, MAX_CHANGES) };
      }
    }
    const u = rng.next();
    const changes = 1 + (u < 0.35 ? 1 : 0) + (u < 0.1 ? 1 : 0);
    for (let c = 0; c < changes; c++) {
      if (c === 0 && this.#maintain()) continue;
      if (this.#pullStale(fair)) continue;
      const side = rng.chance(0.5) ? this.bids : this.asks;
      if (rng.chance(0.5)) this.#arrive(side, fair);
      else this.#cancel(side, fair);
    }
    return null;
  }

  /** Market makers pull a best quote the fair price has moved through (most mid moves happen this way). */
  #pullStale(fair: number): boolean {
    const half = this.params.spread / 2;
    for (const side of [this.bids, this.asks]) {
      const best = side.best;
      if (!best || best.synth === 0) continue;
      const stale = side.isBid ? best.price > fair - half + 0.5 : best.price < fair + half - 0.5;
      if (stale && this.rng.chance(0.6)) {
        side.cancelSynth(0, best.synth);
        return true;
      }
    }
    return false;
  }

  #gap(depth: number): number {
    return gapAt(this.rng, this.params, depth);
  }

  /**
   * Keeps the level count of each side within ±10 % of the target by adding a level past the deepest one or
   * dropping the deepest: as the price drifts, the book's shape moves along with it.
   */
  #maintain(): boolean {
    const p = this.params;
    for (const side of [this.bids, this.asks]) {
      const n = side.levels.length;
      if (n < p.levels * 0.9) {
        const deepest = side.levels[n - 1];
        const dir = side.isBid ? -1 : 1;
        const price = deepest ? deepest.price + dir * this.#gap(n) : Math.round(this.fair + dir * p.spread);
        if (price < 1 || !this.#fits(side, price)) return false;
        side.addSynth(price, levelSize(this.rng, p, n));
        return true;
      }
      if (n > p.levels * 1.1) {
        const deepest = side.levels[n - 1]!;
        if (deepest.synth > 0) {
          side.cancelSynth(n - 1, deepest.synth);
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Ticks behind the fair quote at which an order arrives or cancels: mostly close to the top, with a long
   * tail. Arrivals and cancels use the same distances, so each price near the top is occupied with a steady
   * probability: the book neither thins out nor fills up, whatever the price does.
   */
  #distance(): number {
    const depth = this.params.arrivalDepth;
    return this.rng.exponential(this.rng.chance(0.9) ? depth : depth * 15);
  }

  /** The price `behind` ticks behind the fair quote of `side`. */
  #behind(side: BookSide<O>, fair: number, behind: number): number {
    const half = this.params.spread / 2;
    return Math.round(side.isBid ? fair - half - behind : fair + half + behind);
  }

  #arrive(side: BookSide<O>, fair: number): void {
    let price = this.#behind(side, fair, this.#distance());
    const other = side.isBid ? this.asks.best : this.bids.best;
    if (other) price = side.isBid ? Math.min(price, other.price - 1) : Math.max(price, other.price + 1);
    if (price >= 1) side.addSynth(price, sampleSize(this.rng, this.params));
  }

  /** A whole level now and then, else part of one; a few tries to find a price that has a level. */
  #cancel(side: BookSide<O>, fair: number): void {
    const rng = this.rng;
    for (let tries = 0; tries < 3; tries++) {
      const index = side.search(this.#behind(side, fair, this.#distance()));
      if (index < 0) continue;
      const synth = side.levels[index]!.synth;
      if (synth === 0) return;
      const qty = rng.chance(0.3) ? synth : Math.max(1, Math.floor(synth * (0.05 + 0.45 * rng.next())));
      side.cancelSynth(index, qty);
      return;
    }
  }

  /** A new deepest level must not cross the other side. */
  #fits(side: BookSide<O>, price: number): boolean {
    const other = side.isBid ? this.asks.best : this.bids.best;
    return !other || (side.isBid ? price < other.price : price > other.price);
  }
}
