import type { PriceLevel } from "../../lib/core/events.ts";

/**
 * The best bid and ask of each streamed book, for the ticker: Poloniex's `ticker` channel carries no bid or
 * ask (protocols.md §3.3), and a ticker without them would read as a price of 0. Holds the price levels of
 * the top 20 the venue streams (levels leaving it are deleted by a size "0"), nothing more.
 */
export class BestPrices {
  #books = new Map<string, { bids: Map<number, number>; asks: Map<number, number> }>();

  snapshot(symbol: string, bids: readonly PriceLevel[], asks: readonly PriceLevel[]): void {
    const b = { bids: new Map<number, number>(), asks: new Map<number, number>() };
    for (const l of bids) b.bids.set(l.price, l.qty);
    for (const l of asks) b.asks.set(l.price, l.qty);
    this.#books.set(symbol, b);
  }

  update(symbol: string, bids: readonly PriceLevel[], asks: readonly PriceLevel[]): void {
    const b = this.#books.get(symbol);
    if (!b) return;
    set(b.bids, bids);
    set(b.asks, asks);
  }

  /** Forgets a book that is no longer right (until its next snapshot). */
  forget(symbol: string): void {
    this.#books.delete(symbol);
  }

  /** Best bid and ask in ticks; 0 for a side not known (no book streamed, or empty). */
  best(symbol: string): { bid: number; ask: number } {
    const b = this.#books.get(symbol);
    if (!b) return { bid: 0, ask: 0 };
    let bid = 0;
    for (const p of b.bids.keys()) if (p > bid) bid = p;
    let ask = Infinity;
    for (const p of b.asks.keys()) if (p < ask) ask = p;
    return { bid, ask: ask === Infinity ? 0 : ask };
  }
}

function set(side: Map<number, number>, levels: readonly PriceLevel[]): void {
  for (let i = 0; i < levels.length; i++) {
    const l = levels[i]!;
    if (l.qty === 0) side.delete(l.price);
    else side.set(l.price, l.qty);
  }
}
