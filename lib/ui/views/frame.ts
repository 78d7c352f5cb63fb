/** One whole screen: status lines, book, chart, the two log panes and any open dialog. */

import type { MarketState } from "../../engine/market_state.ts";
import type { LogRecord } from "../../log/logger.ts";
import type { Glyphs } from "../glyphs.ts";
import { computeLayout } from "../layout.ts";
import { bookNotice, bookRows, chartOrders, depthRows, groupLabel, statusInput } from "../select.ts";
import type { UiState } from "../state.ts";
import { blank, fit, type Line } from "../style.ts";
import { bookCapacity, bookView } from "./book.ts";
import { candleView } from "./candles.ts";
import { consoleView } from "./console.ts";
import { depthView } from "./depth.ts";
import { drawBox } from "./box.ts";
import { helpBox } from "./help.ts";
import { orderFormBox } from "./order_form.ts";
import { orderListBox } from "./order_list.ts";
import { statusView } from "./status.ts";

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

export function renderFrame(f: FrameInput): Line[] {
  const L = computeLayout(f.width, f.height);
  const out: Line[] = [];
  const m = f.market;
  if (m === null) {
    out.push(fit([{ text: f.startingText ?? "Starting…", role: "status_warn" }], L.width, "status"));
    out.push(blank(L.width, "status"));
  } else {
    out.push(...statusView(statusInput(m, f.ui.view, f.now, L.width)));
  }
  out.length = L.status.height;

  const mid = middle(f, L.book.width, L.chart.width, L.book.height);
  for (let y = 0; y < L.book.height; y++) out.push([...mid.book[y]!, ...mid.chart[y]!]);

  const con = L.mainConsole;
  const strat = L.strategyConsole;
  const main = consoleView({
    records: f.mainLog,
    width: con.width,
    height: con.height,
    offsetMinutes: f.offsetMinutes,
  });
  const side = consoleView({
    records: f.strategyLog,
    width: strat.width,
    height: strat.height,
    offsetMinutes: f.offsetMinutes,
    strategy: true,
  });
  const gap = blank(strat.x - con.width);
  for (let y = 0; y < con.height; y++) out.push([...main[y]!, ...gap, ...(side[y] ?? [])]);

  const lines = out.slice(0, L.height).map((l) => fit(l, L.width));
  const d = f.ui.dialog;
  const pair = f.ui.pair;
  if (d?.kind === "help") drawBox(lines, helpBox(L.width, L.height, f.ui.scroll, f.ui.trading));
  else if (d?.kind === "order" && pair) drawBox(lines, orderFormBox(d, pair, L.width, L.height));
  else if (d?.kind === "orders" && pair) drawBox(lines, orderListBox(d, pair, L.width, L.height));
  return lines;
}

function middle(f: FrameInput, bookW: number, chartW: number, h: number): { book: Line[]; chart: Line[] } {
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
  const book = bookView({
    asks: showBook ? bookRows(m, view, "ask", cap.asks) : [],
    bids: showBook ? bookRows(m, view, "bid", cap.bids) : [],
    pricePrecision,
    qtyPrecision,
    width: bookW,
    height: h,
    notice,
    label: groupLabel(view.bookGroup, pricePrecision, "book"),
  });
  if (view.displayRight === "depth_chart") {
    const chart = depthView({
      asks: showBook ? depthRows(m, view, "ask", cap.asks) : [],
      bids: showBook ? depthRows(m, view, "bid", cap.bids) : [],
      pricePrecision,
      width: chartW,
      height: h,
      glyphs: f.glyphs,
      label: groupLabel(view.depthGroup, pricePrecision, "depth"),
    });
    return { book, chart };
  }
  const chart = candleView({
    candles: m.candles,
    timeframe: m.timeframe,
    pricePrecision,
    bid: showBook ? m.book.bestBid() : NaN,
    ask: showBook ? m.book.bestAsk() : NaN,
    orders: chartOrders(m.orders),
    width: chartW,
    height: h,
    glyphs: f.glyphs,
  });
  return { book, chart };
}
