/**
 * A frame drawn with the cache of the frames before it shows exactly what a frame drawn from scratch
 * shows, whatever changed in between: the book, the newest candle (in and out of the chart's range), a
 * new candle, an older candle changed in place, own orders, log lines, balances, the view and the size.
 */

import { assertEquals } from "../assert.ts";
import type { Candle } from "../../lib/core/mod.ts";
import type { MarketState } from "../../lib/engine/market_state.ts";
import type { LogRecord } from "../../lib/log/logger.ts";
import { COLOR_GLYPHS } from "../../lib/ui/glyphs.ts";
import { initialState, type UiState } from "../../lib/ui/state.ts";
import type { Line } from "../../lib/ui/style.ts";
import { type FrameInput, renderFrame } from "../../lib/ui/views/frame.ts";
import { FrameCache } from "../../lib/ui/views/frame_cache.ts";
import { candle, ETH_XBT, levels, market, order, seedBook, type TestOrder, VIEW } from "./fixtures.ts";

const MIN = 60_000;

/** Every cell as its character and role, so that frames split into spans differently compare alike. */
function cells(lines: readonly Line[]): string[] {
  return lines.map((l) => l.map((sp) => [...sp.text].map((ch) => `${ch}:${sp.role}`).join("|")).join("|"));
}

Deno.test("frame cache: every frame with the cache shows what the same frame from scratch shows", () => {
  const book = seedBook();
  const candles: Candle[] = [0, 1, 2, 3].map((k) =>
    candle(ETH_XBT, k * 15 * MIN, "0.0210", "0.0214", "0.0206", k % 2 ? "0.0208" : "0.0212")
  );
  const logs: LogRecord[] = [{
    time: 0,
    level: "info",
    source: "engine",
    message: "Loaded 4 candles of 15 min",
  }];
  let m: MarketState = market(book, { candles, balances: { ETH: "1.5", XBT: "0.25" }, lastMessageAt: 1 });
  let ui: UiState = { ...initialState(VIEW, 30), pair: ETH_XBT, pricePrecision: ETH_XBT.pricePrecision };
  let size = { width: 100, height: 30 };
  const cache = new FrameCache();
  let now = 1000;

  const steps: Array<[string, () => void]> = [
    ["the first frame", () => {}],
    ["nothing changed", () => {}],
    ["a book update", () => book.applyUpdate(levels(ETH_XBT, [["0.02099", "7"]]), [])],
    [
      "a level removed and one added",
      () => book.applyUpdate(levels(ETH_XBT, [["0.0209", "0"]]), levels(ETH_XBT, [["0.02102", "0.5"]])),
    ],
    [
      "the newest candle closes lower, inside the range",
      () => candles[3] = candle(ETH_XBT, 3 * 15 * MIN, "0.0210", "0.0214", "0.0206", "0.0207"),
    ],
    [
      "the newest candle makes a new high (the range grows)",
      () => candles[3] = candle(ETH_XBT, 3 * 15 * MIN, "0.0210", "0.0230", "0.0206", "0.0229"),
    ],
    [
      "a new candle",
      () => candles.push(candle(ETH_XBT, 4 * 15 * MIN, "0.0229", "0.0231", "0.0228", "0.0230")),
    ],
    [
      "an older candle changed in place, inside the range",
      () => candles[1] = candle(ETH_XBT, 1 * 15 * MIN, "0.0210", "0.0214", "0.0207", "0.0213"),
    ],
    [
      "an older candle changed in place, out of the range",
      () => candles[1] = candle(ETH_XBT, 1 * 15 * MIN, "0.0210", "0.0214", "0.0201", "0.0208"),
    ],
    ["own orders on book levels", () =>
      m = {
        ...m,
        orders: [order(ETH_XBT, "buy", "0.02099", "1"), order(ETH_XBT, "sell", "0.02103", "2", "pending")],
      }],
    ["an order changed in place in the same list", () => {
      (m.orders as TestOrder[])[0] = order(ETH_XBT, "buy", "0.0205", "1");
    }],
    [
      "a log line",
      () => logs.push({ time: 5000, level: "warn", source: "engine", message: "Connection stale" }),
    ],
    ["balances", () => m = { ...m, balances: { ETH: "2", XBT: "0.2" } }],
    ["the connection", () => m = { ...m, connection: "stale" }],
    ["seconds pass", () => now += 3000],
    ["the depth chart", () => ui = { ...ui, view: { ...ui.view, displayRight: "depth_chart" } }],
    ["a book update under the depth chart", () => book.applyUpdate([], levels(ETH_XBT, [["0.0211", "9"]]))],
    ["grouping and sums", () => ui = { ...ui, view: { ...ui.view, bookGroup: "0.0001", bookSum: true } }],
    ["the candle chart again", () => ui = { ...ui, view: { ...ui.view, displayRight: "history_chart" } }],
    ["a resize", () => size = { width: 120, height: 40 }],
    ["a smaller screen", () => size = { width: 60, height: 20 }],
    ["the book resyncing", () => m = { ...m, bookStatus: "resyncing" }],
    ["the book back", () => m = { ...m, bookStatus: "ok" }],
    ["the help box", () => ui = { ...ui, dialog: { kind: "help" } }],
  ];
  for (const [what, change] of steps) {
    change();
    const f: FrameInput = {
      ui,
      market: m,
      mainLog: logs,
      strategyLog: [],
      now,
      width: size.width,
      height: size.height,
      glyphs: COLOR_GLYPHS,
      offsetMinutes: 0,
    };
    assertEquals(cells(renderFrame(f, cache)), cells(renderFrame(f)), what);
  }
});
