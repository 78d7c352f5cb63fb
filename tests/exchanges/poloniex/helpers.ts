import type { Instrument } from "../../../lib/core/mod.ts";
import { marketsFromRest } from "../../../exchanges/poloniex/rest_parse.ts";
import { PoloniexDecoder } from "../../../exchanges/poloniex/decoder.ts";
import { documentedRest } from "../../fakes/poloniex/server.ts";

/**
 * BTC/USDT as the documented markets example describes it (vectors/poloniex-recorded.json, "GET /markets":
 * priceScale 2, quantityScale 6, minQuantity 0.000001, minAmount 1).
 */
export const BTC_USDT: Instrument = marketsFromRest(documentedRest("GET /markets"))[0]!.instrument;

/** A decoder that knows the documented markets. */
export function decoder(): PoloniexDecoder {
  const d = new PoloniexDecoder();
  d.setMarkets(marketsFromRest(documentedRest("GET /markets")));
  return d;
}

/** A market at the given scales, for recorded samples of other pairs (ADA_USDT, TRX_USDC, ...). */
export function market(venueSymbol: string, pricePrecision: number, qtyPrecision: number): Instrument {
  const [base, quote] = venueSymbol.split("_");
  return {
    symbol: `${base}/${quote}`,
    base: base!,
    quote: quote!,
    pricePrecision,
    qtyPrecision,
    priceIncrement: 1,
    minQty: 0,
    minCost: "0",
    venueSymbol,
  };
}
