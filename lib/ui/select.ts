/** Pure selectors: the market state and UI settings turned into view inputs. */

import {
  type BookRow,
  type BookSide,
  depthBins,
  groupBook,
  groupTicks,
  type OrderBook,
} from "../book/mod.ts";
import type { Order } from "../core/orders.ts";
import { formatTicksShort } from "../core/ticks.ts";
import type { MarketState } from "../engine/market_state.ts";
import type { ViewSettings } from "./state.ts";
import type { BookViewRow } from "./views/book.ts";
import type { ChartOrder } from "./views/candles.ts";
import type { DepthViewBin } from "./views/depth.ts";
import type { StatusInput } from "./views/status.ts";

/** A group size in ticks; a size that is not a whole number of ticks groups nothing. */
export function safeGroupTicks(group: string, pricePrecision: number): number {
  // Read every frame, for the few sizes of the zoom lists: worked out once each.
  let byGroup = GROUP_TICKS[pricePrecision];
  if (byGroup === undefined) GROUP_TICKS[pricePrecision] = byGroup = new Map();
  let ticks = byGroup.get(group);
  if (ticks === undefined) {
    try {
      ticks = groupTicks(group, pricePrecision);
    } catch {
      ticks = 0;
    }
    if (byGroup.size >= 256) byGroup.clear();
    byGroup.set(group, ticks);
  }
  return ticks;
}

const GROUP_TICKS: Map<string, number>[] = [];

/**
 * The zoom as the book or chart applies it, for the screen: "none" for the book when it groups nothing,
 * else the size in the pair's decimals (a size below one tick bins by one tick, so it shows as the tick).
 */
export function groupLabel(group: string, pricePrecision: number, kind: "book" | "depth"): string {
  const ticks = safeGroupTicks(group, pricePrecision);
  if (kind === "book") return `group: ${ticks <= 1 ? "none" : formatTicksShort(ticks, pricePrecision)}`;
  return `bins: ${formatTicksShort(Math.max(ticks, 1), pricePrecision)}`;
}

/** The row (bin) price a price falls in: the exact first row, else the bin (asks round up, bids down). */
export function binOf(side: BookSide, price: number, group: number, first: number | null): number {
  if (group <= 1 || price === first) return price;
  const r = price % group;
  if (r === 0) return price;
  return side === "ask" ? price - r + group : price - r;
}

/** Own volume in one row, and whether part of it is not confirmed by the venue (pending or unknown). */
export interface OwnInRow {
  readonly qty: number;
  readonly pending: boolean;
}

/** Whether an own order is (maybe) on the book: open, or pending / unknown until the venue says. */
function live(o: Order): boolean {
  return o.status === "open" || o.status === "pending" || o.status === "unknown";
}

/** Own remaining volume per row price, for one side. */
export function ownByRow(
  orders: readonly Order[],
  side: BookSide,
  group: number,
  first: number | null,
): Map<number, OwnInRow> {
  const out = new Map<number, OwnInRow>();
  const want = side === "bid" ? "buy" : "sell";
  for (const o of orders) {
    if (o.side !== want || o.price === null || !live(o)) continue;
    const left = o.qty - o.filled;
    if (left <= 0) continue;
    const p = binOf(side, o.price, group, first);
    const had = out.get(p);
    out.set(p, { qty: (had?.qty ?? 0) + left, pending: (had?.pending ?? false) || o.status !== "open" });
  }
  return out;
}

export interface Highlight {
  readonly side: BookSide;
  readonly price: number;
  readonly up: boolean;
}

function highlightOf(book: OrderBook, enabled: boolean): Highlight | null {
  const c = enabled ? book.lastChange : null;
  return c === null || c.after === c.before ? null : { side: c.side, price: c.price, up: c.after > c.before };
}

/** Book rows for one side: grouped, summed or not, with own volume and the highlighted change. */
export function bookRows(
  market: MarketState,
  view: ViewSettings,
  side: BookSide,
  rows: number,
): BookViewRow[] {
  const pp = market.instrument.pricePrecision;
  const group = safeGroupTicks(view.bookGroup, pp);
  const grouped: BookRow[] = groupBook(market.book, side, group <= 1 ? 0 : group, rows);
  const first = grouped.length > 0 ? grouped[0]!.price : null;
  const own = ownByRow(market.orders, side, group, first);
  const hl = highlightOf(market.book, view.highlight);
  const hlPrice = hl !== null && hl.side === side ? binOf(side, hl.price, group, first) : NaN;
  return grouped.map((r) => ({
    price: r.price,
    volume: view.bookSum ? r.total : r.qty,
    own: own.get(r.price)?.qty ?? 0,
    ownPending: own.get(r.price)?.pending ?? false,
    change: r.price === hlPrice ? (hl!.up ? "up" : "down") : undefined,
  }));
}

/** Depth chart bins for one side. */
export function depthRows(
  market: MarketState,
  view: ViewSettings,
  side: BookSide,
  rows: number,
): DepthViewBin[] {
  const pp = market.instrument.pricePrecision;
  const group = safeGroupTicks(view.depthGroup, pp);
  const g = group <= 1 ? 0 : group;
  const bins = depthBins(market.book, side, g, rows);
  const own = ownByRow(market.orders, side, g, null);
  const hl = highlightOf(market.book, view.highlight);
  const hlPrice = hl !== null && hl.side === side ? binOf(side, hl.price, g, null) : NaN;
  return bins.map((b) => ({
    price: b.price,
    value: view.depthSum ? b.total : b.qty,
    own: own.get(b.price)?.qty ?? 0,
    ownPending: own.get(b.price)?.pending ?? false,
    change: b.price === hlPrice ? (hl!.up ? "up" : "down") : undefined,
  }));
}

/** Own orders with a price, for the chart's marker column (pending or unknown ones as pending). */
export function chartOrders(orders: readonly Order[]): ChartOrder[] {
  const out: ChartOrder[] = [];
  for (const o of orders) {
    if (o.price !== null && live(o)) out.push({ price: o.price, pending: o.status !== "open" });
  }
  return out;
}

/** Notice for the book panes: nothing to show yet, or a book known to be wrong (never shown). */
export function bookNotice(market: MarketState): string | undefined {
  if (market.bookStatus === "resyncing") return "book resyncing…";
  if (market.bookStatus === "empty") return "waiting for the book…";
  return undefined;
}

export function statusInput(
  market: MarketState,
  view: ViewSettings,
  now: number,
  width: number,
): StatusInput {
  const i = market.instrument;
  const showBook = market.bookStatus === "ok";
  const book = market.book;
  let stats: StatusInput["stats"] = null;
  if (view.showStats && showBook) {
    stats = { bidCost: book.totals("bid").cost, askQty: book.totals("ask").qty };
  }
  return {
    venue: market.venue,
    base: i.base,
    quote: i.quote,
    pricePrecision: i.pricePrecision,
    qtyPrecision: i.qtyPrecision,
    bid: showBook ? book.bestBid() : NaN,
    ask: showBook ? book.bestAsk() : NaN,
    balances: market.balances,
    orderCount: market.orders.length,
    connection: market.connection,
    silentFor: market.lastMessageAt > 0 ? Math.max(0, now - market.lastMessageAt) : null,
    bookStatus: market.bookStatus,
    stats,
    width,
  };
}
