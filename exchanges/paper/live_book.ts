import { type OrderBook, VerifiedBook } from "../../lib/book/mod.ts";
import type { BookSnapshot, BookUpdate, BookVerifier, Instrument, PriceLevel } from "../../lib/core/mod.ts";
import { BookSide } from "../sim/book_side.ts";

type Side = "bid" | "ask";

/** One match against the live book. */
export interface Take {
  readonly price: number;
  readonly qty: number;
}

/**
 * A copy of the live venue's book for paper fills, with what paper orders have already taken from it.
 * Taken quantity stays unavailable at its price (capped by what the venue shows there, forgotten when the
 * level goes away or a snapshot comes), so the same real liquidity never fills twice. It is verified as the
 * Trader's book is (the venue's checksum, crossed books, reported losses): while it is not trusted, nothing
 * fills against it.
 */
export class LiveBook {
  readonly #verified: VerifiedBook;
  readonly #taken: Record<Side, Map<number, number>> = { bid: new Map(), ask: new Map() };

  constructor(instrument: Instrument, depth: number, verifier: BookVerifier | null) {
    this.#verified = VerifiedBook.create(instrument, depth, verifier);
  }

  get book(): OrderBook {
    return this.#verified.book;
  }

  /** Whether paper orders may fill against it now. */
  get trusted(): boolean {
    return this.#verified.trusted;
  }

  /** Applies a venue book message; one found wrong leaves the book untrusted until the next snapshot. */
  apply(ev: BookSnapshot | BookUpdate): void {
    if (ev.kind === "BookSnapshot") this.#forgetAll();
    if (this.#verified.apply(ev) !== null) {
      this.#forgetAll();
      return;
    }
    if (ev.kind === "BookUpdate") {
      this.#forget(this.#taken.bid, ev.bids);
      this.#forget(this.#taken.ask, ev.asks);
    }
  }

  /** The venue reported the book lost (or the connection dropped): untrusted until the next snapshot. */
  lose(): void {
    this.#verified.lose();
    this.#forgetAll();
  }

  #forgetAll(): void {
    this.#taken.bid.clear();
    this.#taken.ask.clear();
  }

  /** Quantity at level `i` of `side` that paper orders have not taken yet. */
  available(side: Side, i: number): number {
    const price = this.book.priceAt(side, i);
    return this.book.qtyAt(side, i) - (this.#taken[side].get(price) ?? 0);
  }

  /**
   * Takes up to `qty` from `side`, best level first, at prices no worse than `limit` (null: any): what a
   * buy takes from the asks or a sell from the bids. Returns the matches at the book's prices.
   */
  take(side: Side, qty: number, limit: number | null): Take[] {
    const out: Take[] = [];
    if (!this.trusted) return out;
    let left = qty;
    const n = this.book.size(side);
    for (let i = 0; i < n && left > 0; i++) {
      const price = this.book.priceAt(side, i);
      if (limit !== null && (side === "ask" ? price > limit : price < limit)) break;
      const t = Math.min(left, this.available(side, i));
      if (t <= 0) continue;
      const taken = this.#taken[side];
      taken.set(price, (taken.get(price) ?? 0) + t);
      out.push({ price, qty: t });
      left -= t;
    }
    return out;
  }

  /** The available levels of `side` as a matching-book side, enough to cover `qty` (for cost estimates). */
  sideFor(side: Side, qty: number): BookSide<never> {
    const out = new BookSide<never>(side === "bid");
    if (!this.trusted) return out;
    let left = qty;
    const n = this.book.size(side);
    for (let i = 0; i < n && left > 0; i++) {
      const a = this.available(side, i);
      if (a <= 0) continue;
      out.addSynth(this.book.priceAt(side, i), a);
      left -= a;
    }
    return out;
  }

  #forget(taken: Map<number, number>, changes: readonly PriceLevel[]): void {
    for (const l of changes) {
      const t = taken.get(l.price);
      if (t === undefined) continue;
      if (l.qty === 0) taken.delete(l.price);
      else if (l.qty < t) taken.set(l.price, l.qty);
    }
  }
}
