/** The real blessed UI rendered into a headless xterm: what a person sees after key presses. */

import { assert, assertEquals } from "../assert.ts";
import type { MarketState } from "../../lib/engine/market_state.ts";
import { FakeTimers } from "../net/fake_timers.ts";
import { open } from "./harness.ts";
import { eventually } from "../eventually.ts";

async function iniValue(path: string, key: string): Promise<string | undefined> {
  const text = await Deno.readTextFile(path);
  return new RegExp(`^${key} = (.*)$`, "m").exec(text)?.[1];
}

Deno.test("screen: first frame has the status lines, the book and the candle chart with labels", async () => {
  const h = await open();
  const s = await h.t.screen();
  assert(s[1]!.startsWith("connected, last message 0 s ago | book: ok | sum_bid: 0.20429 XBT"), s[1]);
  // 30 rows: consoles of 9, book of 19 rows (2..20), middle row 2 + 9 = 11
  assertEquals(s[10]!.slice(0, 40).trimEnd(), "    0.02101      1.00000000");
  assertEquals(s[12]!.slice(0, 40).trimEnd(), "    0.02099      1.00000000");
  assert(s.some((r) => r.slice(40).trimStart().startsWith("0.0212")), "a y label of the candle chart");
  // the main log pane (rows 21..29) shows the newest line at the bottom
  assert(s[29]!.includes("Loaded 4 candles of 15 min"), s[29]);
  await h.close();
});

Deno.test("screen: D shows the depth chart and saves depth_chart in the ini; H goes back", async () => {
  const h = await open();
  h.t.press("D");
  // depth bins at 0.0001: asks 0.02110 and 0.02150 above the middle row (row 11)
  const s = await h.t.waitFor((s) => s[10]!.slice(40).startsWith("0.02110 "), "the depth chart");
  assert(h.t.inverse(48, 10), "a depth bar starts after the price label");
  assert(s[9]!.slice(40).startsWith("0.02150 "));
  await eventually(
    async () => (await iniValue(h.ini, "display_right")) === "depth_chart",
    "the ini to say depth_chart",
  );
  h.t.press("H");
  await h.t.waitFor((s) => !s[10]!.slice(40).startsWith("0.02110"), "the candle chart again");
  await eventually(
    async () => (await iniValue(h.ini, "display_right")) === "history_chart",
    "history_chart saved",
  );
  await h.close();
});

Deno.test("screen: - twice groups the book at 0.0001; + zooms back in", async () => {
  const h = await open();
  h.t.press("-");
  h.t.press("-");
  const s = await h.t.waitFor((s) => s[9]!.startsWith("    0.02110      5.00000000"), "grouped asks");
  assertEquals(s[13]!.slice(0, 40).trimEnd(), "    0.02090      2.00000000");
  assert(!s.some((r) => r.startsWith("    0.02103")), "0.02103 is inside the 0.0211 bin");
  await eventually(
    async () => (await iniValue(h.ini, "orderbook_group")) === "0.0001",
    "orderbook_group saved",
  );
  h.t.press("+");
  h.t.press("+");
  await h.t.waitFor((s) => s[9]!.startsWith("    0.02103      2.00000000"), "ungrouped again");
  await h.close();
});

Deno.test("screen: S makes the volumes cumulative and saves it", async () => {
  const h = await open();
  h.t.press("S");
  const s = await h.t.waitFor((s) => s[7]!.startsWith("    0.02150     10.00000000"), "cumulative asks");
  assertEquals(s[15]!.slice(0, 40).trimEnd(), "    0.02000     10.00000000");
  await eventually(
    async () => (await iniValue(h.ini, "orderbook_sum_total")) === "True",
    "orderbook_sum_total saved",
  );
  await h.close();
});

Deno.test("screen: ? shows the key table, Esc closes it; unknown keys change nothing", async () => {
  const h = await open();
  h.t.press("?");
  const s = await h.t.waitFor((s) => s.some((r) => r.includes(" Keys ")), "the help box");
  assert(s.some((r) => r.includes("depth chart on the right")));
  h.t.press("\x1b");
  await h.t.waitFor((s) => !s.some((r) => r.includes(" Keys ")), "the help box to close");
  const before = await h.t.screen();
  h.t.press("Z");
  h.t.press("\x1bOQ"); // F2
  h.t.press("!");
  h.feed.changed();
  await eventually(() => h.app.frames > 0, "a frame");
  assertEquals((await h.t.screen()).slice(0, 20), before.slice(0, 20));
  await h.close();
});

Deno.test("screen: q restores the terminal: normal buffer, cursor shown, raw mode off", async () => {
  const h = await open();
  assertEquals(h.t.term.buffer.active.type, "alternate");
  assert(h.t.input.isRaw);
  h.t.press("q");
  await h.done;
  await h.t.screen();
  assertEquals(h.t.term.buffer.active.type, "normal");
  assert(!h.t.input.isRaw, "raw mode is off");
  await h.close();
});

Deno.test("screen: Ctrl-C quits like q", async () => {
  const h = await open();
  h.t.press("\x03");
  await h.done;
  assertEquals(h.app.state.quitting, true);
  await h.close();
});

