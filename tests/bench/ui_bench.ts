/**
 * One full UI frame at 200x60 with a 1000-level book and 500 candles: pure views plus the blessed paint
 * (cell copy, diff and escape output to a discarding stream). Target: ≤ 3 ms median.
 * Baseline in the same run: the paint alone of a frame of constant text (the floor any frame pays).
 * "key press to screen": a key through UiApp (update, effects, a full paint), which paints keys at once
 * (tests/ui/screen_test.ts asserts that no frame timer holds a key back). Target: ≤ 50 ms.
 * `deno run -A tests/bench/ui_bench.ts` prints the medians of 500 frames instead.
 */

import { PassThrough, Writable } from "node:stream";
import { loadTestConfig } from "../fixtures/venues.ts";
import { OrderBook } from "../../lib/book/mod.ts";
import type { Candle, PriceLevel } from "../../lib/core/mod.ts";
import type { MarketState } from "../../lib/engine/market_state.ts";
import type { LogRecord } from "../../lib/log/logger.ts";
import { UiApp } from "../../lib/ui/app.ts";
import { BlessedTerminal } from "../../lib/ui/blessed/screen.ts";
import { COLOR_GLYPHS } from "../../lib/ui/glyphs.ts";
import { initialState } from "../../lib/ui/state.ts";
import type { Line } from "../../lib/ui/style.ts";
import { renderFrame } from "../../lib/ui/views/frame.ts";
import { FrameCache } from "../../lib/ui/views/frame_cache.ts";
import { BTC_USD as INSTRUMENT } from "../fixtures/instruments.ts";

const W = 200;
const H = 60;
function side(start: number, step: number): PriceLevel[] {
  return Array.from(
    { length: 1000 },
    (_, i) => ({ price: start + i * step, qty: 1_000_000 + ((i * 7919) % 5_000_000) }),
  );
}

const book = new OrderBook(INSTRUMENT, 1000);
book.applySnapshot(side(599_990, -3), side(600_000, 3));
const candles: Candle[] = Array.from({ length: 500 }, (_, i) => {
  const mid = 600_000 + Math.round(Math.sin(i / 20) * 2000);
  return {
    time: i * 900_000,
    open: mid - 40,
    high: mid + 120,
    low: mid - 150,
    close: mid + 40,
    volume: 1,
    trades: 1,
  };
});
const logs: LogRecord[] = Array.from({ length: 200 }, (_, i) => ({
  time: i * 1000,
  level: "info",
  source: "engine",
  message: `line ${i}: something happened on the market, with a few words to wrap on narrow panes`,
}));
let version = 0;
const market = (): MarketState => ({
  venue: "sim",
  instrument: INSTRUMENT,
  book,
  bookStatus: "ok",
  candles,
  timeframe: 15,
  ticker: null,
  lastTrade: null,
  connection: "connected",
  connectionSince: 0,
  lastMessageAt: 1,
  balances: { BTC: "1.00000000", USD: "10000.00", ETH: "10.00000000" },
  orders: [],
  version: ++version,
});
const ui = initialState({
  displayRight: "history_chart",
  bookGroup: "0",
  bookSum: false,
  depthGroup: "1",
  depthSum: true,
  showStats: true,
  highlight: true,
  xtermTitle: false,
  filters: { ticker: true, depth: true, trade: true, tradeOwn: true },
});

/** A blessed terminal at W x H writing to a stream that discards everything. */
function discardingTerminal(): BlessedTerminal {
  const output = Object.assign(new Writable({ write: (_c, _e, cb) => cb() }), {
    columns: W,
    rows: H,
    isTTY: true,
  });
  const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => input });
  return new BlessedTerminal({ input, output, color: true, unicode: true });
}
const terminal = discardingTerminal();

/** The UI runtime on the same market: S toggles the cumulative volumes, a visible change every time. */
const iniDir = await Deno.makeTempDir({ prefix: "pytrader-ui-bench-" });
await Deno.writeTextFile(`${iniDir}/pytrader.ini`, "[pytrader]\nexchange = sim\npair = BTC/USD\n");
const app = new UiApp({
  terminal: discardingTerminal(),
  trader: {
    get state() {
      return market();
    },
    onChange: () => () => {},
  },
  config: await loadTestConfig(`${iniDir}/pytrader.ini`),
  save: (config) => Promise.resolve(config),
  glyphs: COLOR_GLYPHS,
});
app.start();
function keyPress(): void {
  app.dispatch({ kind: "key", key: "S" });
}

let tick = 0;
const depthUi = { ...ui, view: { ...ui.view, displayRight: "depth_chart" as const } };

/** As the app draws: with the cache of the frames before (parts whose inputs did not change are kept). */
const cache = new FrameCache();

function lines(switchChart: boolean): Line[] {
  return renderFrame({
    ui: switchChart && tick % 2 ? depthUi : ui,
    market: market(),
    mainLog: logs,
    strategyLog: logs,
    now: 2,
    width: W,
    height: H,
    glyphs: COLOR_GLYPHS,
    offsetMinutes: 0,
  }, cache);
}

/** A frame after the market moved: one book level changes, so the diff has something to write. */
function frame(): void {
  tick++;
  book.applyUpdate([{ price: 599_990, qty: 1_000_000 + (tick % 1000) }], []);
  terminal.paint(lines(false));
}

/** The worst case: the chart switches every frame (as after H/D or a resize), most cells change. */
function fullRedraw(): void {
  tick++;
  terminal.paint(lines(true));
}

const still = lines(false);
function paintUnchanged(): void {
  terminal.paint(still);
}

Deno.bench("paint alone: unchanged 200x60 frame", { group: "ui frame", baseline: true }, paintUnchanged);
Deno.bench("full frame 200x60: views + paint, 1000-level book, 500 candles", { group: "ui frame" }, frame);
Deno.bench("full frame 200x60, whole screen redrawn (chart switched)", { group: "ui frame" }, fullRedraw);
Deno.bench("views only, same frame", { group: "ui frame" }, () => {
  lines(false);
});
Deno.bench("key press to screen: S through update and a full paint", { group: "ui frame" }, keyPress);

let cleaned = false;
async function cleanUp(): Promise<void> {
  if (cleaned) return;
  cleaned = true;
  terminal.destroy();
  Deno.removeSync(iniDir, { recursive: true });
  await app.stop();
}
globalThis.addEventListener("unload", () => void cleanUp());

if (import.meta.main) {
  const median = (fn: () => void, n = 500): number => {
    for (let i = 0; i < 50; i++) fn();
    const t: number[] = [];
    for (let i = 0; i < n; i++) {
      const a = performance.now();
      fn();
      t.push(performance.now() - a);
    }
    t.sort((x, y) => x - y);
    return t[n >> 1]!;
  };
  const base = median(paintUnchanged);
  const full = median(frame);
  const worst = median(fullRedraw);
  const views = median(() => lines(false));
  const key = median(keyPress);
  const ms = (x: number) => `${x.toFixed(3)} ms median (${(x / base).toFixed(1)}x baseline)`;
  console.log(`paint alone, unchanged frame (baseline): ${base.toFixed(3)} ms median`);
  console.log(`full frame 200x60 (views + paint), market moved: ${ms(full)}; target ≤ 3 ms`);
  console.log(`full frame 200x60, whole screen redrawn: ${ms(worst)}`);
  console.log(`views only: ${ms(views)}`);
  console.log(`key press to screen: ${ms(key)}; target ≤ 50 ms`);
  await cleanUp();
}
