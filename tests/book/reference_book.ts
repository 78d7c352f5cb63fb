/** A deliberately simple book (two Maps, sorted on read) and grouping, to check lib/book against. */
import type { PriceLevel } from "../../lib/core/events.ts";

export type Side = "bid" | "ask";

export class ReferenceBook {
  readonly bids = new Map<number, number>();
  readonly asks = new Map<number, number>();

  constructor(readonly depth: number) {}

  snapshot(bids: readonly PriceLevel[], asks: readonly PriceLevel[]): void {
    this.bids.clear();
    this.asks.clear();
    for (const l of bids) this.bids.set(l.price, l.qty);
    for (const l of asks) this.asks.set(l.price, l.qty);
    this.truncate();
  }

  /** Applies changes, then truncates to depth unless told not to (to build one message change by change). */
  update(bids: readonly PriceLevel[], asks: readonly PriceLevel[], truncate = true): void {
    for (const [map, levels] of [[this.bids, bids], [this.asks, asks]] as const) {
      for (const l of levels) {
        if (l.qty === 0) map.delete(l.price);
        else map.set(l.price, l.qty);
      }
    }
    if (truncate) this.truncate();
  }

  levels(side: Side): PriceLevel[] {
    const map = side === "bid" ? this.bids : this.asks;
    const prices = [...map.keys()].sort((a, b) => side === "bid" ? b - a : a - b);
    return prices.map((price) => ({ price, qty: map.get(price)! }));
  }

  truncate(): void {
    for (const side of ["bid", "ask"] as const) {
      const map = side === "bid" ? this.bids : this.asks;
      for (const l of this.levels(side).slice(this.depth)) map.delete(l.price);
    }
  }
}

export interface Row {
  price: number;
  qty: number;
  total: number;
}

/** Bin of a price in bigint arithmetic: asks round up, bids round down. */
export function binOf(side: Side, price: number, g: number): number {
  const p = BigInt(price);
  const G = BigInt(g);
  return Number(side === "ask" ? ((p + G - 1n) / G) * G : (p / G) * G);
}

/** Book view rows: exact best first, then bins of the remaining levels (g 0: one row per level). */
export function referenceGroup(
  levels: PriceLevel[],
  side: Side,
  g: number,
  rows: number,
  exactFirst: boolean,
): Row[] {
  const out: Row[] = [];
  let total = 0;
  let rest = levels;
  if (g === 0 || exactFirst) {
    const n = g === 0 ? levels.length : Math.min(1, levels.length);
    for (const l of levels.slice(0, n)) {
      total += l.qty;
      out.push({ price: l.price, qty: l.qty, total });
    }
    rest = levels.slice(n);
  }
  const bins = new Map<number, number>();
  for (const l of rest) {
    const b = binOf(side, l.price, g);
    bins.set(b, (bins.get(b) ?? 0) + l.qty);
  }
  for (const [price, qty] of bins) {
    total += qty;
    out.push({ price, qty, total });
  }
  return out.slice(0, rows);
}
