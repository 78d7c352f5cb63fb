import type { PriceLevel } from "../../lib/core/events.ts";
import type { Instrument } from "../../lib/core/instrument.ts";
import { formatTicksShort, parseTicks } from "../../lib/core/ticks.ts";

/** The pair of seed/inventory.md §1.4: prices with 5 decimals, quantities with 8. */
export const LTC_BTC: Instrument = Object.freeze({
  symbol: "LTC/BTC",
  base: "LTC",
  quote: "BTC",
  pricePrecision: 5,
  qtyPrecision: 8,
  priceIncrement: 1,
  minQty: 1,
  minCost: "0",
});

/** Levels from ["price", "qty"] decimal text pairs. */
export function lv(...pairs: [string, string][]): PriceLevel[] {
  return pairs.map(([p, q]) => ({ price: parseTicks(p, 5), qty: parseTicks(q, 8) }));
}

/** The §1.4 book. */
export const EXAMPLE_ASKS = lv(["0.02101", "1"], ["0.02103", "2"], ["0.0211", "3"], ["0.0215", "4"]);
export const EXAMPLE_BIDS = lv(["0.02099", "1"], ["0.0209", "2"], ["0.0205", "3"], ["0.02", "4"]);

/** Rows back to text: "price qty total" with trailing zeros trimmed. */
export function text(rows: readonly { price: number; qty: number; total: number }[]): string[] {
  return rows.map((r) =>
    `${formatTicksShort(r.price, 5)} ${formatTicksShort(r.qty, 8)} ${formatTicksShort(r.total, 8)}`
  );
}
