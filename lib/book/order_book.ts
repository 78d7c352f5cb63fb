import type { Decimal } from "../core/decimal.ts";
import { BookIntegrityError } from "../core/errors.ts";
import type { PriceLevel } from "../core/events.ts";
import type { Instrument } from "../core/instrument.ts";
import { formatTicksShort } from "../core/ticks.ts";
import { NONE_CHANGED, SideStore } from "./side_store.ts";

export type BookSide = "bid" | "ask";

export interface LevelChange {
  readonly side: BookSide;
  readonly price: number;
  readonly before: number;
  readonly after: number;
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

let storeOf: (book: OrderBook, side: BookSide) => SideStore;

/** The store behind one side of a book, for the grouping functions of this folder (not re-exported). */
export function sideStore(book: OrderBook, side: BookSide): SideStore {
  return storeOf(book, side);
}

/**
 * A price-level book with prices and quantities in integer ticks of the instrument, at most `depth`
 * levels per side. Every mutation is checked: bad values and crossed books throw BookIntegrityError.
 */
export class OrderBook {
  readonly instrument: Instrument;
  readonly depth: number;
  #bids: SideStore;
  #asks: SideStore;
  #version = 0;
  #changeSide: BookSide | null = null;
  #changePrice = 0;
  #changeBefore = 0;
  #changeAfter = 0;
  #change: LevelChange | null = null;

  static {
    storeOf = (book, side) => book.#store(side);
  }

  constructor(instrument: Instrument, depth: number) {
    if (!Number.isSafeInteger(depth) || depth < 1) {
      throw new RangeError(`Cannot create order book: depth ${depth} is not a positive integer`);
    }
    this.instrument = instrument;
    this.depth = depth;
    const capacity = Math.min(depth, 4096) * 2 + 16;
    this.#bids = new SideStore(1, capacity);
    this.#asks = new SideStore(-1, capacity);
  }

  /** Incremented on every change (snapshot, update, clear), including ones that throw. */
  get version(): number {
    return this.#version;
  }

  /** The last level change applied (for highlight), or null after snapshot/clear. Deleting a missing level is not a change. */
  get lastChange(): LevelChange | null {
    if (this.#changeSide === null) return null;
    return this.#change ??= Object.freeze({
      side: this.#changeSide,
      price: this.#changePrice,
      before: this.#changeBefore,
      after: this.#changeAfter,
    });
  }

  /**
   * Replaces everything. Levels in any order; qty > 0. Bad values, duplicate prices or a crossed book
   * throw BookIntegrityError and leave the book empty. Keeps the best `depth` levels per side.
   */
  applySnapshot(bids: readonly PriceLevel[], asks: readonly PriceLevel[]): void {
    this.#bids.clear();
    this.#asks.clear();
    this.#forgetChange();
    this.#version++;
    this.#check(bids, "bid", "snapshot", 1);
    this.#check(asks, "ask", "snapshot", 1);
    const dupBid = this.#bids.load(bids, this.depth);
    if (dupBid !== 0) this.#fail("snapshot", `duplicate bid price ${this.#fmt(dupBid)}`);
    const dupAsk = this.#asks.load(asks, this.depth);
    if (dupAsk !== 0) this.#fail("snapshot", `duplicate ask price ${this.#fmt(dupAsk)}`);
    this.#checkCrossed("snapshot");
  }

  /**
   * Applies changes in order, bids first (qty 0 deletes; deleting a missing level is a no-op), then keeps
   * the best `depth` levels per side. Bad values throw before anything is applied; a crossed result
   * throws after the changes are applied (the caller resyncs).
   */
  applyUpdate(bids: readonly PriceLevel[], asks: readonly PriceLevel[]): void {
    this.#check(bids, "bid", "update", 0);
    this.#check(asks, "ask", "update", 0);
    this.#version++;
    const b = this.#bids;
    const a = this.#asks;
    b.changed = NONE_CHANGED;
    a.changed = NONE_CHANGED;
    if (bids.length > 0) this.#applySide(b, bids, "bid");
    if (asks.length > 0) this.#applySide(a, asks, "ask");
    b.truncate(this.depth);
    a.truncate(this.depth);
    if (b.end > b.start && a.end > a.start && b.keys[b.end - 1]! >= -a.keys[a.end - 1]!) {
      this.#checkCrossed("update");
    }
  }

