import type { Instrument } from "../../../lib/core/mod.ts";

/** Vectors copied verbatim from ../shared/vectors (each case names its documentation source). */
export async function loadVector<T = Record<string, unknown>>(name: string): Promise<T> {
  const url = new URL(`../../fakes/kraken/vectors/${name}`, import.meta.url);
  return JSON.parse(await Deno.readTextFile(url)) as T;
}

/**
 * BTC/USD as Kraken describes it: price_precision 1, qty_precision 8 in the documented instrument snapshot
 * (vectors/kraken-ws2-messages.json, https://docs.kraken.com/api/docs/websocket-v2/instrument), and
 * pair_decimals 1 / lot_decimals 8 in the documented AssetPairs answer (kraken-rest-responses.json).
 */
export const BTC_USD: Instrument = {
  symbol: "BTC/USD",
  base: "BTC",
  quote: "USD",
  pricePrecision: 1,
  qtyPrecision: 8,
  priceIncrement: 1,
  minQty: 10000,
  minCost: "0.5",
  venueSymbol: "XXBTZUSD",
};

/**
 * MATIC/USD at 4 price and 8 qty decimals: the only precisions that reproduce both documented checksums
 * (vectors/kraken-ws2-book-checksum.json, "instrument_precision").
 */
export const MATIC_USD: Instrument = {
  symbol: "MATIC/USD",
  base: "MATIC",
  quote: "USD",
  pricePrecision: 4,
  qtyPrecision: 8,
  priceIncrement: 1,
  minQty: 0,
  minCost: "0",
};
