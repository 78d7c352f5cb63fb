/** Plain market data for UI tests: an instrument, a book, candles and a MarketState around them. */

import { OrderBook } from "../../lib/book/mod.ts";
import { parseTicks } from "../../lib/core/ticks.ts";
import type { Candle, Instrument, Order, PriceLevel } from "../../lib/core/mod.ts";
import type { MarketState } from "../../lib/engine/market_state.ts";
import { type Line, lineText } from "../../lib/ui/style.ts";
import { type ViewSettings } from "../../lib/ui/state.ts";
import { BTC_USD, ETH_XBT } from "../fixtures/instruments.ts";

export { BTC_USD, ETH_XBT };

/** Levels from [price text, qty text] pairs at the instrument's precisions. */
export function levels(i: Instrument, pairs: Array<[string, string]>): PriceLevel[] {
  return pairs.map(([p, q]) => ({
    price: parseTicks(p, i.pricePrecision),
    qty: parseTicks(q, i.qtyPrecision),
  }));
}

/** The seed/inventory.md §1.4 book: asks 0.02101×1, 0.02103×2, 0.0211×3, 0.0215×4; bids 0.02099×1, 0.0209×2, 0.0205×3, 0.02×4. */
export function seedBook(): OrderBook {
  const b = new OrderBook(ETH_XBT, 100);
  b.applySnapshot(
    levels(ETH_XBT, [["0.02099", "1"], ["0.0209", "2"], ["0.0205", "3"], ["0.02", "4"]]),
    levels(ETH_XBT, [["0.02101", "1"], ["0.02103", "2"], ["0.0211", "3"], ["0.0215", "4"]]),
  );
  return b;
}

export function market(book: OrderBook, extra: Partial<MarketState> = {}): MarketState {
  return {
    venue: "sim",
    instrument: book.instrument,
    book,
    bookStatus: book.size("bid") + book.size("ask") > 0 ? "ok" : "empty",
    candles: [],
    timeframe: 15,
    ticker: null,
    lastTrade: null,
    connection: "connected",
    connectionSince: 0,
    lastMessageAt: 0,
    balances: null,
    orders: [],
    version: 1,
    ...extra,
  };
}

export const VIEW: ViewSettings = {
  displayRight: "history_chart",
  bookGroup: "0",
  bookSum: false,
  depthGroup: "0.00001",
  depthSum: true,
  showStats: true,
  highlight: true,
  xtermTitle: false,
  filters: { ticker: true, depth: true, trade: true, tradeOwn: true },
};

/** An own order as the engine lists it (placed from the UI, not paper). */
export type TestOrder = Order & { readonly owner: string; readonly paper: boolean };

export function order(
  i: Instrument,
  side: "buy" | "sell",
  price: string,
  qty: string,
  status: Order["status"] = "open",
): TestOrder {
  return {
    owner: "ui",
    paper: false,
    id: "",
    clientId: `c-${side}-${price}`,
    symbol: i.symbol,
    side,
    type: "limit",
    price: parseTicks(price, i.pricePrecision),
    qty: parseTicks(qty, i.qtyPrecision),
    filled: 0,
    status,
    time: 0,
  };
}

/** A candle from (o, h, l, c) price texts. */
export function candle(i: Instrument, time: number, o: string, h: string, l: string, c: string): Candle {
  const t = (s: string) => parseTicks(s, i.pricePrecision);
  return { time, open: t(o), high: t(h), low: t(l), close: t(c), volume: 0, trades: 1 };
}

export function texts(lines: readonly Line[]): string[] {
  return lines.map((l) => lineText(l).trimEnd());
}
