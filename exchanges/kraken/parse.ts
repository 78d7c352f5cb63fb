import type {
  BookSnapshot,
  BookUpdate,
  CandleUpdated,
  MarketEvent,
  PriceLevel,
  TickerChanged,
  TradePrinted,
} from "../../lib/core/events.ts";
import type { Instrument } from "../../lib/core/instrument.ts";
import { numberTextTicks } from "../../lib/core/number_text.ts";
import type {
  Num,
  WsBookItem,
  WsFrame,
  WsInstrumentPair,
  WsLevel,
  WsOhlcItem,
  WsTickerItem,
  WsTradeItem,
} from "./frames.ts";
import { parseLexemeJson } from "../../lib/net/lexeme_json.ts";
import { assetName, symbolFromWsname } from "./symbols.ts";

/** Instruments by v2 symbol ("BTC/USD"). */
export type PairTable = ReadonlyMap<string, Instrument>;

export type RejectReason = "malformed" | "unknown channel" | "unknown symbol";

/** One WS v2 frame, understood. */
export type WsMessage =
  | { readonly type: "events"; readonly events: readonly MarketEvent[] }
  | { readonly type: "heartbeat" }
  | { readonly type: "status"; readonly system: string; readonly connectionId: string }
  | { readonly type: "pong"; readonly reqId: string | null }
  | {
    readonly type: "reply";
    readonly method: string;
    readonly reqId: string | null;
    readonly success: boolean;
    readonly error: string | null;
    readonly channel: string | null;
    readonly symbol: string | null;
    /** Book depth of a book subscription ack. */
    readonly depth: number | null;
  }
  | { readonly type: "instruments"; readonly instruments: readonly Instrument[] }
  | { readonly type: "rejected"; readonly reason: RejectReason; readonly detail: string };

/** A frame that cannot be used; the message says why. */
class FrameError extends Error {
  constructor(readonly reason: RejectReason, message: string) {
    super(message);
  }
}

/**
 * Any WS v2 frame to a WsMessage, without throwing: garbage, unknown channels, unknown symbols and numbers
 * that do not fit the pair's precision come back as `rejected`. Book frames in the usual layout take the
 * fast scanner (scanBookFrame) before reaching this; both give the same events.
 */
export function parseWsFrame(text: string, pairs: PairTable, now: number): WsMessage {
  let frame: WsFrame;
  try {
    const v = parseLexemeJson(text);
    if (typeof v !== "object" || v === null || Array.isArray(v)) {
      return reject("malformed", "not a JSON object");
    }
    frame = v as WsFrame;
  } catch (e) {
    return reject("malformed", `not JSON (${e instanceof Error ? e.message : e})`);
  }
  try {
    return parseObject(frame, pairs, now);
  } catch (e) {
    if (e instanceof FrameError) return reject(e.reason, e.message);
    if (e instanceof RangeError || e instanceof TypeError) return reject("malformed", e.message);
    throw e;
  }
}

function reject(reason: RejectReason, detail: string): WsMessage {
  return { type: "rejected", reason, detail };
}

