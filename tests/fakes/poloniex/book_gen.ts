/** A level as the fake holds it: ticks of BTC_USDT (2 price and 6 quantity decimals). */
export interface Level {
  readonly price: number;
  readonly qty: number;
}

/** Small deterministic PRNG (mulberry32), so every run generates the same stream. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The top `STREAMED` levels are what `book_lv2` streams (protocols.md §5.2.1). */
export const STREAMED = 20;

class Side {
  /** Best first. */
  readonly prices: number[] = [];
  readonly qtys = new Map<number, number>();
  constructor(readonly better: (a: number, b: number) => boolean) {}

  get size(): number {
    return this.prices.length;
  }

  set(price: number, qty: number): void {
    if (qty === 0) {
      if (!this.qtys.delete(price)) return;
      this.prices.splice(this.#index(price), 1);
      return;
    }
    if (!this.qtys.has(price)) this.prices.splice(this.#index(price), 0, price);
    this.qtys.set(price, qty);
  }

  top(n: number): Level[] {
    return this.prices.slice(0, n).map((price) => ({ price, qty: this.qtys.get(price)! }));
  }

  #index(price: number): number {
    let lo = 0;
    let hi = this.prices.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.better(this.prices[mid]!, price)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** One `book_lv2` update as a subscriber gets it: the changed levels of the top 20. */
export interface BookDiff {
  readonly bids: Level[];
  readonly asks: Level[];
}

/**
 * The fake venue's full book of one pair, deeper than the 20 levels streamed, changed at random 1-3 levels a
 * step, weighted to the top. For the top 20 it produces what Poloniex sends (protocols.md §5.2.2): every level
 * that changed or entered, and size 0 for every level that left (deleted, or pushed below the 20th).
 */
export class FakeBook {
  readonly bids = new Side((a, b) => a > b);
  readonly asks = new Side((a, b) => a < b);
  #rand: () => number;

  constructor(readonly levels = 60, seed = 1, mid = 2_644_758) {
    this.#rand = prng(seed);
    let bid = mid - 1;
    let ask = mid + 1;
    for (let i = 0; i < levels; i++) {
      this.bids.set(bid, this.#qty());
      this.asks.set(ask, this.#qty());
      bid -= 1 + Math.floor(this.#rand() * 40);
      ask += 1 + Math.floor(this.#rand() * 40);
    }
  }

  top(depth: number): { bids: Level[]; asks: Level[] } {
    return { bids: this.bids.top(depth), asks: this.asks.top(depth) };
  }

  /** Makes 1-3 random changes; the diff of the top 20, or null when none of it changed. */
  step(): BookDiff | null {
    const before = this.top(STREAMED);
    const changes = 1 + Math.floor(this.#rand() * 3);
    for (let i = 0; i < changes; i++) this.#change();
    const bids = diff(before.bids, this.bids.top(STREAMED));
    const asks = diff(before.asks, this.asks.top(STREAMED));
    return bids.length + asks.length === 0 ? null : { bids, asks };
  }

  /** A price `ticks` away from the best bid (negative) or ask, for orders placed in tests. */
  best(): { bid: number; ask: number } {
    return { bid: this.bids.prices[0]!, ask: this.asks.prices[0]! };
  }

  #change(): void {
    const side = this.#rand() < 0.5 ? this.bids : this.asks;
    const other = side === this.bids ? this.asks : this.bids;
    const r = this.#rand();
    if (side.size < this.levels / 2 || (r < 0.3 && side.size < this.levels * 2)) {
      // Next to any level, or beyond the last: a packed side still has room at its end.
      const at = Math.floor(this.#rand() ** 2 * Math.min(side.size + 1, 30));
      const price = this.#freePrice(side, other, at);
      if (price !== null) side.set(price, this.#qty());
      return;
    }
    const at = Math.floor(this.#rand() ** 2 * Math.min(side.size, 30));
    if (r < 0.75) {
      side.set(side.prices[at]!, this.#qty());
    } else {
      side.set(side.prices[at]!, 0);
    }
  }

  #freePrice(side: Side, other: Side, at: number): number | null {
    const sign = side === this.bids ? 1 : -1;
    const inner = at === 0
      ? other.prices[0] ?? (side.prices[0] ?? 2_644_758) + sign * 400
      : side.prices[at - 1]!;
    const outer = side.prices[at] ?? inner - sign * 400;
    const gap = Math.abs(inner - outer);
    if (gap < 2) return null;
    return outer + sign * (1 + Math.floor(this.#rand() * (gap - 1)));
  }

  #qty(): number {
    const q = 1 + Math.floor(this.#rand() * 3_000_000);
    return this.#rand() < 0.3 ? Math.max(1, Math.round(q / 1000) * 1000) : q;
  }
}

/** What changed from `before` to `after` (both best first): new and changed levels, and 0 for the gone. */
function diff(before: readonly Level[], after: readonly Level[]): Level[] {
  const was = new Map(before.map((l) => [l.price, l.qty]));
  const now = new Set(after.map((l) => l.price));
  const out: Level[] = [];
  for (const l of before) if (!now.has(l.price)) out.push({ price: l.price, qty: 0 });
  for (const l of after) if (was.get(l.price) !== l.qty) out.push(l);
  return out;
}