  clear(): void {
    this.#bids.clear();
    this.#asks.clear();
    this.#forgetChange();
    this.#version++;
  }

  /** Best bid price in ticks, NaN when there are no bids. O(1). */
  bestBid(): number {
    const s = this.#bids;
    return s.end > s.start ? s.keys[s.end - 1]! : NaN;
  }

  /** Best ask price in ticks, NaN when there are no asks. O(1). */
  bestAsk(): number {
    const s = this.#asks;
    return s.end > s.start ? -s.keys[s.end - 1]! : NaN;
  }

  size(side: BookSide): number {
    return this.#store(side).size;
  }

  /** Price (ticks) of the i-th level from the best (0 = best). RangeError if out of range. */
  priceAt(side: BookSide, i: number): number {
    const s = this.#store(side);
    return s.sign * s.keys[this.#index(s, side, i)]!;
  }

  /** Quantity (ticks) of the i-th level from the best (0 = best). RangeError if out of range. */
  qtyAt(side: BookSide, i: number): number {
    const s = this.#store(side);
    return s.qtys[this.#index(s, side, i)]!;
  }

  /**
   * Copies the best `n` levels of a side, best first, into `prices` and `qtys` from index `at`; returns how
   * many there were. For readers of the top of the book (strategy book data), which would
   * otherwise pay a priceAt and a qtyAt call per level.
   */
  copyTop(side: BookSide, n: number, prices: Float64Array, qtys: Float64Array, at = 0): number {
    const s = this.#store(side);
    const m = Math.min(n, s.end - s.start, prices.length - at, qtys.length - at);
    const { keys, sign } = s;
    const q = s.qtys;
    for (let i = 0, j = s.end - 1; i < m; i++, j--) {
      prices[at + i] = sign * keys[j]!;
      qtys[at + i] = q[j]!;
    }
    return m > 0 ? m : 0;
  }

  /**
   * The best rank (0 = best) of a side that the change which made `version` (a snapshot, an update, a
   * clear) may have altered: the levels above it are exactly as they were at `version - 1`. `depth` or more
   * when that change left the side as it was. For readers of the top of the book on every message (a venue
   * checksum) that keep what they read: they re-read only from there.
   */
  changedFrom(side: BookSide): number {
    return this.#store(side).changed;
  }

  /**
   * Copies the levels of ranks [from, to) of a side (0 = best), as far as the side has them, into
   * `prices[from..]` and `qtys[from..]`; returns min(to, size). Pairs with changedFrom.
   */
  copyRanks(side: BookSide, from: number, to: number, prices: Float64Array, qtys: Float64Array): number {
    const s = this.#store(side);
    let m = s.end - s.start;
    if (to < m) m = to;
    if (m > prices.length) m = prices.length;
    if (m > qtys.length) m = qtys.length;
    const { keys, sign } = s;
    const q = s.qtys;
    for (let i = from < 0 ? 0 : from, j = s.end - 1 - i; i < m; i++, j--) {
      prices[i] = sign * keys[j]!;
      qtys[i] = q[j]!;
    }
    return m;
  }

  /** Levels best first, up to `limit` (default all), as a fresh array. */
  levels(side: BookSide, limit = Infinity): PriceLevel[] {
    if (!(limit >= 0)) throw new RangeError(`Cannot list book levels: limit ${limit} is negative`);
    const s = this.#store(side);
    const n = Math.min(Math.floor(limit), s.size);
    const out: PriceLevel[] = new Array(n);
    for (let i = 0, j = s.end - 1; i < n; i++, j--) out[i] = { price: s.sign * s.keys[j]!, qty: s.qtys[j]! };
    return out;
  }

  /** Quantity at an exact price, 0 if absent. O(log n). */
  qtyAtPrice(side: BookSide, price: number): number {
    const s = this.#store(side);
    const key = s.sign * price;
    const i = s.lowerBound(key);
    return i < s.end && s.keys[i] === key ? s.qtys[i]! : 0;
  }

  /** Cumulative quantity (ticks) from the best through `price` inclusive (asks: price <= p; bids: price >= p). */
  totalUpTo(side: BookSide, price: number): number {
    const s = this.#store(side);
    return checkedSum(s.sumFrom(s.lowerBound(s.sign * price)));
  }

  /** Quantity (ticks) over the side, and the exact sum of price × qty in quote units. */
  totals(side: BookSide): { qty: number; cost: Decimal } {
    const s = this.#store(side);
    const { keys, qtys, sign } = s;
    let qty = 0;
    let cost = 0;
    let big = 0n;
    for (let j = s.end - 1; j >= s.start; j--) {
      const p = sign * keys[j]!;
      const q = qtys[j]!;
      qty += q;
      const pq = p * q;
      // A float product at or below 2^53 - 1 is exact; anything bigger goes through bigint.
      if (pq > MAX_SAFE) big += BigInt(p) * BigInt(q);
      else if (cost + pq > MAX_SAFE) {
        big += BigInt(cost);
        cost = pq;
      } else cost += pq;
    }
    const scale = this.instrument.pricePrecision + this.instrument.qtyPrecision;
    return { qty: checkedSum(qty), cost: { units: big + BigInt(cost), scale } };
  }

  #store(side: BookSide): SideStore {
    if (side === "bid") return this.#bids;
    if (side === "ask") return this.#asks;
    throw new TypeError(`Book side must be "bid" or "ask", got ${JSON.stringify(side)}`);
  }

  #index(s: SideStore, side: BookSide, i: number): number {
    if (!(i >= 0 && i < s.end - s.start && Math.floor(i) === i)) {
      throw new RangeError(`Book level ${i} is out of range: the ${side} side has ${s.size} levels`);
    }
    return s.end - 1 - i;
  }

