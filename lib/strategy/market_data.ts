/** Pure conversions from the engine's exact state (ticks, decimal text) to what a strategy worker gets. */

import type { Balances, Candle, Instrument, TickerChanged, TradePrinted } from "../core/mod.ts";
import { toNumber } from "../core/decimal.ts";
import { pow10 } from "../core/ticks.ts";
import type { OrderBook } from "../book/mod.ts";
import type { MarketState } from "../engine/market_state.ts";
import type { PortOrder } from "./port.ts";
import type { BookData } from "./protocol.ts";
import type { CandleView, InstrumentView, OrderView, Ticker, Trade } from "./sdk.ts";

/** Own remaining volume (qty ticks) by price (ticks), per side. */
export interface OwnVolumes {
  readonly bid: ReadonlyMap<number, number>;
  readonly ask: ReadonlyMap<number, number>;
}

export function instrumentView(i: Instrument): InstrumentView {
  return Object.freeze({
    symbol: i.symbol,
    base: i.base,
    quote: i.quote,
    pricePrecision: i.pricePrecision,
    qtyPrecision: i.qtyPrecision,
    priceStep: i.priceIncrement / pow10(i.pricePrecision),
    minVolume: i.minQty / pow10(i.qtyPrecision),
  });
}

/** The best `levels` per side as flat [price, volume, ownVolume] triples, plus the whole book's totals. */
export function bookData(book: OrderBook, ok: boolean, levels: number, own: OwnVolumes): BookData {
  const i = book.instrument;
  const pp = pow10(i.pricePrecision);
  const qp = pow10(i.qtyPrecision);
  const side = (s: "bid" | "ask") => {
    const n = Math.min(levels, book.size(s));
    const prices = new Float64Array(n);
    const qtys = new Float64Array(n);
    book.copyTop(s, n, prices, qtys);
    const mine = own[s];
    const out = new Float64Array(n * 3);
    for (let k = 0; k < n; k++) {
      const p = prices[k]!;
      out[k * 3] = p / pp;
      out[k * 3 + 1] = qtys[k]! / qp;
      if (mine.size > 0) out[k * 3 + 2] = (mine.get(p) ?? 0) / qp;
    }
    return out;
  };
  return {
    bids: side("bid"),
    asks: side("ask"),
    totalBid: toNumber(book.totals("bid").cost),
    totalAsk: book.totals("ask").qty / qp,
    ok,
  };
}

/** Level changes from `prev` to `next` as flat [side (0 bid, 1 ask), price, volume] triples; volume 0 = gone. */
export function depthChanges(prev: BookData, next: BookData): number[] {
  const out: number[] = [];
  diffSide(prev.bids, next.bids, 0, (a, b) => b - a, out);
  diffSide(prev.asks, next.asks, 1, (a, b) => a - b, out);
  return out;
}

function diffSide(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  tag: number,
  order: (x: number, y: number) => number,
  out: number[],
): void {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const c = i >= a.length ? 1 : j >= b.length ? -1 : order(a[i]!, b[j]!);
    if (c < 0) {
      out.push(tag, a[i]!, 0);
      i += 3;
    } else if (c > 0) {
      out.push(tag, b[j]!, b[j + 1]!);
      j += 3;
    } else {
      if (a[i + 1] !== b[j + 1]) out.push(tag, b[j]!, b[j + 1]!);
      i += 3;
      j += 3;
    }
  }
}

/**
 * A tick for a change of the best prices in the book: the book's best bid and ask (0 for an empty side),
 * the last price and volume of the ticker before it (or of the last trade), at the time of the change.
 */
export function bookTicker(m: MarketState, before: TickerChanged | null): TickerChanged {
  const best = (p: number) => (Number.isNaN(p) ? 0 : p);
  return {
    kind: "TickerChanged",
    symbol: m.instrument.symbol,
    bid: best(m.book.bestBid()),
    ask: best(m.book.bestAsk()),
    last: before?.last ?? m.lastTrade?.price ?? 0,
    volume: before?.volume ?? 0,
    time: Math.max(before?.time ?? 0, m.lastMessageAt),
  };
}

export function tickerView(t: TickerChanged, i: Instrument): Ticker {
  const pp = pow10(i.pricePrecision);
  return {
    bid: t.bid / pp,
    ask: t.ask / pp,
    last: t.last / pp,
    volume: t.volume / pow10(i.qtyPrecision),
    time: t.time,
  };
}

export function tradeView(t: TradePrinted, i: Instrument): Trade {
  const trade = {
    price: t.price / pow10(i.pricePrecision),
    volume: t.qty / pow10(i.qtyPrecision),
    side: t.side,
    time: t.time,
  };
  return t.id === undefined ? trade : { ...trade, id: t.id };
}

export function candleView(c: Candle, i: Instrument): CandleView {
  const pp = pow10(i.pricePrecision);
  return {
    time: c.time,
    open: c.open / pp,
    high: c.high / pp,
    low: c.low / pp,
    close: c.close / pp,
    volume: c.volume / pow10(i.qtyPrecision),
  };
}

export function walletView(b: Balances | null): Record<string, number> | null {
  if (b === null) return null;
  const out: Record<string, number> = {};
  for (const [asset, text] of Object.entries(b)) {
    const n = Number(text);
    if (Number.isFinite(n)) out[asset] = n;
  }
  return out;
}

export function orderView(o: PortOrder, i: Instrument, id: string, mine: boolean): OrderView {
  const qp = pow10(i.qtyPrecision);
  const view = {
    id,
    clientId: o.clientId,
    venueId: o.id,
    side: o.side,
    price: o.price === null ? null : o.price / pow10(i.pricePrecision),
    volume: o.qty / qp,
    filled: o.filled / qp,
    status: o.status,
    mine,
  };
  return Object.freeze(o.error === undefined ? view : { ...view, error: o.error });
}

/** Remaining own volume per level of working limit orders, for the book's ownVolume column. */
export function ownVolumes(orders: readonly PortOrder[], symbol: string): OwnVolumes {
  const out = { bid: new Map<number, number>(), ask: new Map<number, number>() };
  for (const o of orders) {
    if (o.symbol !== symbol || o.price === null || !isWorkingStatus(o.status)) continue;
    const side = o.side === "buy" ? out.bid : out.ask;
    side.set(o.price, (side.get(o.price) ?? 0) + o.qty - o.filled);
  }
  return out;
}

export function isWorkingStatus(s: PortOrder["status"]): boolean {
  return s === "pending" || s === "open" || s === "unknown";
}
