import { assertEquals } from "../assert.ts";
import { initialState, type UiState } from "../../lib/ui/state.ts";
import { type Effect, stepGroup, update } from "../../lib/ui/update.ts";
import { GROUP_LIST, ORDERBOOK_GROUP_LIST } from "../../lib/config/mod.ts";
import { ETH_XBT, VIEW } from "./fixtures.ts";

function keys(state: UiState, ...ks: string[]): [UiState, Effect[]] {
  let effects: Effect[] = [];
  for (const key of ks) {
    const [next, e] = update(state, { kind: "key", key });
    state = next;
    effects = [...effects, ...e];
  }
  return [state, effects];
}

const start = (pricePrecision = 5): UiState =>
  update(initialState(VIEW), { kind: "instrument", instrument: { ...ETH_XBT, pricePrecision } })[0];

Deno.test("update: D and H switch the chart and save display_right", () => {
  const [s, e] = keys(start(), "D");
  assertEquals(s.view.displayRight, "depth_chart");
  assertEquals(e, [{ kind: "save", key: "display_right", value: "depth_chart" }]);
  const [s2, e2] = keys(s, "H");
  assertEquals(s2.view.displayRight, "history_chart");
  assertEquals(e2, [{ kind: "save", key: "display_right", value: "history_chart" }]);
});

Deno.test("update: S and T toggle the sums and save True/False", () => {
  const [s, e] = keys(start(), "S", "T", "S");
  assertEquals([s.view.bookSum, s.view.depthSum], [false, false]);
  assertEquals(e.map((x) => x.kind === "save" ? `${x.key}=${x.value}` : x.kind), [
    "orderbook_sum_total=True",
    "depth_chart_sum_total=False",
    "orderbook_sum_total=False",
  ]);
});

Deno.test("update: - and + zoom the book, skipping sizes that group like the current one", () => {
  // At 5 decimals 0.00000001 .. 0.00001 are all "one tick or less": the first real group is 0.00005.
  const [s] = keys(start(5), "-");
  assertEquals(s.view.bookGroup, "0.00005");
  const [s2, e2] = keys(s, "-");
  assertEquals(s2.view.bookGroup, "0.0001");
  assertEquals(e2, [{ kind: "save", key: "orderbook_group", value: "0.0001" }]);
  // + comes back the same way, down to no grouping ("0"), not to a one-tick size that looks grouped
  const [s3] = keys(s2, "+", "+");
  assertEquals(s3.view.bookGroup, "0");
  // zooming in from "no grouping" wraps to the largest size, as the original did; - wraps back to none
  const [s4] = keys(start(5), "+");
  assertEquals(s4.view.bookGroup, "100");
  assertEquals(keys(s4, "-")[0].view.bookGroup, "0");
});

/** Every group a key visits from `from`, pressing it until the sizes repeat. */
function cycle(state: UiState, key: string, pick: (s: UiState) => string): string[] {
  const seen: string[] = [];
  for (let s = state; !seen.includes(pick(s)); s = keys(s, key)[0]) seen.push(pick(s));
  return seen;
}

Deno.test("update: both zoom directions visit the same sizes, the book's including none (BTC/USD, 1 decimal)", () => {
  const s = start(1);
  const book = (x: UiState) => x.view.bookGroup;
  const out = cycle(s, "-", book);
  assertEquals(out, ["0", "0.5", "1", "5", "10", "20", "50", "100"]);
  assertEquals(cycle(s, "+", book), ["0", ...out.slice(1).reverse()]);
  const depth = (x: UiState) => x.view.depthGroup;
  const bins = cycle(keys(s, ",")[0], ",", depth);
  assertEquals(bins, ["0.5", "1", "5", "10", "20", "50", "100", "0.1"]);
  assertEquals(new Set(cycle(keys(s, ",")[0], ".", depth)), new Set(bins));
});

Deno.test("update: , and . zoom the depth chart through its list", () => {
  const [s] = keys(start(5), ",");
  assertEquals(s.view.depthGroup, "0.00005");
  const [s2] = keys(s, ".", ".");
  assertEquals(s2.view.depthGroup, "100");
});

Deno.test("stepGroup: without a known precision, plain list order; unknown values go to the first entry", () => {
  assertEquals(stepGroup(ORDERBOOK_GROUP_LIST, "0", 1, null), "0.00000001");
  assertEquals(stepGroup(GROUP_LIST, "100", 1, null), "0.00000001");
  assertEquals(stepGroup(GROUP_LIST, "0.0003", 1, null), "0.00000001");
  assertEquals(stepGroup(ORDERBOOK_GROUP_LIST, "1", 1, 1), "5");
  assertEquals(stepGroup(ORDERBOOK_GROUP_LIST, "0.5", -1, 1), "0");
  assertEquals(stepGroup(ORDERBOOK_GROUP_LIST, "0.1", -1, 1), "100");
  assertEquals(stepGroup(GROUP_LIST, "100", 1, 1), "0.1");
  assertEquals(stepGroup(GROUP_LIST, "0.00000001", 1, 1), "0.5");
});

Deno.test("update: ? opens the help, Esc/F10/q close it, other keys do nothing while it is open", () => {
  const [open] = keys(start(), "?");
  assertEquals(open.dialog, { kind: "help" });
  const [still, e] = keys(open, "D", "S", "-", "x");
  assertEquals(still.view, open.view);
  assertEquals(e, []);
  for (const k of ["escape", "f10", "q", "f1"]) assertEquals(keys(open, k)[0].dialog, null);
  const [scrolled] = keys(open, "down", "down", "up");
  assertEquals(scrolled.scroll, 1);
  assertEquals(keys(start(), "f1")[0].dialog, { kind: "help" });
});

Deno.test("update: q and Ctrl-C quit; Ctrl-C quits from a dialog too", () => {
  assertEquals(keys(start(), "q")[1], [{ kind: "quit" }]);
  assertEquals(keys(start(), "C-c")[1], [{ kind: "quit" }]);
  const [s, e] = keys(start(), "?", "C-c");
  assertEquals([s.quitting, e], [true, [{ kind: "quit" }]]);
  assertEquals(keys(s, "D")[1], []);
});

Deno.test("update: letters go to strategies, l reloads, unknown keys are ignored quietly", () => {
  assertEquals(keys(start(), "b", "s", "l")[1], [
    { kind: "strategy_key", key: "b" },
    { kind: "strategy_key", key: "s" },
    { kind: "reload_strategies" },
  ]);
  const [s, e] = keys(start(), "Z", "f2", "enter", "!", "X");
  assertEquals([s, e], [start(), []]);
});

Deno.test("update: without an order engine F4/F5/F6 say why in the log and open nothing", () => {
  const why = "view-only, no exchange account: add one with pytrader --add-secret, or start with --paper";
  for (const k of ["f4", "f5", "f6"]) {
    const [s, e] = keys(start(), k);
    assertEquals(s.dialog, null);
    assertEquals(e, [{ kind: "notice", message: `${k.toUpperCase()}: ${why}` }]);
  }
});
