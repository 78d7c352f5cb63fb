/** One whole screen: status lines, book, chart, the two log panes and any open dialog. */

import type { MarketState } from "../../engine/market_state.ts";
import type { LogRecord } from "../../log/logger.ts";
import type { Glyphs } from "../glyphs.ts";
import { computeLayout } from "../layout.ts";
import { bookNotice, bookRows, chartOrders, depthRows, groupLabel, statusInput } from "../select.ts";
import type { UiState } from "../state.ts";
import { blank, fit, type Line } from "../style.ts";
import { bookCapacity, bookView } from "./book.ts";
import { candleBody, candleLayout, candleMarkers, newestColumn, withCells } from "./candles.ts";
import { consoleView } from "./console.ts";
import { depthView } from "./depth.ts";
import { FrameCache, type Memo } from "./frame_cache.ts";
import { drawBox } from "./box.ts";
import { helpBox } from "./help.ts";
import { orderFormBox } from "./order_form.ts";
import { orderListBox } from "./order_list.ts";
import { statusFirst, type StatusInput, statusSecond } from "./status.ts";

export interface FrameInput {
  readonly ui: UiState;
  /** null until the trader has started (instrument known). */
  readonly market: MarketState | null;
  readonly mainLog: readonly LogRecord[];
  readonly strategyLog: readonly LogRecord[];
  readonly now: number;
  readonly width: number;
  readonly height: number;
  readonly glyphs: Glyphs;
  /** Local time offset from UTC for log times, minutes. */
  readonly offsetMinutes: number;
  /** Shown while `market` is null. */
  readonly startingText?: string;
}

/**
 * The screen's lines. With the `cache` of the previous frame, parts whose inputs did not change are not
 * recomputed and rows that did not change are the same line objects as before; the picture is the same
 * with or without it.
 */
export function renderFrame(f: FrameInput, cache: FrameCache = new FrameCache()): Line[] {
  const L = computeLayout(f.width, f.height);
  const out: Line[] = [];
  const m = f.market;
  if (m === null) {
    out.push(fit([{ text: f.startingText ?? "Starting…", role: "status_warn" }], L.width, "status"));
    out.push(blank(L.width, "status"));
  } else {
    out.push(...statusRows(cache, statusInput(m, f.ui.view, f.now, L.width)));
  }
  out.length = L.status.height;

  const mid = middle(f, L.book.width, L.chart.width, L.book.height, cache);
  for (let y = 0; y < L.book.height; y++) out.push(cache.middle.join(y, mid.book[y]!, mid.chart[y]!));

  const con = L.mainConsole;
  const strat = L.strategyConsole;
  const main = consoleRows(cache.main, f.mainLog, con.width, con.height, f.offsetMinutes, false);
  const side = consoleRows(cache.strategy, f.strategyLog, strat.width, strat.height, f.offsetMinutes, true);
  const gap = blank(strat.x - con.width);
  for (let y = 0; y < con.height; y++) out.push(cache.consoles.join(y, main[y]!, side[y] ?? [], gap));

  const lines = out.slice(0, L.height).map((l) => fit(l, L.width));
  const d = f.ui.dialog;
  const pair = f.ui.pair;
  if (d?.kind === "help") drawBox(lines, helpBox(L.width, L.height, f.ui.scroll, f.ui.trading));
  else if (d?.kind === "order" && pair) drawBox(lines, orderFormBox(d, pair, L.width, L.height));
  else if (d?.kind === "orders" && pair) drawBox(lines, orderListBox(d, pair, L.width, L.height));
  return lines;
}

/** The status lines, each remade only when what it shows changed. */
function statusRows(cache: FrameCache, s: StatusInput): [Line, Line] {
  const firstKeys = [
    s.bid,
    s.ask,
    s.balances,
    s.orderCount,
    s.venue,
    s.base,
    s.quote,
    s.pricePrecision,
    s.qtyPrecision,
    s.width,
  ];
  const silent = s.silentFor === null ? null : Math.floor(s.silentFor / 1000);
  const secondKeys = [
    s.connection,
    silent,
    s.bookStatus,
    s.stats?.bidCost.units,
    s.stats?.bidCost.scale,
    s.stats?.askQty,
    s.ask,
    s.quote,
    s.base,
    s.pricePrecision,
    s.qtyPrecision,
    s.width,
  ];
  return [
    cache.statusFirst.get(firstKeys) ?? cache.statusFirst.set(firstKeys, statusFirst(s)),
    cache.statusSecond.get(secondKeys) ?? cache.statusSecond.set(secondKeys, statusSecond(s)),
  ];
}

