/** Zoom lists for the depth chart (`,` `.`) and the order book (`-` `+`), smallest first, as in the original. */

import { compare, type Decimal, parseDecimal } from "../core/decimal.ts";

export const GROUP_LIST: readonly string[] = Object.freeze([
  "0.00000001",
  "0.00000005",
  "0.0000001",
  "0.0000005",
  "0.000001",
  "0.000005",
  "0.00001",
  "0.00005",
  "0.0001",
  "0.0005",
  "0.001",
  "0.005",
  "0.01",
  "0.05",
  "0.1",
  "0.5",
  "1",
  "5",
  "10",
  "20",
  "50",
  "100",
]);

/** "0" (no grouping) and then the depth-chart list. */
export const ORDERBOOK_GROUP_LIST: readonly string[] = Object.freeze(["0", ...GROUP_LIST]);

/**
 * The neighbour of `current` in `list` (1: next larger, -1: next smaller), wrapping around at both ends.
 * Values compare as exact decimals ("0.00010" is "0.0001"); a value not in the list gives the first entry.
 */
export function nextGroup(list: readonly string[], current: string, direction: 1 | -1): string {
  if (list.length === 0) throw new RangeError("Cannot step through an empty group list");
  const value = tryDecimal(current);
  const i = value === undefined ? -1 : list.findIndex((v) => {
    const d = tryDecimal(v);
    return d !== undefined && compare(d, value) === 0;
  });
  if (i < 0) return list[0];
  return list[(i + direction + list.length) % list.length];
}

function tryDecimal(text: string): Decimal | undefined {
  try {
    return parseDecimal(text);
  } catch {
    return undefined;
  }
}
