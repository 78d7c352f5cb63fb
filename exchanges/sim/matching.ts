import type { BookSide, Fill } from "./book_side.ts";

/**
 * Matches an incoming order of `qty` against `side` (the opposite side) in price-time priority: best level
 * first, front of each queue first, at the resting price. Stops at `limit` (null: any price) or after
 * `maxLevels` levels. Changes the book; returns the fills.
 */
export function sweep<O>(
  side: BookSide<O>,
  qty: number,
  limit: number | null,
  maxLevels = Infinity,
): Fill<O>[] {
  const fills: Fill<O>[] = [];
  let remaining = qty;
  for (let n = 0; remaining > 0 && n < maxLevels; n++) {
    const best = side.best;
    if (!best || (limit !== null && side.better(limit, best.price))) break;
    remaining -= side.take(0, remaining, fills);
  }
  return fills;
}

/** What sweep(side, qty, null) would fill, without changing anything: quantity and Σ price×qty in tick units. */
export function sweepCost(side: BookSide<unknown>, qty: number): { qty: number; cost: bigint } {
  let remaining = qty;
  let cost = 0n;
  for (const level of side.levels) {
    if (remaining === 0) break;
    const t = Math.min(remaining, level.qty);
    cost += BigInt(level.price) * BigInt(t);
    remaining -= t;
  }
  return { qty: qty - remaining, cost };
}

/** Total quantity of the best `levels` levels priced at or better than `limit`. */
export function depthTo(side: BookSide<unknown>, limit: number, levels: number): number {
  let qty = 0;
  const n = Math.min(levels, side.levels.length);
  for (let i = 0; i < n; i++) {
    const level = side.levels[i]!;
    if (side.better(limit, level.price)) break;
    qty += level.qty;
  }
  return qty;
}