function consoleRows(
  memo: Memo<Line[]>,
  records: readonly LogRecord[],
  width: number,
  height: number,
  offsetMinutes: number,
  strategy: boolean,
): Line[] {
  const keys = [records, records.length, width, height, offsetMinutes];
  return memo.get(keys) ??
    memo.set(keys, consoleView({ records, width, height, offsetMinutes, strategy }));
}

function middle(
  f: FrameInput,
  bookW: number,
  chartW: number,
  h: number,
  cache: FrameCache,
): { book: Line[]; chart: Line[] } {
  const m = f.market;
  if (m === null) {
    return {
      book: Array.from({ length: h }, () => blank(bookW, "book_text")),
      chart: Array.from({ length: h }, () => blank(chartW, "chart_text")),
    };
  }
  const view = f.ui.view;
  const { pricePrecision, qtyPrecision } = m.instrument;
  const notice = bookNotice(m);
  const cap = bookCapacity(h);
  const showBook = notice === undefined;
  const orders = cache.orders.of(m.orders);
  const bookKeys = [m.book, m.book.version, notice, orders, view, m.instrument, bookW, h];
  const book = cache.book.get(bookKeys) ?? cache.book.set(
    bookKeys,
    bookView({
      asks: showBook ? bookRows(m, view, "ask", cap.asks) : [],
      bids: showBook ? bookRows(m, view, "bid", cap.bids) : [],
      pricePrecision,
      qtyPrecision,
      width: bookW,
      height: h,
      notice,
      label: groupLabel(view.bookGroup, pricePrecision, "book"),
    }, cache.bookRows),
  );
  if (view.displayRight === "depth_chart") {
    const depthKeys = [...bookKeys, chartW, f.glyphs];
    const chart = cache.depth.get(depthKeys) ?? cache.depth.set(
      depthKeys,
      depthView({
        asks: showBook ? depthRows(m, view, "ask", cap.asks) : [],
        bids: showBook ? depthRows(m, view, "bid", cap.bids) : [],
        pricePrecision,
        width: chartW,
        height: h,
        glyphs: f.glyphs,
        label: groupLabel(view.depthGroup, pricePrecision, "depth"),
      }),
    );
    return { book, chart };
  }
  const bodyInput = {
    candles: m.candles,
    timeframe: m.timeframe,
    pricePrecision,
    width: chartW,
    height: h,
    glyphs: f.glyphs,
  };
  // The newest candle changes with every trade: the body is drawn without it (while the layout holds)
  // and its column is put in per frame, as are the markers.
  const layout = candleLayout(bodyInput);
  const split = layout !== null && chartW - 2 >= layout.gutter;
  const drawn = split ? m.candles.length - 1 : m.candles.length;
  const bodyKeys = [
    m.timeframe,
    pricePrecision,
    chartW,
    h,
    f.glyphs,
    layout?.min,
    layout?.max,
    layout?.gutter,
    layout?.newest,
  ];
  const body = cache.candles.get(m.candles, drawn, chartW, bodyKeys) ??
    cache.candles.set(m.candles, drawn, chartW, bodyKeys, candleBody(bodyInput, layout, drawn));
  const newest = split ? newestColumn(bodyInput, layout) : null;
  const marks = candleMarkers(body, {
    bid: showBook ? m.book.bestBid() : NaN,
    ask: showBook ? m.book.bestAsk() : NaN,
    orders: chartOrders(m.orders),
    height: h,
    glyphs: f.glyphs,
  });
  const chart: Line[] = new Array(h);
  for (let y = 0; y < h; y++) {
    const row = body.lines[y]!;
    const cell = newest?.[y];
    const mark = marks[y];
    chart[y] = cache.marked.get(y, row, cell, mark) ??
      cache.marked.set(y, row, cell, mark, withCells(row, chartW, cell, mark));
  }
  return { book, chart };
}
