import type { BookReader, PriceLevel } from "../../../lib/core/mod.ts";

/**
 * A deliberately simple book (maps, sorted on read) to check the adapter and the fake server against,
 * independent of lib/book. Truncates to `depth` after every message, as Kraken requires.
 */
export class ReferenceBook implements BookReader {
  bids = new Map<number, number>();
  asks = new Map<number, number>();
  #sorted: { bid: number[]; ask: number[] } | null = null;

  constructor(readonly depth: number) {}

  snapshot(bids: readonly PriceLevel[], asks: readonly PriceLevel[]): void {
    this.bids.clear();
    this.asks.clear();
    this.update(bids, asks);
  }

  update(bids: readonly PriceLevel[], asks: readonly PriceLevel[]): void {
    for (const l of bids) l.qty === 0 ? this.bids.delete(l.price) : this.bids.set(l.price, l.qty);
    for (const l of asks) l.qty === 0 ? this.asks.delete(l.price) : this.asks.set(l.price, l.qty);
    this.#sorted = null;
    const { bid, ask } = this.#order();
    for (const p of bid.slice(this.depth)) this.bids.delete(p);
    for (const p of ask.slice(this.depth)) this.asks.delete(p);
    this.#sorted = null;
  }

  size(side: "bid" | "ask"): number {
    return side === "bid" ? this.bids.size : this.asks.size;
  }

  priceAt(side: "bid" | "ask", i: number): number {
    return this.#order()[side][i]!;
  }

  qtyAt(side: "bid" | "ask", i: number): number {
    return (side === "bid" ? this.bids : this.asks).get(this.priceAt(side, i))!;
  }

  levels(side: "bid" | "ask"): PriceLevel[] {
    return this.#order()[side].map((price) => ({
      price,
      qty: this.qtyAt(side, this.#order()[side].indexOf(price)),
    }));
  }

  #order(): { bid: number[]; ask: number[] } {
    return this.#sorted ??= {
      bid: [...this.bids.keys()].sort((a, b) => b - a),
      ask: [...this.asks.keys()].sort((a, b) => a - b),
    };
  }
}
