import type { PriceLevel } from "../../lib/core/mod.ts";
import type { BookSide } from "./book_side.ts";

/** The price of the depth-th level (the last one a subscriber of that depth sees), or undefined if fewer. */
export function windowEdge(side: BookSide<unknown>, depth: number): number | undefined {
  return depth === Infinity ? undefined : side.levels[depth - 1]?.price;
}

/**
 * What a subscriber showing the best `depth` levels must apply to stay equal to this side, given the edge
 * before the changes (windowEdge) and `side.touched`. Levels pushed out of the window are deleted and levels
 * moving into it are sent, so snapshot + updates reproduce the top `depth` levels exactly (as Kraken does).
 */
export function levelChanges(
  side: BookSide<unknown>,
  depth: number,
  edgeBefore: number | undefined,
): PriceLevel[] {
  const out: PriceLevel[] = [];
  const levels = side.levels;
  const edgeAfter = windowEdge(side, depth);
  const inside = (price: number, edge: number | undefined) => edge === undefined || !side.better(edge, price);

  for (const [price, before] of side.touched) {
    const shownBefore = before > 0 && inside(price, edgeBefore) ? before : 0;
    const level = side.level(price);
    const shownAfter = level && inside(price, edgeAfter) ? level.qty : 0;
    if (shownAfter !== shownBefore) out.push({ price, qty: shownAfter });
  }
  if (depth === Infinity) return out;

  const n = Math.min(depth, levels.length);
  if (edgeBefore !== undefined) {
    // untouched levels that moved up into the window
    for (let i = n - 1; i >= 0; i--) {
      const level = levels[i]!;
      if (!side.better(edgeBefore, level.price)) break;
      if (!side.touched.has(level.price)) out.push({ price: level.price, qty: level.qty });
    }
  }
  // untouched levels pushed below the window
  for (let i = depth; i < levels.length; i++) {
    const level = levels[i]!;
    if (edgeBefore !== undefined && side.better(edgeBefore, level.price)) break;
    if (!side.touched.has(level.price)) out.push({ price: level.price, qty: 0 });
  }
  return out;
}
