import type { Instrument } from "../../lib/core/instrument.ts";
import { numberTextTicks } from "../../lib/core/number_text.ts";
import type { RestMarket } from "./frames.ts";

/**
 * Markets as `GET markets/` describes them (protocols.md §5.1.3; `trading-pairs-info/` is obsolete):
 * `market_symbol` "btcusd" is the venue name used in URLs and channels, BTC/USD the symbol PyTrader shows,
 * from `base_currency` / `counter_currency` (or `name`). Prices have `counter_decimals` decimals,
 * amounts `base_decimals`. Derivatives (`market_type` other than SPOT) are left out.
 */
export function instrumentsFromMarkets(markets: unknown): Instrument[] {
  if (!Array.isArray(markets)) throw new RangeError("the markets answer is not a list");
  const out: Instrument[] = [];
  const seen = new Set<string>();
  for (const m of markets as RestMarket[]) {
    const inst = instrumentOf(m);
    if (!inst || seen.has(inst.symbol)) continue;
    seen.add(inst.symbol);
    out.push(inst);
  }
  return out;
}

function instrumentOf(m: RestMarket): Instrument | null {
  if (typeof m !== "object" || m === null) return null;
  if (typeof m.market_type === "string" && m.market_type.toUpperCase() !== "SPOT") return null;
  const venueSymbol = typeof m.market_symbol === "string" ? m.market_symbol : null;
  const [base, quote] = currencies(m);
  const pricePrecision = Number(m.counter_decimals);
  const qtyPrecision = Number(m.base_decimals);
  if (!venueSymbol || !/^[a-z0-9]+$/.test(venueSymbol) || !base || !quote) return null;
  if (!validPrecision(pricePrecision) || !validPrecision(qtyPrecision)) return null;
  return {
    symbol: `${base}/${quote}`,
    base,
    quote,
    pricePrecision,
    qtyPrecision,
    priceIncrement: 1,
    minQty: orZero(() => numberTextTicks(String(m.minimum_order_amount), qtyPrecision)),
    minCost: minimumValue(m),
    venueSymbol,
  };
}

function currencies(m: RestMarket): [string | null, string | null] {
  const code = (
    v: unknown,
  ) => (typeof v === "string" && /^[A-Za-z0-9.]{1,16}$/.test(v) ? v.toUpperCase() : null);
  const base = code(m.base_currency);
  const quote = code(m.counter_currency);
  if (base && quote) return [base, quote];
  const name = typeof m.name === "string" ? m.name.split("/") : [];
  return name.length === 2 ? [code(name[0]), code(name[1])] : [null, null];
}

/** `minimum_order_value` ("10"), else the old `minimum_order` ("20.0 USD"), as decimal text; "0" when neither. */
function minimumValue(m: RestMarket): string {
  for (const v of [m.minimum_order_value, String(m.minimum_order ?? "").split(" ")[0]]) {
    const text = typeof v === "number" ? String(v) : v;
    if (typeof text === "string" && /^\d+(\.\d+)?$/.test(text)) return text;
  }
  return "0";
}

/** "BTC/USD" -> "btcusd", the URL and channel name when markets/ has not been read. */
export function marketSymbolOf(symbol: string): string {
  return symbol.replace("/", "").toLowerCase();
}

function validPrecision(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= 15;
}

function orZero(fn: () => number): number {
  try {
    return Math.max(0, fn());
  } catch {
    return 0;
  }
}