function parseObject(f: WsFrame, pairs: PairTable, now: number): WsMessage {
  if (typeof f.method === "string") {
    const reqId = typeof f.req_id === "string" ? f.req_id : null;
    if (f.method === "pong") return { type: "pong", reqId };
    return {
      type: "reply",
      method: f.method,
      reqId,
      success: f.success === true,
      error: typeof f.error === "string" ? f.error : null,
      channel: typeof f.result?.channel === "string" ? f.result.channel : null,
      symbol: typeof f.result?.symbol === "string" ? f.result.symbol : null,
      depth: typeof f.result?.depth === "string" && /^\d{1,5}$/.test(f.result.depth)
        ? Number(f.result.depth)
        : null,
    };
  }
  switch (f.channel) {
    case "heartbeat":
      return { type: "heartbeat" };
    case "status": {
      const item = items<Record<string, unknown>>(f)[0];
      return {
        type: "status",
        system: String(item?.system ?? ""),
        connectionId: String(item?.connection_id ?? ""),
      };
    }
    case "book":
      return events(f, pairs, (item: WsBookItem, inst) => bookEvent(f, item, inst, now));
    case "ticker":
      return events(f, pairs, (item: WsTickerItem, inst) => tickerEvent(item, inst, now));
    case "trade":
      return events(f, pairs, (item: WsTradeItem, inst) => tradeEvent(item, inst));
    case "ohlc":
      return events(f, pairs, (item: WsOhlcItem, inst) => ohlcEvent(item, inst));
    case "instrument":
      return { type: "instruments", instruments: instrumentsOf(f.data) };
    default:
      if (typeof f.channel === "string") {
        throw new FrameError("unknown channel", `unknown channel ${JSON.stringify(f.channel).slice(0, 40)}`);
      }
      throw new FrameError("malformed", "neither a channel nor a method");
  }
}

function items<T>(f: WsFrame): T[] {
  if (!Array.isArray(f.data)) throw new FrameError("malformed", `${f.channel} frame without a data array`);
  return f.data as T[];
}

/** Maps each data item of a known symbol; unknown symbols are dropped, and only-unknown is a rejection. */
function events<T extends { symbol: string }>(
  f: WsFrame,
  pairs: PairTable,
  toEvent: (item: T, inst: Instrument) => MarketEvent,
): WsMessage {
  const list = items<T>(f);
  const out: MarketEvent[] = [];
  let unknown = "";
  for (const item of list) {
    if (typeof item !== "object" || item === null) {
      throw new FrameError("malformed", "data item is not an object");
    }
    const inst = typeof item.symbol === "string" ? pairs.get(item.symbol) : undefined;
    if (!inst) {
      unknown ||= String(item.symbol);
      continue;
    }
    out.push(toEvent(item, inst));
  }
  if (out.length === 0 && unknown) {
    throw new FrameError("unknown symbol", `${f.channel} data for unknown pair ${JSON.stringify(unknown)}`);
  }
  return { type: "events", events: out };
}

function bookEvent(f: WsFrame, item: WsBookItem, inst: Instrument, now: number): BookSnapshot | BookUpdate {
  const bids = levels(item.bids, inst, "bids");
  const asks = levels(item.asks, inst, "asks");
  const checksum = u32(item.checksum);
  if (f.type === "snapshot") {
    return { kind: "BookSnapshot", symbol: inst.symbol, bids, asks, time: now, checksum };
  }
  if (f.type !== "update") throw new FrameError("malformed", `book frame of type ${JSON.stringify(f.type)}`);
  const time = item.timestamp === undefined ? now : isoTime(item.timestamp);
  return { kind: "BookUpdate", symbol: inst.symbol, bids, asks, time, checksum };
}

function levels(list: readonly WsLevel[] | undefined, inst: Instrument, name: string): PriceLevel[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new FrameError("malformed", `book ${name} is not an array`);
  const out: PriceLevel[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const l = list[i]!;
    const price = positive(l?.price, inst.pricePrecision, "price");
    const qty = nonNegative(l?.qty, inst.qtyPrecision, "qty");
    out[i] = { price, qty };
  }
  return out;
}

function tickerEvent(t: WsTickerItem, inst: Instrument, now: number): TickerChanged {
  return {
    kind: "TickerChanged",
    symbol: inst.symbol,
    bid: nonNegative(t.bid, inst.pricePrecision, "bid"),
    ask: nonNegative(t.ask, inst.pricePrecision, "ask"),
    last: nonNegative(t.last, inst.pricePrecision, "last"),
    volume: nonNegative(t.volume, inst.qtyPrecision, "volume"),
    time: t.timestamp === undefined ? now : isoTime(t.timestamp),
  };
}