  #applySide(s: SideStore, levels: readonly PriceLevel[], side: BookSide): void {
    const sign = s.sign;
    for (let i = 0; i < levels.length; i++) {
      const l = levels[i]!;
      const qty = l.qty;
      const before = s.set(sign * l.price, qty);
      if (before !== 0 || qty !== 0) {
        this.#changeSide = side;
        this.#changePrice = l.price;
        this.#changeBefore = before;
        this.#changeAfter = qty;
        this.#change = null;
      }
    }
  }

  #forgetChange(): void {
    this.#changeSide = null;
    this.#change = null;
  }

  /** Throws (emptying the book for a snapshot) unless every price is a positive safe integer and qty >= minQty. */
  #check(levels: readonly PriceLevel[], side: BookSide, action: string, minQty: number): void {
    for (let i = 0; i < levels.length; i++) {
      const l = levels[i]!;
      const p = l.price;
      const q = l.qty;
      if (!(Number.isSafeInteger(p) && p > 0 && Number.isSafeInteger(q) && q >= minQty)) {
        const detail = !Number.isSafeInteger(p)
          ? `${side} price ${p} is not a safe integer`
          : p < 0
          ? `${side} price ${p} is negative`
          : p === 0
          ? `${side} price 0 is not positive`
          : !Number.isSafeInteger(q)
          ? `${side} qty ${q} at price ${p} is not a safe integer`
          : q < 0
          ? `${side} qty ${q} at price ${p} is negative`
          : `${side} qty ${q} at price ${p} is not positive`;
        this.#fail(action, detail);
      }
    }
  }

  #checkCrossed(action: string): void {
    const bid = this.bestBid();
    const ask = this.bestAsk();
    if (bid >= ask) {
      this.#fail(
        action,
        `crossed book, best bid ${this.#fmt(bid)} is at or above best ask ${this.#fmt(ask)}`,
      );
    }
  }

  #fail(action: string, detail: string): never {
    if (action === "snapshot") {
      this.#bids.clear();
      this.#asks.clear();
    }
    throw new BookIntegrityError(`Cannot apply book ${action} on "${this.instrument.symbol}": ${detail}`);
  }

  #fmt(price: number): string {
    return formatTicksShort(price, this.instrument.pricePrecision);
  }
}

function checkedSum(sum: number): number {
  if (!Number.isSafeInteger(sum)) {
    throw new RangeError(`Book quantity sum ${sum} is too large for exact arithmetic`);
  }
  return sum;
}
