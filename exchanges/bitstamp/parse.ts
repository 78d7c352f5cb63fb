import type { PriceLevel, TradePrinted } from "../../lib/core/events.ts";
import type { Instrument } from "../../lib/core/instrument.ts";
import { parseLexemeJson } from "../../lib/net/lexeme_json.ts";
import type { WsBookData, WsEnvelope, WsMyOrderData, WsMyTradeData, WsTradeData } from "./frames.ts";
import { idText, microsOf, ticksOf } from "./numbers.ts";
import { levelsOf, tradeSideOf } from "./rest_parse.ts";

/** What one WebSocket v2 frame says (protocols.md §5.1.1), in PyTrader's terms. */
export type WsMessage =
  | {
    /** `order_book_<pair>` (top 100 a side, the whole top each frame) or `diff_order_book_<pair>`. */
    readonly type: "book";
    readonly kind: "top" | "diff";
    readonly inst: Instrument;
    readonly micros: number;
    readonly bids: PriceLevel[];
    readonly asks: PriceLevel[];
  }
  | { readonly type: "trade"; readonly trade: TradePrinted }
  | { readonly type: "subscribed" | "unsubscribed"; readonly channel: string }
  | { readonly type: "heartbeat" }
  /** `bts:request_reconnect`: its `data` (null, "", {} seen) is never read. */
  | { readonly type: "reconnect" }
  | {
    readonly type: "error";
    readonly code: number | null;
    readonly message: string;
    readonly channel: string;
  }
  | {
    readonly type: "my_order";
    readonly event: "order_created" | "order_changed" | "order_deleted";
    readonly inst: Instrument;
    readonly data: WsMyOrderData;
  }
  | { readonly type: "my_trade"; readonly inst: Instrument; readonly data: WsMyTradeData }
  | {
    readonly type: "rejected";
    readonly reason: "malformed" | "unknown channel" | "unknown symbol";
    readonly detail: string;
    /** The book the frame was for, when that much could be read (a diff lost to a bad value). */
    readonly inst?: Instrument;
    readonly kind?: "top" | "diff";
  };

/** Channel name to its kind and market: "diff_order_book_btcusd", "private-my_orders_btcusd-123". */
export function channelOf(channel: string): { kind: string; market: string } | null {
  const priv = /^private-(my_orders|my_trades)_([a-z0-9-]+)-\d+$/.exec(channel);
  if (priv) return { kind: priv[1]!, market: priv[2]! };
  const pub = /^(diff_order_book|detail_order_book|order_book|live_trades|live_orders)_([a-z0-9-]+)$/.exec(
    channel,
  );
  return pub ? { kind: pub[1]!, market: pub[2]! } : null;
}

/**
 * One frame to a message. Book frames take plain JSON.parse (every number in them is text); private
 * frames keep number text (ids beyond 2^53, amounts at full precision). Never throws.
 */
export function parseWsFrame(
  text: string,
  market: (name: string) => Instrument | undefined,
  now: number,
): WsMessage {
  let env: WsEnvelope;
  try {
    env = (text.includes('"private-') ? parseLexemeJson(text) : JSON.parse(text)) as WsEnvelope;
  } catch {
    return {
      type: "rejected",
      reason: "malformed",
      detail: `not JSON: ${JSON.stringify(text.slice(0, 60))}`,
    };
  }
  if (typeof env !== "object" || env === null || typeof env.event !== "string") {
    return {
      type: "rejected",
      reason: "malformed",
      detail: `no event: ${JSON.stringify(text.slice(0, 60))}`,
    };
  }
  const channel = typeof env.channel === "string" ? env.channel : "";
  switch (env.event) {
    case "bts:subscription_succeeded":
      return { type: "subscribed", channel };
    case "bts:unsubscription_succeeded":
      return { type: "unsubscribed", channel };
    case "bts:heartbeat":
      return { type: "heartbeat" };
    case "bts:request_reconnect":
      return { type: "reconnect" };
    case "bts:error": {
      const d = (env.data ?? {}) as { code?: unknown; message?: unknown };
      const code = typeof d.code === "number"
        ? d.code
        : typeof d.code === "string" && /^\d+$/.test(d.code)
        ? Number(d.code)
        : null;
      return {
        type: "error",
        code,
        message: typeof d.message === "string" ? d.message : "no message",
        channel,
      };
    }
  }
  const ch = channelOf(channel);
  if (!ch) return { type: "rejected", reason: "unknown channel", detail: `${env.event} on "${channel}"` };
  const inst = market(ch.market);
  if (!inst) return { type: "rejected", reason: "unknown symbol", detail: `${env.event} on "${channel}"` };
  try {
    return message(ch.kind, env, inst, now);
  } catch (e) {
    const kind = ch.kind === "diff_order_book" ? "diff" : ch.kind === "order_book" ? "top" : undefined;
    const detail = `${env.event} on "${channel}": ${e instanceof Error ? e.message : e}`;
    return { type: "rejected", reason: "malformed", detail, inst, kind };
  }
}

function message(kind: string, env: WsEnvelope, inst: Instrument, now: number): WsMessage {
  const data = env.data;
  if (typeof data !== "object" || data === null) throw new RangeError("no data");
  switch (kind) {
    case "order_book":
    case "diff_order_book": {
      if (env.event !== "data") break;
      const d = data as WsBookData;
      return {
        type: "book",
        kind: kind === "order_book" ? "top" : "diff",
        inst,
        micros: microsOf(d.microtimestamp),
        bids: levelsOf(d.bids ?? [], inst, "bids"),
        asks: levelsOf(d.asks ?? [], inst, "asks"),
      };
    }
    case "live_trades":
      if (env.event !== "trade") break;
      return { type: "trade", trade: tradeOf(data as WsTradeData, inst, now) };
    case "my_orders":
      if (env.event !== "order_created" && env.event !== "order_changed" && env.event !== "order_deleted") {
        break;
      }
      return { type: "my_order", event: env.event, inst, data: data as WsMyOrderData };
    case "my_trades":
      if (env.event !== "trade") break;
      return { type: "my_trade", inst, data: data as WsMyTradeData };
  }
  return {
    type: "rejected",
    reason: "unknown channel",
    detail: `${String(env.event)} on "${String(env.channel)}"`,
  };
}

/** A live trade: the `*_str` twins (the plain numbers are floats), `type` 0 a buy and 1 a sell (the taker). */
function tradeOf(d: WsTradeData, inst: Instrument, now: number): TradePrinted {
  const side = tradeSideOf(d.type);
  if (!side) throw new RangeError(`trade type ${String(d.type)}`);
  const micros = d.microtimestamp === undefined ? null : microsOf(d.microtimestamp);
  return {
    kind: "TradePrinted",
    symbol: inst.symbol,
    price: ticksOf(d.price_str, inst.pricePrecision, "price_str"),
    qty: ticksOf(d.amount_str, inst.qtyPrecision, "amount_str"),
    side,
    time: micros === null ? now : Math.floor(micros / 1000),
    id: idText(d.id) ?? undefined,
  };
}
