import zlib from "node:zlib";
import { formatTicks } from "../../../lib/core/mod.ts";
import { BookSide, fillAround, type Level } from "../common/book_side.ts";
import { prng } from "../common/prng.ts";

export type { Level } from "../common/book_side.ts";
export { prng } from "../common/prng.ts";

export interface BookMessage {
  readonly bids: Level[];
  readonly asks: Level[];
  readonly checksum: number;
}

/**
 * The fake venue's full book for one pair, deeper than any subscription, changed at random 1-3 levels at a
 * time. For a subscriber at depth D it produces what Kraken sends (protocols.md §1.4): every level of the
 * top D that changed or appeared, a qty-0 delete for levels that left the book, nothing for levels merely
 * pushed below D (the client truncates) - and the checksum, computed here independently of the client
 * code: from the formatted text, as Kraken documents it, with zlib's CRC-32.
 */
export class FakeBook {
  readonly bids = new BookSide((a, b) => a > b);
  readonly asks = new BookSide((a, b) => a < b);
  #rand: () => number;

  constructor(
    readonly pricePrecision: number,
    readonly qtyPrecision: number,
    readonly levels: number,
    seed = 1,
    mid = 300_000,
    /** Most random changes per step (1 gives messages of 1-3 level changes). */
    readonly maxChanges = 3,
  ) {
    this.#rand = prng(seed);
    fillAround(this.bids, this.asks, { levels, mid, maxGap: 4, rand: this.#rand, qty: () => this.#qty() });
  }

  top(depth: number): { bids: Level[]; asks: Level[] } {
    return { bids: this.bids.top(depth), asks: this.asks.top(depth) };
  }

  checksum(depth: number): number {
    const { bids, asks } = this.top(Math.min(depth, 10));
    let text = "";
    for (const l of [...asks, ...bids]) {
      text += this.#digits(l.price, this.pricePrecision) + this.#digits(l.qty, this.qtyPrecision);
    }
    return zlib.crc32(text);
  }

  /**
   * Makes 1-3 random changes and returns, per depth asked for, the message a subscriber at that depth
   * gets (null when nothing in its top D changed).
   */
  step(depths: readonly number[]): Map<number, BookMessage | null> {
    return this.#changed(depths, true, () => {
      const changes = 1 + Math.floor(this.#rand() * this.maxChanges);
      for (let i = 0; i < changes; i++) this.#change();
    });
  }

  /** Replaces the whole book (a test's own shape, before anyone subscribes). */
  reset(bids: readonly Level[], asks: readonly Level[]): void {
    for (const side of [this.bids, this.asks]) for (const p of [...side.prices]) side.set(p, 0);
    for (const l of bids) this.bids.set(l.price, l.qty);
    for (const l of asks) this.asks.set(l.price, l.qty);
  }

  /** Sets the given levels (qty 0 deletes) and returns, per depth, what a subscriber gets, as step() does. */
  set(
    changes: readonly { side: "bid" | "ask"; price: number; qty: number }[],
    depths: readonly number[],
  ): Map<number, BookMessage | null> {
    return this.#changed(depths, false, () => {
      for (const c of changes) (c.side === "bid" ? this.bids : this.asks).set(c.price, c.qty);
    });
  }

  #changed(depths: readonly number[], noisy: boolean, change: () => void): Map<number, BookMessage | null> {
    const before = new Map(depths.map((d) => [d, this.top(d)]));
    change();
    const out = new Map<number, BookMessage | null>();
    for (const d of depths) {
      const b = before.get(d)!;
      const bids = this.#diff(b.bids, this.bids, d, noisy);
      const asks = this.#diff(b.asks, this.asks, d, noisy);
      out.set(d, bids.length + asks.length === 0 ? null : { bids, asks, checksum: this.checksum(d) });
    }
    return out;
  }

  #diff(before: Level[], side: BookSide, depth: number, noisy: boolean): Level[] {
    const after = side.top(depth);
    const was = new Map(before.map((l) => [l.price, l.qty]));
    const out: Level[] = [];
    for (const l of before) if (!side.qtys.has(l.price)) out.push({ price: l.price, qty: 0 });
    for (const l of after) {
      if (was.get(l.price) === l.qty) continue;
      // Now and then an intermediate value first: several updates to one level in one message.
      if (noisy && this.#rand() < 0.05) out.push({ price: l.price, qty: this.#qty() });
      out.push(l);
    }
    return out;
  }

  #change(): void {
    const side = this.#rand() < 0.5 ? this.bids : this.asks;
    const other = side === this.bids ? this.asks : this.bids;
    const r = this.#rand();
    // Biased to the top of the book, where real books change.
    const at = Math.floor(this.#rand() ** 2 * Math.min(side.size, 40));
    if (side.size < this.levels / 2 || (r < 0.3 && side.size < this.levels * 2)) {
      const price = this.#freePrice(side, other, at);
      if (price !== null) side.set(price, this.#qty());
    } else if (r < 0.75) {
      side.set(side.prices[at]!, this.#qty());
    } else {
      side.set(side.prices[at]!, 0);
    }
  }

  /** A price not in the book next to level `at` (inside the spread for at = 0), or null. */
  #freePrice(side: BookSide, other: BookSide, at: number): number | null {
    const sign = side === this.bids ? 1 : -1;
    const inner = at === 0 ? other.prices[0]! : side.prices[at - 1]!;
    const outer = side.prices[at] ?? inner - sign * 50;
    const gap = Math.abs(inner - outer);
    if (gap < 2) return null;
    return outer + sign * (1 + Math.floor(this.#rand() * (gap - 1)));
  }

  #qty(): number {
    // Round quantities now and then, so trailing zeros are common on the wire.
    const q = 1 + Math.floor(this.#rand() * 500_000_000);
    return this.#rand() < 0.3 ? Math.max(1, Math.round(q / 1e6) * 1e6) : q;
  }

  #digits(ticks: number, precision: number): string {
    return formatTicks(ticks, precision).replace(".", "").replace(/^0+/, "");
  }
}

/** A level list as Kraken writes it: JSON numbers at full precision, trailing zeros kept. */
export function levelsJson(levels: readonly Level[], pp: number, qp: number): string {
  return "[" +
    levels.map((l) => `{"price":${formatTicks(l.price, pp)},"qty":${formatTicks(l.qty, qp)}}`).join(",") +
    "]";
}
