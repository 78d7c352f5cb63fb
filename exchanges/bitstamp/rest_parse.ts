import { ExchangeError } from "../../lib/core/errors.ts";
import type { BookSnapshot, Candle, PriceLevel, TickerChanged, TradePrinted } from "../../lib/core/events.ts";
import type { Instrument } from "../../lib/core/instrument.ts";
import type { Side } from "../../lib/core/orders.ts";
import { parseLexemeJson } from "../../lib/net/lexeme_json.ts";
import { answerError } from "./errors.ts";
import type { RestOhlcRow, RestOrderBook, RestTicker, RestTransaction } from "./frames.ts";
import { idText, microsOf, secondsToMs, ticksOf } from "./numbers.ts";

/**
 * A REST answer's JSON (numbers kept as their text), or the venue's refusal mapped to the domain errors.
 * `action` completes "Cannot ...": `load ticker for "BTC/USD" on bitstamp`.
 */
export function restBody<T>(text: string, httpStatus: number, action: string): T {
  let body: unknown;
  try {
    body = parseLexemeJson(text);
  } catch {
    const what = httpStatus >= 400 ? `HTTP ${httpStatus}, ` : "";
    throw new ExchangeError(
      `Cannot ${action}: ${what}the answer is not JSON (${JSON.stringify(text.slice(0, 60))})`,
    );
  }
  const error = answerError(body, httpStatus, action);
  if (error) throw error;
  if (httpStatus >= 400) throw new ExchangeError(`Cannot ${action}: HTTP ${httpStatus}`);
  if (typeof body !== "object" || body === null) {
    throw new ExchangeError(`Cannot ${action}: unexpected answer`);
  }
  return body as T;
}

/** Levels `[["77049","0.5"], ...]` in ticks; `limit` keeps the first (best) ones. */
export function levelsOf(rows: unknown, inst: Instrument, side: string, limit = Infinity): PriceLevel[] {
  if (!Array.isArray(rows)) throw new RangeError(`${side} is not a list`);
  const n = Math.min(rows.length, limit);
  const out = new Array<PriceLevel>(n);
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    if (!Array.isArray(r) || r.length < 2) throw new RangeError(`${side} level ${i} is not [price, amount]`);
    out[i] = {
      price: ticksOf(r[0], inst.pricePrecision, `${side} price`),
      qty: ticksOf(r[1], inst.qtyPrecision, `${side} amount`),
    };
  }
  return out;
}

export function tickerFromRest(t: RestTicker, inst: Instrument, now: number): TickerChanged {
  const p = inst.pricePrecision;
  return {
    kind: "TickerChanged",
    symbol: inst.symbol,
    bid: ticksOf(t.bid, p, "bid"),
    ask: ticksOf(t.ask, p, "ask"),
    last: ticksOf(t.last, p, "last"),
    volume: ticksOf(t.volume, inst.qtyPrecision, "volume"),
    time: t.timestamp === undefined ? now : secondsToMs(t.timestamp, "ticker timestamp"),
  };
}

/** The REST book with its microtimestamp (what bridges it to the diff stream: protocols.md §5.1.2). */
export interface RestBook {
  readonly micros: number;
  readonly bids: PriceLevel[];
  readonly asks: PriceLevel[];
}

export function restBook(b: RestOrderBook, inst: Instrument, limit = Infinity): RestBook {
  return {
    // Without microseconds a snapshot cannot be placed among the diffs: refused, never guessed from seconds.
    micros: microsOf(b.microtimestamp),
    bids: levelsOf(b.bids, inst, "bids", limit),
    asks: levelsOf(b.asks, inst, "asks", limit),
  };
}

export function bookSnapshotOf(book: RestBook, inst: Instrument): BookSnapshot {
  return {
    kind: "BookSnapshot",
    symbol: inst.symbol,
    bids: book.bids,
    asks: book.asks,
    time: Math.floor(book.micros / 1000),
  };
}

/** A trade's `type`, REST or streamed: 0 a buy, 1 a sell (the taker's side); null for anything else. */
export function tradeSideOf(type: unknown): Side | null {
  const t = String(type);
  return t === "0" ? "buy" : t === "1" ? "sell" : null;
}

/** `transactions/<pair>/` (newest first) to trades oldest first. Type 0 is a buy, 1 a sell. */
export function tradesFromTransactions(rows: unknown, inst: Instrument): TradePrinted[] {
  if (!Array.isArray(rows)) throw new RangeError("the transactions answer is not a list");
  const out: TradePrinted[] = [];
  for (const r of rows as RestTransaction[]) {
    const side = tradeSideOf(r.type);
    if (!side) throw new RangeError(`transaction ${String(r.tid)} has type ${String(r.type)}`);
    out.push({
      kind: "TradePrinted",
      symbol: inst.symbol,
      price: ticksOf(r.price, inst.pricePrecision, "trade price"),
      qty: ticksOf(r.amount, inst.qtyPrecision, "trade amount"),
      side,
      time: secondsToMs(r.date, "trade date"),
      id: idText(r.tid) ?? undefined,
    });
  }
  // Newest first on the wire; ties keep the id order.
  return out.reverse().sort((a, b) => a.time - b.time);
}

/** `ohlc/<pair>/` rows, oldest first. Bitstamp counts no trades per candle: 0. */
export function candlesFromOhlc(body: unknown, inst: Instrument): Candle[] {
  const rows = (body as { data?: { ohlc?: unknown } } | null)?.data?.ohlc;
  if (!Array.isArray(rows)) throw new RangeError("the ohlc answer has no data.ohlc list");
  const p = inst.pricePrecision;
  return (rows as RestOhlcRow[]).map((r) => ({
    time: secondsToMs(r.timestamp, "candle timestamp"),
    open: ticksOf(r.open, p, "open"),
    high: ticksOf(r.high, p, "high"),
    low: ticksOf(r.low, p, "low"),
    close: ticksOf(r.close, p, "close"),
    volume: ticksOf(r.volume, inst.qtyPrecision, "volume"),
    trades: 0,
  })).sort((a, b) => a.time - b.time);
}