function tradeEvent(t: WsTradeItem, inst: Instrument): TradePrinted {
  if (t.side !== "buy" && t.side !== "sell") throw new FrameError("malformed", `trade side ${t.side}`);
  return {
    kind: "TradePrinted",
    symbol: inst.symbol,
    price: positive(t.price, inst.pricePrecision, "price"),
    qty: positive(t.qty, inst.qtyPrecision, "qty"),
    side: t.side,
    time: isoTime(t.timestamp),
    id: t.trade_id === undefined ? undefined : String(t.trade_id),
  };
}

function ohlcEvent(c: WsOhlcItem, inst: Instrument): CandleUpdated {
  const p = inst.pricePrecision;
  return {
    kind: "CandleUpdated",
    symbol: inst.symbol,
    timeframe: smallInt(c.interval, "interval"),
    candle: {
      time: isoTime(c.interval_begin),
      open: positive(c.open, p, "open"),
      high: positive(c.high, p, "high"),
      low: positive(c.low, p, "low"),
      close: positive(c.close, p, "close"),
      volume: nonNegative(c.volume, inst.qtyPrecision, "volume"),
      trades: smallInt(c.trades, "trades"),
    },
  };
}

function instrumentsOf(data: unknown): Instrument[] {
  const pairs = (data as { pairs?: unknown } | null)?.pairs;
  if (!Array.isArray(pairs)) throw new FrameError("malformed", "instrument data without pairs");
  const out: Instrument[] = [];
  for (const p of pairs as WsInstrumentPair[]) {
    const symbol = typeof p?.symbol === "string" ? symbolFromWsname(p.symbol) : null;
    if (!symbol) continue;
    const pricePrecision = smallInt(p.price_precision, "price_precision");
    const qtyPrecision = smallInt(p.qty_precision, "qty_precision");
    out.push({
      symbol,
      base: assetName(p.base),
      quote: assetName(p.quote),
      pricePrecision,
      qtyPrecision,
      priceIncrement: p.price_increment === undefined
        ? 1
        : Math.max(1, numberTextTicks(p.price_increment, pricePrecision)),
      minQty: p.qty_min === undefined ? 0 : numberTextTicks(p.qty_min, qtyPrecision),
      minCost: p.cost_min === undefined ? "0" : String(p.cost_min),
    });
  }
  return out;
}

function ticks(text: Num | undefined, precision: number, field: string): number {
  if (typeof text !== "string") throw new FrameError("malformed", `${field} is missing or not a number`);
  return numberTextTicks(text, precision);
}

function positive(text: Num | undefined, precision: number, field: string): number {
  const v = ticks(text, precision, field);
  if (!(v > 0)) throw new FrameError("malformed", `${field} ${text} is not positive`);
  return v;
}

function nonNegative(text: Num | undefined, precision: number, field: string): number {
  const v = ticks(text, precision, field);
  if (v < 0) throw new FrameError("malformed", `${field} ${text} is negative`);
  return v;
}

function smallInt(text: Num | undefined, field: string): number {
  const v = Number(text);
  if (typeof text !== "string" || !Number.isSafeInteger(v) || v < 0) {
    throw new FrameError("malformed", `${field} ${text} is not a whole number`);
  }
  return v;
}

function u32(text: Num | undefined): number {
  const v = Number(text);
  if (typeof text !== "string" || !/^\d{1,10}$/.test(text) || v > 0xffffffff) {
    throw new FrameError("malformed", `checksum ${text} is not an unsigned 32-bit integer`);
  }
  return v;
}

/** RFC 3339 time to ms; nanosecond digits are cut to ms. */
export function isoTime(text: unknown): number {
  const t = typeof text === "string" ? Date.parse(text) : NaN;
  if (!Number.isFinite(t)) throw new FrameError("malformed", `time ${JSON.stringify(text)} is not RFC 3339`);
  return t;
}
