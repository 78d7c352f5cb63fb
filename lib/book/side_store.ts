/**
 * One side of a book as parallel Float64Arrays of keys and quantities, sorted ascending by key with the
 * best level at the END, live in [start, end). The key is the price for bids and minus the price for asks,
 * so both sides sort the same way. Inserts and deletes shift whichever part is shorter (usually the few
 * levels above the change); dropping the worst level is `start++`.
 */
import type { PriceLevel } from "../core/events.ts";

/** SideStore.changed when no level changed. */
export const NONE_CHANGED = 1 << 30;

export class SideStore {
  keys: Float64Array;
  qtys: Float64Array;
  start = 0;
  end = 0;
  /**
   * The best rank (0 = best) changed since the owner last set this to NONE (OrderBook: by the last update);
   * NONE when no level changed. Levels above it are as they were.
   */
  changed = 0;

  constructor(readonly sign: 1 | -1, capacity: number) {
    this.keys = new Float64Array(capacity);
    this.qtys = new Float64Array(capacity);
  }

  get size(): number {
    return this.end - this.start;
  }

  clear(): void {
    this.start = 0;
    this.end = 0;
    this.changed = 0;
  }

  /**
   * Index of the first live key >= key (end when none). Changes come mostly near the best level, at the end:
   * the search gallops back from the end (probes at end - 1, end - 2, end - 4, ...) to a window that holds
   * the answer, then halves it, so a change at rank r costs about 2 log2(r) probes, all near the best.
   */
  lowerBound(key: number): number {
    const keys = this.keys;
    const start = this.start;
    const end = this.end;
    // The answer is in [lo, hi]: keys[hi] >= key (or hi = end), everything below lo is < key.
    let hi = end;
    let lo = start;
    for (let step = 1; end - step >= start; step *= 2) {
      const p = end - step;
      if (keys[p]! < key) {
        lo = p + 1;
        break;
      }
      hi = p;
    }
    return this.search(key, lo, hi);
  }

  /**
   * Index of the first key >= key in [lo, hi], the answer known to lie there. Branch-free: twice as fast as
   * the branching search on this data, where the branch outcome is unpredictable.
   */
  search(key: number, lo: number, hi: number): number {
    const keys = this.keys;
    let base = lo;
    let n = hi - lo;
    if (n === 0) return base;
    while (n > 1) {
      const half = n >>> 1;
      base += half * +(keys[base + half]! < key);
      n -= half;
    }
    return base + +(keys[base]! < key);
  }

  /** Sets the quantity at a key (0 deletes); returns the quantity before. */
  set(key: number, qty: number): number {
    const i = this.lowerBound(key);
    const end = this.end;
    if (i < end && this.keys[i] === key) {
      const before = this.qtys[i]!;
      if (end - 1 - i < this.changed) this.changed = end - 1 - i;
      if (qty > 0) this.qtys[i] = qty;
      else this.#remove(i);
      return before;
    }
    if (qty > 0) {
      if (end - i < this.changed) this.changed = end - i;
      this.#insert(i, key, qty);
    }
    return 0;
  }

  /** Keeps only the best `depth` levels. */
  truncate(depth: number): void {
    if (this.end - this.start > depth) {
      this.start = this.end - depth;
      if (depth < this.changed) this.changed = depth;
    }
  }

  /** Sum of quantities from index i through the best level. */
  sumFrom(i: number): number {
    const qtys = this.qtys;
    let sum = 0;
    for (let j = this.end - 1; j >= i; j--) sum += qtys[j]!;
    return sum;
  }

  /** Replaces the contents with `count` empty slots at [0, count), growing when needed. */
  reset(count: number): void {
    this.start = 0;
    this.end = 0;
    this.changed = 0;
    if (count > this.keys.length) this.#reallocate(count * 2 + 16);
    this.end = count;
  }

