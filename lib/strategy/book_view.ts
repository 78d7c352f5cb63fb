/** The read-only book a strategy sees, decoded lazily from the flat arrays the host sends. */

import type { BookData } from "./protocol.ts";
import type { BookSide, BookView, Level, OrderView } from "./sdk.ts";

export const EMPTY_BOOK: BookData = Object.freeze({
  bids: [],
  asks: [],
  totalBid: 0,
  totalAsk: 0,
  ok: false,
});

export class WorkerBook implements BookView {
  #data: BookData;
  #owns: readonly OrderView[];
  #bids: readonly Level[] | null = null;
  #asks: readonly Level[] | null = null;

  constructor(data: BookData, owns: readonly OrderView[]) {
    this.#data = data;
    this.#owns = owns;
  }

  get bids(): readonly Level[] {
    return this.#bids ??= decode(this.#data.bids);
  }

  get asks(): readonly Level[] {
    return this.#asks ??= decode(this.#data.asks);
  }

  get bid(): number {
    return this.#data.bids[0] ?? 0;
  }

  get ask(): number {
    return this.#data.asks[0] ?? 0;
  }

  get owns(): readonly OrderView[] {
    return this.#owns;
  }

  get totalBid(): number {
    return this.#data.totalBid;
  }

  get totalAsk(): number {
    return this.#data.totalAsk;
  }

  get ok(): boolean {
    return this.#data.ok;
  }

  totalUpTo(side: BookSide, price: number): { base: number; quote: number } {
    const flat = side === "bid" ? this.#data.bids : this.#data.asks;
    let base = 0;
    let quote = 0;
    for (let i = 0; i < flat.length; i += 3) {
      const p = flat[i]!;
      if (side === "bid" ? p < price : p > price) break;
      base += flat[i + 1]!;
      quote += flat[i + 1]! * p;
    }
    return { base, quote };
  }

  ownVolumeAt(side: BookSide, price: number): number {
    const want = side === "bid" ? "buy" : "sell";
    let sum = 0;
    for (const o of this.#owns) if (o.side === want && o.price === price) sum += o.volume - o.filled;
    return sum;
  }
}

function decode(flat: ArrayLike<number>): Level[] {
  const out: Level[] = [];
  for (let i = 0; i < flat.length; i += 3) {
    out.push(Object.freeze({ price: flat[i]!, volume: flat[i + 1]!, ownVolume: flat[i + 2]! }));
  }
  return Object.freeze(out) as Level[];
}
