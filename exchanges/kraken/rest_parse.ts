import { ExchangeError } from "../../lib/core/errors.ts";
import type { BookSnapshot, Candle, PriceLevel, TickerChanged } from "../../lib/core/events.ts";
import type { Instrument } from "../../lib/core/instrument.ts";
import { numberTextTicks } from "../../lib/core/number_text.ts";
import { krakenError } from "./errors.ts";
import type { RestAssetPair, RestDepth, RestEnvelope, RestOhlcRow, RestTicker } from "./frames.ts";
import { parseLexemeJson } from "../../lib/net/lexeme_json.ts";
import { assetName, symbolFromWsname } from "./symbols.ts";

/**
 * The `result` of a REST answer, or the venue's error mapped to the domain hierarchy.
 * `action` completes "Cannot ...": `load ticker for "BTC/USD" on kraken`.
 */
export function restResult<T>(text: string, action: string): T {
  let env: RestEnvelope<T>;
  try {
    env = parseLexemeJson(text) as RestEnvelope<T>;
  } catch {
    throw new ExchangeError(
      `Cannot ${action}: the answer is not JSON (${JSON.stringify(text.slice(0, 60))})`,
    );
  }
  if (typeof env !== "object" || env === null) throw new ExchangeError(`Cannot ${action}: unexpected answer`);
  const errors = Array.isArray(env.error)
    ? env.error.filter((e) => typeof e === "string" && e[0] === "E")
    : [];
  if (errors.length > 0) throw krakenError(errors, action);
  if (typeof env.result !== "object" || env.result === null) {
    throw new ExchangeError(`Cannot ${action}: the answer has no result`);
  }
  return env.result;
}

/** AssetPairs result to instruments named as WS v2 names them; pairs without a wsname are left out. */
export function instrumentsFromAssetPairs(result: Readonly<Record<string, RestAssetPair>>): Instrument[] {
  const out: Instrument[] = [];
  const seen = new Set<string>();
  for (const [key, p] of Object.entries(result)) {
    const symbol = typeof p?.wsname === "string" ? symbolFromWsname(p.wsname) : null;
    if (!symbol || seen.has(symbol)) continue;
    const pricePrecision = Number(p.pair_decimals);
    const qtyPrecision = Number(p.lot_decimals);
    if (!validPrecision(pricePrecision) || !validPrecision(qtyPrecision)) continue;
    seen.add(symbol);
    out.push({
      symbol,
      base: assetName(p.base),
      quote: assetName(p.quote),
      pricePrecision,
      qtyPrecision,
      priceIncrement: orDefault(() => Math.max(1, numberTextTicks(p.tick_size!, pricePrecision)), 1),
      minQty: orDefault(() => numberTextTicks(p.ordermin!, qtyPrecision), 0),
      minCost: typeof p.costmin === "string" ? p.costmin : "0",
      venueSymbol: key,
    });
  }
  return out;
}

export function tickerFromRest(
  result: Readonly<Record<string, RestTicker>>,
  inst: Instrument,
  now: number,
): TickerChanged {
  const t = onlyPair(result, inst, "ticker");
  const p = inst.pricePrecision;
  return {
    kind: "TickerChanged",
    symbol: inst.symbol,
    bid: numberTextTicks(String(t.b?.[0]), p),
    ask: numberTextTicks(String(t.a?.[0]), p),
    last: numberTextTicks(String(t.c?.[0]), p),
    volume: numberTextTicks(String(t.v?.[1]), inst.qtyPrecision),
    time: now,
  };
}

export function bookFromDepth(
  result: Readonly<Record<string, RestDepth>>,
  inst: Instrument,
  now: number,
): BookSnapshot {
  const d = onlyPair(result, inst, "book");
  const side = (rows: RestDepth["bids"] | undefined): PriceLevel[] =>
    (rows ?? []).map((r) => ({
      price: numberTextTicks(String(r[0]), inst.pricePrecision),
      qty: numberTextTicks(String(r[1]), inst.qtyPrecision),
    }));
  return { kind: "BookSnapshot", symbol: inst.symbol, bids: side(d.bids), asks: side(d.asks), time: now };
}

/** OHLC rows to candles, oldest first (the venue's order). */
export function candlesFromOhlc(
  result: Readonly<Record<string, readonly RestOhlcRow[] | string>>,
  inst: Instrument,
): Candle[] {
  const rows = onlyPair(result as Record<string, readonly RestOhlcRow[]>, inst, "candles");
  if (!Array.isArray(rows)) throw new ExchangeError(`Cannot load candles for "${inst.symbol}": no rows`);
  const p = inst.pricePrecision;
  return rows.map((r) => ({
    time: Number(r[0]) * 1000,
    open: numberTextTicks(String(r[1]), p),
    high: numberTextTicks(String(r[2]), p),
    low: numberTextTicks(String(r[3]), p),
    close: numberTextTicks(String(r[4]), p),
    volume: numberTextTicks(String(r[6]), inst.qtyPrecision),
    trades: Number(r[7]),
  }));
}

/** Server time in ms. */
export function timeFromRest(result: { readonly unixtime?: string }): number {
  const t = Number(result.unixtime);
  if (!Number.isSafeInteger(t)) throw new ExchangeError("Cannot read Kraken server time: no unixtime");
  return t * 1000;
}

/** The one pair's entry: keys may be legacy ("XXBTZUSD"), the requested name or an altname. */
export function onlyPair<T>(result: Readonly<Record<string, T>>, inst: Instrument, what: string): T {
  const key = Object.keys(result).find((k) => k !== "last");
  if (key === undefined) {
    throw new ExchangeError(`Cannot load ${what} for "${inst.symbol}" on kraken: empty result`);
  }
  return result[key]!;
}

function validPrecision(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= 15;
}

function orDefault(fn: () => number, fallback: number): number {
  try {
    return fn();
  } catch {
    return fallback;
  }
}
