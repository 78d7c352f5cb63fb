import type { CandleUpdated, PriceLevel, TradePrinted } from "../../lib/core/events.ts";
import type { Instrument } from "../../lib/core/instrument.ts";
import { numberTextTicks } from "../../lib/core/number_text.ts";
import { parseLexemeJson } from "../../lib/net/lexeme_json.ts";
import type { Num, WsBookItem, WsCandleItem, WsFrame, WsLevel, WsTickerItem, WsTradeItem } from "./frames.ts";

/** Instruments by Poloniex name ("BTC_USDT"). */
export type VenuePairs = ReadonlyMap<string, Instrument>;

export type RejectReason = "malformed" | "unknown channel" | "unknown symbol";

/** One book of a `book_lv2` frame, in ticks; ids as canonical decimal text. */
export interface BookItem {
  readonly inst: Instrument;
  readonly bids: PriceLevel[];
  readonly asks: PriceLevel[];
  readonly id: string;
  readonly lastId: string;
  readonly time: number;
}

/** A `ticker` item: the socket's ticker carries no bid or ask (the decoder adds them from the book). */
export interface TickerItem {
  readonly inst: Instrument;
  readonly last: number;
  readonly volume: number;
  readonly time: number;
}

/** One public WebSocket frame, understood. */
export type WsMessage =
  | { readonly type: "book"; readonly snapshot: boolean; readonly items: readonly BookItem[] }
  | { readonly type: "ticker"; readonly items: readonly TickerItem[] }
  | { readonly type: "events"; readonly events: readonly (TradePrinted | CandleUpdated)[] }
  | { readonly type: "pong" }
  | {
    readonly type: "ack";
    /** subscribe, unsubscribe, ... */
    readonly event: string;
    readonly channel: string;
    readonly symbols: readonly string[];
  }
  | { readonly type: "error"; readonly message: string }
  | { readonly type: "rejected"; readonly reason: RejectReason; readonly detail: string };

/** The socket's candle channels and their length in minutes (protocols.md §5.2.1). */
export const CANDLE_CHANNELS: ReadonlyMap<string, number> = new Map([
  ["candles_minute_1", 1],
  ["candles_minute_5", 5],
  ["candles_minute_10", 10],
  ["candles_minute_15", 15],
  ["candles_minute_30", 30],
  ["candles_hour_1", 60],
  ["candles_hour_2", 120],
  ["candles_hour_4", 240],
  ["candles_hour_6", 360],
  ["candles_hour_12", 720],
  ["candles_day_1", 1440],
  ["candles_day_3", 4320],
  ["candles_week_1", 10080],
]);

class FrameError extends Error {
  constructor(readonly reason: RejectReason, message: string) {
    super(message);
  }
}

/** A number JSON.parse may have rounded (beyond 2^53) or a decimal that came as a JSON number: reread. */
class NeedsSourceText extends Error {}

/**
 * Any public frame to a WsMessage, without throwing: garbage, unknown channels and symbols, and numbers
 * that do not fit the pair's precision come back as `rejected`. Frames are read with JSON.parse (Poloniex
 * writes decimals as strings); a frame carrying an id beyond 2^53 or a decimal as a JSON number is read
 * again keeping every number's source text, so nothing is rounded.
 */
export function parseWsFrame(text: string, pairs: VenuePairs, now: number): WsMessage {
  if (text === "pong") return { type: "pong" };
  try {
    return parseText(text, pairs, now, false);
  } catch (e) {
    if (!(e instanceof NeedsSourceText)) return reject(e);
  }
  try {
    return parseText(text, pairs, now, true);
  } catch (e) {
    return reject(e);
  }
}

function reject(e: unknown): WsMessage {
  if (e instanceof FrameError) return { type: "rejected", reason: e.reason, detail: e.message };
  if (e instanceof SyntaxError) {
    return { type: "rejected", reason: "malformed", detail: `not JSON (${e.message})` };
  }
  if (e instanceof RangeError || e instanceof TypeError) {
    return { type: "rejected", reason: "malformed", detail: e.message };
  }
  throw e;
}

function parseText(text: string, pairs: VenuePairs, now: number, lexemes: boolean): WsMessage {
  const v = lexemes ? parseLexemeJson(text) : JSON.parse(text);
  if (typeof v !== "object" || v === null || Array.isArray(v)) {
    throw new FrameError("malformed", "not a JSON object");
  }
  return parseObject(v as WsFrame, pairs, now, lexemes);
}

