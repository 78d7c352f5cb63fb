/**
 * One side of the simulator's matching book: price levels best first, each with a FIFO queue that interleaves
 * synthetic liquidity and resting own orders (type O), so that price-time priority is exact.
 * Every change notes the level's quantity before it in `touched`, from which book messages are diffed.
 */

export interface QueueItem<O> {
  qty: number;
  /** The resting own order, or null for synthetic liquidity. */
  readonly owner: O | null;
}

export interface Level<O> {
  readonly price: number;
  /** Total shown quantity: synthetic plus own. */
  qty: number;
  /** Synthetic part of qty. */
  synth: number;
  /** Only while own orders rest here; null means "all synthetic". */
  queue: QueueItem<O>[] | null;
}

/** One match against a level: the resting owner is null for synthetic liquidity. */
export interface Fill<O> {
  readonly price: number;
  readonly qty: number;
  readonly maker: O | null;
}

export class BookSide<O> {
  readonly levels: Level<O>[] = [];
  /** Price -> shown quantity before its first change since the last clear (0: the level was new). */
  readonly touched = new Map<number, number>();
  readonly #sign: number;

  constructor(readonly isBid: boolean) {
    this.#sign = isBid ? -1 : 1;
  }

  get best(): Level<O> | undefined {
    return this.levels[0];
  }

  /** True when price `a` would sit nearer the top of this side than `b`. */
  better(a: number, b: number): boolean {
    return this.isBid ? a > b : a < b;
  }

  /** Index of `price`, or -(insertion point) - 1 when absent. */
  search(price: number): number {
    const key = this.#sign * price;
    const levels = this.levels;
    let lo = 0;
    let hi = levels.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const k = this.#sign * levels[mid]!.price;
      if (k < key) lo = mid + 1;
      else if (k > key) hi = mid;
      else return mid;
    }
    return -lo - 1;
  }

  level(price: number): Level<O> | undefined {
    const i = this.search(price);
    return i >= 0 ? this.levels[i] : undefined;
  }

  addSynth(price: number, qty: number): void {
    const level = this.#levelFor(price);
    this.#touch(level);
    level.qty += qty;
    level.synth += qty;
    const q = level.queue;
    if (q) {
      const last = q[q.length - 1];
      if (last && last.owner === null) last.qty += qty;
      else q.push({ qty, owner: null });
    }
  }

  /**
   * Adds a synthetic level behind the deepest one, as laying out a fresh book does: cheaper than addSynth,
   * and not noted in `touched` (a book being laid out is no change).
   */
  appendSynth(price: number, qty: number): void {
    const deepest = this.levels[this.levels.length - 1];
    if (deepest && !this.better(deepest.price, price)) {
      throw new RangeError(`Cannot append level ${price} behind ${deepest.price}`);
    }
    this.levels.push({ price, qty, synth: qty, queue: null });
  }

  /** Removes up to `qty` synthetic quantity at `index`, newest first; returns what was removed. */
  cancelSynth(index: number, qty: number): number {
    const level = this.levels[index]!;
    const n = Math.min(qty, level.synth);
    if (n <= 0) return 0;
    this.#touch(level);
    level.synth -= n;
    level.qty -= n;
    const q = level.queue;
    if (q) {
      let left = n;
      for (let i = q.length - 1; i >= 0 && left > 0; i--) {
        const item = q[i]!;
        if (item.owner !== null) continue;
        const t = Math.min(left, item.qty);
        item.qty -= t;
        left -= t;
        if (item.qty === 0) q.splice(i, 1);
      }
    }
    if (level.qty === 0) this.levels.splice(index, 1);
    return n;
  }

  /** Sets the synthetic quantity at `price` (0 removes it): for mirrors of a book kept elsewhere. */
  setSynth(price: number, qty: number): void {
    const i = this.search(price);
    const synth = i >= 0 ? this.levels[i]!.synth : 0;
    if (qty > synth) this.addSynth(price, qty - synth);
    else if (qty < synth) this.cancelSynth(i, synth - qty);
  }

  /** Queues an own order at the back of its price level. */
  addOwn(price: number, qty: number, owner: O): void {
    const level = this.#levelFor(price);
    this.#touch(level);
    level.queue ??= level.synth > 0 ? [{ qty: level.synth, owner: null }] : [];
    level.queue.push({ qty, owner });
    level.qty += qty;
  }

  /** Takes an own order out of the book; returns the quantity it still had resting (0 if not found). */
  removeOwn(price: number, owner: O): number {
    const index = this.search(price);
    if (index < 0) return 0;
    const level = this.levels[index]!;
    const q = level.queue;
    if (!q) return 0;
    const at = q.findIndex((item) => item.owner === owner);
    if (at < 0) return 0;
    const { qty } = q[at]!;
    this.#touch(level);
    q.splice(at, 1);
    level.qty -= qty;
    this.#settleQueue(level);
    if (level.qty === 0) this.levels.splice(index, 1);
    return qty;
  }

  /** Matches up to `qty` against the front of the level at `index`; appends fills; returns the qty taken. */
  take(index: number, qty: number, fills: Fill<O>[]): number {
    const level = this.levels[index]!;
    this.#touch(level);
    const price = level.price;
    let taken = 0;
    const q = level.queue;
    if (!q) {
      taken = Math.min(qty, level.synth);
      level.synth -= taken;
      fills.push({ price, qty: taken, maker: null });
    } else {
      let used = 0;
      while (used < q.length && taken < qty) {
        const item = q[used]!;
        const t = Math.min(qty - taken, item.qty);
        item.qty -= t;
        taken += t;
        if (item.owner === null) level.synth -= t;
        fills.push({ price, qty: t, maker: item.owner });
        if (item.qty === 0) used++;
      }
      if (used > 0) q.splice(0, used);
      this.#settleQueue(level);
    }
    level.qty -= taken;
    if (level.qty === 0) this.levels.splice(index, 1);
    return taken;
  }

  /** Removes every level (own orders included) without noting changes. */
  clear(): void {
    this.levels.length = 0;
    this.touched.clear();
  }

  #levelFor(price: number): Level<O> {
    const i = this.search(price);
    if (i >= 0) return this.levels[i]!;
    const level: Level<O> = { price, qty: 0, synth: 0, queue: null };
    this.levels.splice(-i - 1, 0, level);
    return level;
  }

  #touch(level: Level<O>): void {
    if (!this.touched.has(level.price)) this.touched.set(level.price, level.qty);
  }

  /** Drops the queue once no own order rests at the level. */
  #settleQueue(level: Level<O>): void {
    const q = level.queue;
    if (q && !q.some((item) => item.owner !== null)) level.queue = null;
  }
}