  /**
   * Replaces the contents with the best `depth` of `levels` (any order; values already checked).
   * Returns 0, or the first duplicate price found (the side is then left empty).
   */
  load(levels: readonly PriceLevel[], depth: number): number {
    const n = levels.length;
    const sign = this.sign;
    let ascending = true;
    let descending = true;
    for (let i = 1; i < n && (ascending || descending); i++) {
      const a = sign * levels[i - 1]!.price;
      const b = sign * levels[i]!.price;
      if (!(b > a)) ascending = false;
      if (!(b < a)) descending = false;
    }
    const m = n < depth ? n : depth;
    this.reset(m);
    const keys = this.keys;
    const qtys = this.qtys;
    if (descending) {
      for (let i = 0; i < m; i++) {
        const l = levels[i]!;
        keys[m - 1 - i] = sign * l.price;
        qtys[m - 1 - i] = l.qty;
      }
      return 0;
    }
    const off = n - m;
    if (ascending) {
      for (let j = 0; j < m; j++) {
        const l = levels[off + j]!;
        keys[j] = sign * l.price;
        qtys[j] = l.qty;
      }
      return 0;
    }
    // Any other order: a native numeric sort of the keys (no comparator calls), then each quantity is
    // placed by binary search. Levels beyond depth find no slot and drop out.
    const sorted = new Float64Array(n);
    for (let i = 0; i < n; i++) sorted[i] = sign * levels[i]!.price;
    sorted.sort();
    for (let i = 1; i < n; i++) {
      if (sorted[i] === sorted[i - 1]) {
        this.clear();
        return sign * sorted[i]!;
      }
    }
    keys.set(sorted.subarray(off));
    for (let i = 0; i < n; i++) {
      const l = levels[i]!;
      const key = sign * l.price;
      // Keys at random places: a plain binary search, not the gallop from the best.
      const j = this.search(key, this.start, this.end);
      if (keys[j] === key) qtys[j] = l.qty;
    }
    return 0;
  }

  #insert(i: number, key: number, qty: number): void {
    if (this.start > 0 && i - this.start < this.end - i) {
      // Shift the worse part one slot down.
      shift(this.keys, this.qtys, this.start, i, -1);
      this.start--;
      this.keys[i - 1] = key;
      this.qtys[i - 1] = qty;
      return;
    }
    if (this.end === this.keys.length) {
      i -= this.start;
      this.#makeRoomAtEnd();
      i += this.start;
    }
    shift(this.keys, this.qtys, i, this.end, 1);
    this.keys[i] = key;
    this.qtys[i] = qty;
    this.end++;
  }

  #remove(i: number): void {
    if (i - this.start < this.end - 1 - i) {
      shift(this.keys, this.qtys, this.start, i, 1);
      this.start++;
    } else {
      shift(this.keys, this.qtys, i + 1, this.end, -1);
      this.end--;
    }
  }

  /** Compacts to offset 0 when at least half the live size is free below start, else doubles the arrays. */
  #makeRoomAtEnd(): void {
    const size = this.end - this.start;
    if (this.start > 0 && this.start * 2 >= size) {
      this.keys.copyWithin(0, this.start, this.end);
      this.qtys.copyWithin(0, this.start, this.end);
      this.start = 0;
      this.end = size;
    } else {
      this.#reallocate(this.keys.length * 2 + 16);
    }
  }

  #reallocate(capacity: number): void {
    const keys = new Float64Array(capacity);
    const qtys = new Float64Array(capacity);
    keys.set(this.keys.subarray(this.start, this.end));
    qtys.set(this.qtys.subarray(this.start, this.end));
    this.end -= this.start;
    this.start = 0;
    this.keys = keys;
    this.qtys = qtys;
  }
}

/** Moves slots [from, to) of both arrays by `by` (1 or -1); a plain loop beats copyWithin's call cost for short runs. */
function shift(keys: Float64Array, qtys: Float64Array, from: number, to: number, by: 1 | -1): void {
  const n = to - from;
  if (n > 24) {
    keys.copyWithin(from + by, from, to);
    qtys.copyWithin(from + by, from, to);
  } else if (by > 0) {
    for (let j = to - 1; j >= from; j--) {
      keys[j + 1] = keys[j]!;
      qtys[j + 1] = qtys[j]!;
    }
  } else {
    for (let j = from; j < to; j++) {
      keys[j - 1] = keys[j]!;
      qtys[j - 1] = qtys[j]!;
    }
  }
}