function parseObject(f: WsFrame, pairs: VenuePairs, now: number, lexemes: boolean): WsMessage {
  if (typeof f.event === "string") {
    if (f.event === "pong") return { type: "pong" };
    if (f.event === "error") return { type: "error", message: String(f.message ?? "no reason given") };
    const channel = Array.isArray(f.channel) ? String(f.channel[0] ?? "") : String(f.channel ?? "");
    const symbols = Array.isArray(f.symbols) ? f.symbols.map(String) : [];
    return { type: "ack", event: f.event, channel, symbols };
  }
  const channel = f.channel;
  if (typeof channel !== "string") throw new FrameError("malformed", "neither a channel nor an event");
  if (!Array.isArray(f.data)) throw new FrameError("malformed", `${channel} frame without a data array`);
  const data = f.data as unknown[];
  switch (channel) {
    case "book_lv2": {
      if (f.action !== "snapshot" && f.action !== "update") {
        throw new FrameError("malformed", `book_lv2 frame with action ${JSON.stringify(f.action)}`);
      }
      const snapshot = f.action === "snapshot";
      const items = byPair(
        channel,
        data,
        pairs,
        (item: WsBookItem, inst) => bookItem(item, inst, snapshot, now, lexemes),
      );
      return { type: "book", snapshot, items };
    }
    case "ticker": {
      const items = byPair(channel, data, pairs, (t: WsTickerItem, inst): TickerItem => ({
        inst,
        last: ticks(t.close, inst.pricePrecision, "close", lexemes, false),
        volume: ticks(t.quantity, inst.qtyPrecision, "quantity", lexemes, false),
        time: ms(t.ts ?? t.closeTime, now),
      }));
      return { type: "ticker", items };
    }
    case "trades": {
      const events = byPair(channel, data, pairs, (t: WsTradeItem, inst) => tradeEvent(t, inst, lexemes));
      return { type: "events", events };
    }
    default: {
      const timeframe = CANDLE_CHANNELS.get(channel);
      if (timeframe === undefined) {
        throw new FrameError("unknown channel", `unknown channel ${JSON.stringify(channel).slice(0, 40)}`);
      }
      const events = byPair(
        channel,
        data,
        pairs,
        (c: WsCandleItem, inst) => candleEvent(c, inst, timeframe, lexemes),
      );
      return { type: "events", events };
    }
  }
}

function object<T>(raw: unknown): T {
  if (typeof raw !== "object" || raw === null) {
    throw new FrameError("malformed", "data item is not an object");
  }
  return raw as T;
}

function unknownSymbol(channel: string, symbol: string): FrameError {
  return new FrameError("unknown symbol", `${channel} data for unknown pair ${JSON.stringify(symbol)}`);
}

/**
 * Each data item of a known pair through `read`; items of pairs not in the markets list are skipped, and a
 * frame that has only those is rejected as "unknown symbol".
 */
function byPair<T extends { symbol: string }, R>(
  channel: string,
  data: unknown[],
  pairs: VenuePairs,
  read: (item: T, inst: Instrument) => R,
): R[] {
  const out: R[] = [];
  let unknown = "";
  for (const raw of data) {
    const item = object<T>(raw);
    const inst = pairs.get(item.symbol);
    if (!inst) {
      unknown ||= String(item.symbol);
      continue;
    }
    out.push(read(item, inst));
  }
  if (out.length === 0 && unknown) throw unknownSymbol(channel, unknown);
  return out;
}

function bookItem(
  item: WsBookItem,
  inst: Instrument,
  snapshot: boolean,
  now: number,
  lexemes: boolean,
): BookItem {
  const bids = levels(item.bids, inst, snapshot, lexemes, "bids");
  const asks = levels(item.asks, inst, snapshot, lexemes, "asks");
  if (snapshot) {
    bestFirst(bids, true);
    bestFirst(asks, false);
  }
  return {
    inst,
    bids,
    asks,
    id: idText(item.id, "id", lexemes),
    lastId: idText(item.lastId, "lastId", lexemes),
    time: ms(item.ts ?? item.createTime, now),
  };
}