Deno.test("screen: resize redraws at the new size and keeps the log lines", async () => {
  const h = await open({ cols: 100, rows: 30 });
  h.t.resize(120, 40);
  // 40 rows: consoles of 12, book rows 2..27, middle row 2 + 13 = 15
  const s = await h.t.waitFor((s) => s[14]!.startsWith("    0.02101"), "the book at the new size");
  assert(s.some((r) => r.includes("Loaded 4 candles of 15 min")), "the log line survived");
  h.t.resize(80, 24);
  await h.t.waitFor((s) => s[8]!.startsWith("    0.02101"), "the book at 80x24");
  // 200x60: consoles of 19 rows, book rows 2..40, middle row 21
  h.t.resize(200, 60);
  const big = await h.t.waitFor((s) => s[20]!.startsWith("    0.02101"), "the book at 200x60");
  assert(big[59]!.includes("Loaded 4 candles of 15 min"), "the log line at the bottom of the main pane");
  await h.close();
});

Deno.test("screen: without colour the screen is still readable (no colours, bodies as glyphs)", async () => {
  const h = await open({ color: false });
  const s = await h.t.screen();
  assertEquals(h.t.fg(4, 10), -1);
  assert(s.some((r) => /[░█]/.test(r.slice(40))), "candle bodies drawn as glyphs");
  await h.close();
});

Deno.test("screen: colour marks bids green and asks red", async () => {
  const h = await open();
  assertEquals(h.t.fg(4, 10), 1);
  assertEquals(h.t.fg(4, 12), 2);
  await h.close();
});

Deno.test("screen: paints at most 20 frames a second however fast the market changes", async () => {
  const timers = new FakeTimers();
  const h = await open({ frameTimers: timers });
  const start = h.app.frames;
  // 2,000 changes a second for one second of the frame clock: 20 changes every 10 ms
  for (let ms = 0; ms < 1000; ms += 10) {
    for (let i = 0; i < 20; i++) h.feed.changed();
    timers.advance(10);
  }
  // one frame every 50 ms: as many as allowed (the screen keeps up), and no more
  assertEquals(h.app.frames - start, 20);
  await h.close();
});

Deno.test("screen: a key press is painted at once, not held back by the frame rate", async () => {
  const timers = new FakeTimers();
  const h = await open({ frameTimers: timers });
  h.feed.changed(); // a market paint now waits for the frame clock, which stands still
  const frames = h.app.frames;
  h.t.press("S");
  await h.t.waitFor((s) => s[7]!.startsWith("    0.02150     10.00000000"), "cumulative asks");
  assertEquals(h.app.frames, frames + 1, "one frame, painted for the key");
  await h.close();
});

Deno.test("screen: a crash while painting restores the terminal and rejects runUi", async () => {
  const h = await open();
  const broken = { ...h.feed.state, candles: null as unknown as MarketState["candles"] };
  h.feed.state = broken;
  h.feed.changed();
  let error: unknown;
  await h.done.catch((e) => error = e);
  assert(error instanceof TypeError, String(error));
  await h.t.screen();
  assertEquals(h.t.term.buffer.active.type, "normal");
  assert(!h.t.input.isRaw);
  h.t.dispose();
});

Deno.test("screen: refresh repaints cells that something outside the UI erased (Deno's progress line)", async () => {
  const h = await open();
  const before = await h.t.waitFor((s) => s[3]!.trim() !== "", "the first frame");
  // What Deno writes when a Worker loads code with its progress line on: column 0, erase line and below.
  h.t.term.write("\x1b[4;1H\x1b[0G\x1b[2K\x1b[J");
  await h.t.waitFor((s) => s[3] === "" && s[10] === "", "the rows erased");
  h.app.refresh();
  const after = await h.t.waitFor(
    (s) => s[3] === before[3] && s[10] === before[10],
    "the rows painted again",
  );
  assertEquals(after.slice(2, 12), before.slice(2, 12));
  await h.close();
});

Deno.test("screen: the group size is on the middle row of the book and of the depth chart, as zoom changes it", async () => {
  const h = await open();
  // 30 rows: the middle row is row 11
  const middle = async (from: number, to: number) => (await h.t.screen())[11]!.slice(from, to).trim();
  await eventually(async () => await middle(0, 40) === "group: none", "the book's group (none)");
  h.t.press("-");
  h.t.press("-");
  await eventually(async () => await middle(0, 40) === "group: 0.0001", "the book's group 0.0001");
  h.t.press("D");
  // the harness's ini says depth_chart_group = 0.0001
  await eventually(async () => await middle(40, 100) === "bins: 0.0001", "the depth chart's bins");
  h.t.press(".");
  await eventually(async () => await middle(40, 100) === "bins: 0.00005", "smaller bins");
  await h.close();
});

Deno.test("screen: every cell is written after the first paint and after a resize, blank ones too", async () => {
  // A capture (tmux capture-pane) keeps a row up to its last written cell: a bar followed only by cells the
  // terminal merely cleared was cut off there with the row's trailing spaces.
  const h = await open({ cols: 100, rows: 30 });
  const written = async (cols: number) => (await h.t.screen()).every((r) => r.length === cols);
  await eventually(() => written(100), "every cell of the first frame written");
  h.t.resize(90, 26);
  await eventually(() => written(90), "every cell written after the resize");
  await h.close();
});
