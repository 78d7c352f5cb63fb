import { BookSide, fillAround, type Level, levelDiff } from "../common/book_side.ts";
import { prng } from "../common/prng.ts";

export type { Level } from "../common/book_side.ts";
export { prng } from "../common/prng.ts";

/** The top `STREAMED` levels are what `book_lv2` streams (protocols.md §5.2.1). */
export const STREAMED = 20;

/** One `book_lv2` update as a subscriber gets it: the changed levels of the top 20. */
export interface BookDiff {
  readonly bids: Level[];
  readonly asks: Level[];
}

/**
 * The fake venue's full book of one pair, deeper than the 20 levels streamed, changed at random 1-3 levels a
 * step, weighted to the top. For the top 20 it produces what Poloniex sends (protocols.md §5.2.2): every level
 * that changed or entered, and size 0 for every level that left (deleted, or pushed below the 20th). Levels
 * are ticks of BTC_USDT (2 price and 6 quantity decimals).
 */
export class FakeBook {
  readonly bids = new BookSide((a, b) => a > b);
  readonly asks = new BookSide((a, b) => a < b);
  #rand: () => number;

  constructor(readonly levels = 60, seed = 1, mid = 2_644_758) {
    this.#rand = prng(seed);
    fillAround(this.bids, this.asks, { levels, mid, maxGap: 40, rand: this.#rand, qty: () => this.#qty() });
  }

  top(depth: number): { bids: Level[]; asks: Level[] } {
    return { bids: this.bids.top(depth), asks: this.asks.top(depth) };
  }

  /** Makes 1-3 random changes; the diff of the top 20, or null when none of it changed. */
  step(): BookDiff | null {
    const before = this.top(STREAMED);
    const changes = 1 + Math.floor(this.#rand() * 3);
    for (let i = 0; i < changes; i++) this.#change();
    const bids = levelDiff(before.bids, this.bids.top(STREAMED));
    const asks = levelDiff(before.asks, this.asks.top(STREAMED));
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

  #freePrice(side: BookSide, other: BookSide, at: number): number | null {
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