function levels(
  list: readonly WsLevel[] | undefined,
  inst: Instrument,
  snapshot: boolean,
  lexemes: boolean,
  name: string,
): PriceLevel[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new FrameError("malformed", `book ${name} is not an array`);
  const out: PriceLevel[] = [];
  for (let i = 0; i < list.length; i++) {
    const l = list[i];
    if (!Array.isArray(l) || l.length < 2) {
      throw new FrameError("malformed", `a ${name} level is not [price, qty]`);
    }
    const price = ticks(l[0], inst.pricePrecision, "price", lexemes, true);
    if (!(price > 0)) throw new FrameError("malformed", `price ${l[0]} is not positive`);
    const qty = ticks(l[1], inst.qtyPrecision, "qty", lexemes, false);
    // A snapshot lists what is there; a zero in it would delete nothing.
    if (snapshot && qty === 0) continue;
    out.push({ price, qty });
  }
  return out;
}

/** Snapshots are documented best first; sorted here only when they are not (cheap for 20 levels). */
export function bestFirst(levels: PriceLevel[], bids: boolean): void {
  for (let i = 1; i < levels.length; i++) {
    const a = levels[i - 1]!.price;
    const b = levels[i]!.price;
    if (bids ? a <= b : a >= b) {
      levels.sort((x, y) => (bids ? y.price - x.price : x.price - y.price));
      return;
    }
  }
}

function tradeEvent(t: WsTradeItem, inst: Instrument, lexemes: boolean): TradePrinted {
  return {
    kind: "TradePrinted",
    symbol: inst.symbol,
    price: ticks(t.price, inst.pricePrecision, "price", lexemes, true),
    qty: ticks(t.quantity, inst.qtyPrecision, "quantity", lexemes, true),
    side: takerSide(t.takerSide),
    time: ms(t.createTime ?? t.ts, NaN),
    id: t.id === undefined ? undefined : idText(t.id, "id", lexemes),
  };
}

function candleEvent(c: WsCandleItem, inst: Instrument, timeframe: number, lexemes: boolean): CandleUpdated {
  const p = inst.pricePrecision;
  return {
    kind: "CandleUpdated",
    symbol: inst.symbol,
    timeframe,
    candle: {
      time: ms(c.startTime, NaN),
      open: ticks(c.open, p, "open", lexemes, true),
      high: ticks(c.high, p, "high", lexemes, true),
      low: ticks(c.low, p, "low", lexemes, true),
      close: ticks(c.close, p, "close", lexemes, true),
      volume: ticks(c.quantity, inst.qtyPrecision, "quantity", lexemes, false),
      trades: count(c.tradeCount),
    },
  };
}

/** "buy"/"BUY" and "sell"/"SELL", the taker's side. */
export function takerSide(text: unknown): "buy" | "sell" {
  const s = typeof text === "string" ? text.toLowerCase() : "";
  if (s === "buy" || s === "sell") return s;
  throw new FrameError("malformed", `taker side ${JSON.stringify(text)}`);
}

/**
 * Decimal text to ticks. Poloniex writes decimals as strings; a JSON number read by JSON.parse may have lost
 * digits, so it asks for the frame to be read again with its source text.
 */
function ticks(
  v: Num | undefined,
  precision: number,
  field: string,
  lexemes: boolean,
  positive: boolean,
): number {
  if (typeof v !== "string") {
    if (typeof v === "number" && !lexemes) throw new NeedsSourceText();
    throw new FrameError("malformed", `${field} is missing or not a number`);
  }
  const t = numberTextTicks(v, precision);
  if (t < 0 || (positive && t === 0)) {
    throw new FrameError("malformed", `${field} ${v} is ${positive ? "not positive" : "negative"}`);
  }
  return t;
}

/** An id as canonical decimal text; one JSON.parse may have rounded makes the frame be read again. */
function idText(v: Num | undefined, field: string, lexemes: boolean): string {
  if (typeof v === "number") {
    if (Number.isSafeInteger(v) && v >= 0) return String(v);
    if (!lexemes) throw new NeedsSourceText();
  }
  if (typeof v === "string" && /^\d{1,30}$/.test(v)) return v.replace(/^0+(?=\d)/, "");
  throw new FrameError("malformed", `${field} ${JSON.stringify(v)} is not a whole number`);
}

/** ms since the epoch from a JSON number or its text; `fallback` when absent. */
function ms(v: Num | undefined, fallback: number): number {
  if (v === undefined) {
    if (Number.isNaN(fallback)) throw new FrameError("malformed", "a time is missing");
    return fallback;
  }
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 0) throw new FrameError("malformed", `time ${JSON.stringify(v)}`);
  return n;
}

function count(v: Num | undefined): number {
  const n = Number(v ?? 0);
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new FrameError("malformed", `trade count ${JSON.stringify(v)}`);
  }
  return n;
}
