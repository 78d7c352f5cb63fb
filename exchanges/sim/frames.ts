/**
 * What `pytrader record` keeps of the simulated market. The sim has no wire, so its frames are its market
 * events written as JSON (prices and amounts in ticks of the pair, levels as [price, qty] pairs), and a
 * `subscribed` frame telling the book depth; SimDecoder reads them back for replay and backtests. Account
 * events are never frames.
 */
import type {
  Candle,
  ExchangeEvent,
  Instrument,
  MarketEvent,
  PriceLevel,
  RawFrame,
  ReplayDecoder,
} from "../../lib/core/mod.ts";
import { SIM_MARKETS } from "./instruments.ts";

/** The URL of every sim frame. */
export const SIM_FRAME_URL = "sim://market";

/** A market event as a frame; null for one that is not recorded (a lost book: the sim never loses one). */
export function marketFrame(ev: MarketEvent): string | null {
  switch (ev.kind) {
    case "BookSnapshot":
    case "BookUpdate":
      return JSON.stringify({
        kind: ev.kind,
        symbol: ev.symbol,
        bids: ev.bids.map((l) => [l.price, l.qty]),
        asks: ev.asks.map((l) => [l.price, l.qty]),
        time: ev.time,
      });
    case "TradePrinted":
    case "TickerChanged":
    case "CandleUpdated":
      return JSON.stringify(ev);
    case "BookIntegrityLost":
      return null;
  }
}

/** The book subscription of `symbol` keeps `depth` levels a side (null: all). */
export function subscribedFrame(symbol: string, depth: number | null): string {
  return JSON.stringify({ kind: "subscribed", symbol, depth });
}

/** The sim's frames back to events, for `pytrader replay` and `pytrader backtest`. */
export class SimDecoder implements ReplayDecoder {
  readonly venue = "sim";
  readonly #depths = new Map<string, number>();

  instrument(symbol: string): Instrument | undefined {
    return SIM_MARKETS.find((m) => m.instrument.symbol === symbol)?.instrument;
  }

  bookDepth(symbol: string): number | undefined {
    return this.#depths.get(symbol);
  }

  decode(frame: RawFrame): readonly ExchangeEvent[] | null {
    if (frame.url !== SIM_FRAME_URL) return null;
    let v: Record<string, unknown>;
    try {
      v = JSON.parse(frame.data);
    } catch {
      return null;
    }
    if (typeof v !== "object" || v === null || typeof v.symbol !== "string" || !this.instrument(v.symbol)) {
      return null;
    }
    const symbol = v.symbol;
    switch (v.kind) {
      case "subscribed":
        if (v.depth === null) return [];
        if (!isCount(v.depth) || v.depth < 1) return null;
        this.#depths.set(symbol, v.depth);
        return [];
      case "BookSnapshot":
      case "BookUpdate": {
        const bids = levels(v.bids);
        const asks = levels(v.asks);
        if (!bids || !asks || !isTime(v.time)) return null;
        return [{ kind: v.kind, symbol, bids, asks, time: v.time }];
      }
      case "TradePrinted":
        if (
          !isCount(v.price) || !isCount(v.qty) || !isTime(v.time) ||
          (v.side !== "buy" && v.side !== "sell") ||
          (v.id !== undefined && typeof v.id !== "string")
        ) return null;
        return [{
          kind: "TradePrinted",
          symbol,
          price: v.price,
          qty: v.qty,
          side: v.side,
          time: v.time,
          ...(v.id === undefined ? {} : { id: v.id as string }),
        }];
      case "TickerChanged":
        if (![v.bid, v.ask, v.last, v.volume].every(isCount) || !isTime(v.time)) return null;
        return [{
          kind: "TickerChanged",
          symbol,
          bid: v.bid as number,
          ask: v.ask as number,
          last: v.last as number,
          volume: v.volume as number,
          time: v.time as number,
        }];
      case "CandleUpdated": {
        const c = candle(v.candle);
        if (!c || !isCount(v.timeframe)) return null;
        return [{ kind: "CandleUpdated", symbol, timeframe: v.timeframe, candle: c }];
      }
      default:
        return null;
    }
  }
}

function isCount(v: unknown): v is number {
  return typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
}

/** A time in ms (the sim's clock may give fractions). */
function isTime(v: unknown): v is number {
  return typeof v === "number" && Number.isFinite(v) && v >= 0;
}

function levels(v: unknown): PriceLevel[] | null {
  if (!Array.isArray(v)) return null;
  const out: PriceLevel[] = [];
  for (const l of v) {
    if (!Array.isArray(l) || l.length !== 2 || !isCount(l[0]) || !isCount(l[1])) return null;
    out.push({ price: l[0], qty: l[1] });
  }
  return out;
}

function candle(v: unknown): Candle | null {
  if (typeof v !== "object" || v === null) return null;
  const c = v as Record<string, unknown>;
  const keys = ["open", "high", "low", "close", "volume", "trades"] as const;
  if (!keys.every((k) => isCount(c[k])) || !isTime(c.time)) return null;
  return {
    time: c.time as number,
    open: c.open as number,
    high: c.high as number,
    low: c.low as number,
    close: c.close as number,
    volume: c.volume as number,
    trades: c.trades as number,
  };
}
