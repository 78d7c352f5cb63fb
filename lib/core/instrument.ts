/** A tradable pair as the venue describes it. Prices and quantities elsewhere are ticks at these precisions. */
export interface Instrument {
  /** Display and WS v2 style name, "BTC/USD". */
  readonly symbol: string;
  readonly base: string;
  readonly quote: string;
  /** Decimals of a price: a price tick is 10^-pricePrecision. */
  readonly pricePrecision: number;
  /** Decimals of a quantity (base units). */
  readonly qtyPrecision: number;
  /** Smallest price step, in price ticks (1 when any price at the precision is allowed). */
  readonly priceIncrement: number;
  /** Smallest order quantity, in qty ticks. */
  readonly minQty: number;
  /** Smallest order cost in the quote currency, as decimal text ("0.5"), or "0". */
  readonly minCost: string;
  /** Venue-native name, for REST calls ("XXBTZUSD"). */
  readonly venueSymbol?: string;
}

/** Splits "BTC/USD" into ["BTC", "USD"]; throws RangeError for anything else. */
export function splitSymbol(symbol: string): [string, string] {
  const m = /^([A-Za-z0-9.]{1,16})\/([A-Za-z0-9.]{1,16})$/.exec(symbol);
  if (!m) throw new RangeError(`Cannot read pair "${symbol}": expected BASE/QUOTE, e.g. BTC/USD`);
  return [m[1]!.toUpperCase(), m[2]!.toUpperCase()];
}
