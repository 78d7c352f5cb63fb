/** A level as a fake venue holds it: price and quantity in ticks of the pair. */
export interface Level {
  readonly price: number;
  readonly qty: number;
}

/** One side of a fake venue's book: its prices best first, each with its quantity. */
export class BookSide {
  /** Best first. */
  readonly prices: number[] = [];
  readonly qtys = new Map<number, number>();

  /** `better(a, b)`: a comes before b (bids: higher, asks: lower). */
  constructor(readonly better: (a: number, b: number) => boolean) {}

  get size(): number {
    return this.prices.length;
  }

  /** Sets a level; quantity 0 removes it. */
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

/**
 * What changed from `before` to `after` (both best first), as a venue streams it: new and changed levels, and
 * quantity 0 for every level that left.
 */
export function levelDiff(before: readonly Level[], after: readonly Level[]): Level[] {
  const was = new Map(before.map((l) => [l.price, l.qty]));
  const now = new Set(after.map((l) => l.price));
  const out: Level[] = [];
  for (const l of before) if (!now.has(l.price)) out.push({ price: l.price, qty: 0 });
  for (const l of after) if (was.get(l.price) !== l.qty) out.push(l);
  return out;
}

/**
 * A fresh book of `levels` a side around `mid`: the best bid at mid - 1 and ask at mid + 1, each next level 1
 * to `maxGap` ticks further out, quantities from `qty` (random draws in that order, level by level).
 */
export function fillAround(
  bids: BookSide,
  asks: BookSide,
  book: { levels: number; mid: number; maxGap: number; rand: () => number; qty: () => number },
): void {
  let bid = book.mid - 1;
  let ask = book.mid + 1;
  for (let i = 0; i < book.levels; i++) {
    bids.set(bid, book.qty());
    asks.set(ask, book.qty());
    bid -= 1 + Math.floor(book.rand() * book.maxGap);
    ask += 1 + Math.floor(book.rand() * book.maxGap);
  }
}
