import type { BookSnapshot, Candle, PriceLevel, TickerChanged, TradePrinted } from "../../lib/core/events.ts";
import type { Instrument } from "../../lib/core/instrument.ts";
import { numberTextTicks } from "../../lib/core/number_text.ts";
import type { Num, RestCandleRow, RestMarket, RestOrderBook, RestTicker, RestTrade } from "./frames.ts";
import { takerSide } from "./parse.ts";

/** A market as PyTrader uses it, and what only the Poloniex folder needs (the quote amount's decimals). */
export interface Market {
  readonly instrument: Instrument;
  /** Decimals of `amount` (quote units), for market buys sized in the quote currency. */
  readonly amountScale: number;
  /** NORMAL, PAUSE or POST_ONLY. */
  readonly state: string;
}

/**
 * `GET /markets` to markets (protocols.md §5.2.3): `priceScale` and `quantityScale` are the price and
 * quantity decimals, `minQuantity` the smallest order in base units, `minAmount` the smallest in quote
 * units. Markets whose scales this build cannot hold exactly are left out.
 */
export function marketsFromRest(list: unknown): Market[] {
  if (!Array.isArray(list)) throw new RangeError("the markets answer is not a list");
  const out: Market[] = [];
  const seen = new Set<string>();
  for (const m of list as RestMarket[]) {
    if (typeof m?.symbol !== "string" || typeof m.baseCurrencyName !== "string") continue;
    if (typeof m.quoteCurrencyName !== "string") continue;
    const limit = m.symbolTradeLimit;
    const pricePrecision = scale(limit?.priceScale);
    const qtyPrecision = scale(limit?.quantityScale);
    if (pricePrecision === null || qtyPrecision === null) continue;
    const symbol = `${m.baseCurrencyName.toUpperCase()}/${m.quoteCurrencyName.toUpperCase()}`;
    if (seen.has(symbol) || !/^[A-Z0-9.]{1,16}\/[A-Z0-9.]{1,16}$/.test(symbol)) continue;
    seen.add(symbol);
    out.push({
      instrument: {
        symbol,
        base: m.baseCurrencyName.toUpperCase(),
        quote: m.quoteCurrencyName.toUpperCase(),
        pricePrecision,
        qtyPrecision,
        priceIncrement: 1,
        minQty: orZero(() => numberTextTicks(String(limit?.minQuantity ?? "0"), qtyPrecision)),
        minCost: decimalText(limit?.minAmount),
        venueSymbol: m.symbol,
      },
      amountScale: scale(limit?.amountScale) ?? pricePrecision,
      state: typeof m.state === "string" ? m.state : "NORMAL",
    });
  }
  return out;
}

/** `GET /markets/{symbol}/ticker24h`: bid, ask and the last price (`close`); volume is `quantity` (base). */
export function tickerFromRest(t: RestTicker, inst: Instrument, now: number): TickerChanged {
  const p = inst.pricePrecision;
  return {
    kind: "TickerChanged",
    symbol: inst.symbol,
    bid: t.bid === undefined ? 0 : numberTextTicks(String(t.bid), p),
    ask: t.ask === undefined ? 0 : numberTextTicks(String(t.ask), p),
    last: numberTextTicks(String(t.close), p),
    volume: numberTextTicks(String(t.quantity), inst.qtyPrecision),
    time: time(t.ts, now),
  };
}

/** `GET /markets/{symbol}/orderBook`: flat `[price, qty, price, qty, ...]` arrays to levels, best first. */
export function bookFromRest(b: RestOrderBook, inst: Instrument, now: number): BookSnapshot {
  return {
    kind: "BookSnapshot",
    symbol: inst.symbol,
    bids: flatLevels(b.bids, inst, true),
    asks: flatLevels(b.asks, inst, false),
    time: time(b.ts ?? b.time, now),
  };
}

function flatLevels(flat: readonly string[] | undefined, inst: Instrument, bids: boolean): PriceLevel[] {
  if (flat === undefined) return [];
  if (!Array.isArray(flat) || flat.length % 2 !== 0) {
    throw new RangeError("an order book side is not a flat [price, quantity, ...] list");
  }
  const out: PriceLevel[] = [];
  for (let i = 0; i < flat.length; i += 2) {
    const qty = numberTextTicks(String(flat[i + 1]), inst.qtyPrecision);
    if (qty > 0) out.push({ price: numberTextTicks(String(flat[i]), inst.pricePrecision), qty });
  }
  return out.sort((a, b) => (bids ? b.price - a.price : a.price - b.price));
}

/**
 * Candle rows (row order as documented: low, high, open, close, amount, quantity, ..., tradeCount at 8,
 * startTime at 12) to candles, oldest first whatever order they came in, one per start time.
 */
export function candlesFromRest(rows: unknown, inst: Instrument): Candle[] {
  if (!Array.isArray(rows)) throw new RangeError("the candles answer is not a list");
  const p = inst.pricePrecision;
  const byTime = new Map<number, Candle>();
  for (const r of rows as RestCandleRow[]) {
    if (!Array.isArray(r) || r.length < 13) throw new RangeError("a candle row has fewer than 13 fields");
    const t = time(r[12], NaN);
    byTime.set(t, {
      time: t,
      open: numberTextTicks(String(r[2]), p),
      high: numberTextTicks(String(r[1]), p),
      low: numberTextTicks(String(r[0]), p),
      close: numberTextTicks(String(r[3]), p),
      volume: numberTextTicks(String(r[5]), inst.qtyPrecision),
      trades: wholeNumber(r[8]),
    });
  }
  return [...byTime.values()].sort((a, b) => a.time - b.time);
}

/** `GET /markets/{symbol}/trades` to trades, oldest first (the venue lists the newest first). */
export function tradesFromRest(list: unknown, inst: Instrument): TradePrinted[] {
  if (!Array.isArray(list)) throw new RangeError("the trades answer is not a list");
  const out = (list as RestTrade[]).map((t): TradePrinted => ({
    kind: "TradePrinted",
    symbol: inst.symbol,
    price: numberTextTicks(String(t.price), inst.pricePrecision),
    qty: numberTextTicks(String(t.quantity), inst.qtyPrecision),
    side: takerSide(t.takerSide),
    time: time(t.createTime ?? t.ts, NaN),
    id: String(t.id),
  }));
  return out.sort((a, b) => a.time - b.time || compareIds(a.id!, b.id!));
}

/** `GET /timestamp`: `{"serverTime": ms}`. */
export function serverTimeFromRest(v: unknown): number {
  return time((v as { serverTime?: Num } | null)?.serverTime, NaN);
}

function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

function scale(v: Num | undefined): number | null {
  const n = Number(v);
  return v !== undefined && Number.isInteger(n) && n >= 0 && n <= 15 ? n : null;
}

function decimalText(v: Num | undefined): string {
  const s = v === undefined ? "0" : String(v);
  return /^\d+(\.\d+)?$/.test(s) ? s : "0";
}

function orZero(fn: () => number): number {
  try {
    return fn();
  } catch {
    return 0;
  }
}

/** ms since the epoch from a number or its text; `fallback` when absent (NaN: required). */
export function time(v: Num | undefined, fallback: number): number {
  if (v === undefined || v === null) {
    if (Number.isNaN(fallback)) throw new RangeError("a time is missing");
    return fallback;
  }
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`the time ${JSON.stringify(v)} is not in ms`);
  return n;
}

function wholeNumber(v: unknown): number {
  const n = Number(v ?? 0);
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`the count ${JSON.stringify(v)} is not whole`);
  return n;
}
