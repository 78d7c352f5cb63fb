/** F4/F5 order dialogs and the F6 order list, driven by keys through the real blessed UI and a fake engine. */

import { assert, assertEquals } from "../assert.ts";
import { FakeEngine, ownOrder } from "./fake_engine.ts";
import { ETH_XBT } from "./fixtures.ts";
import { type Harness, open } from "./harness.ts";
import { eventually } from "../eventually.ts";

const F4 = "\x1bOS";
const F5 = "\x1b[15~";
const F6 = "\x1b[17~";
const F8 = "\x1b[19~";
const F10 = "\x1b[21~";
const ESC = "\x1b";
const ENTER = "\r";

/** Waits until the main log has a record with exactly this message (the pane wraps long lines). */
async function logged(h: Harness, message: string): Promise<void> {
  await eventually(() => h.sink.records().some((r) => r.message === message), `log: ${message}`);
}

const has = (text: string) => (s: string[]) => s.some((r) => r.includes(text));
const lacks = (text: string) => (s: string[]) => !s.some((r) => r.includes(text));

Deno.test("screen: F4, price, Enter, volume, Enter submits once with the typed decimals; the order shows as own", async () => {
  const engine = new FakeEngine(ETH_XBT);
  const h = await open({ engine });
  h.t.press(F4);
  await h.t.waitFor(has(" New buy order "), "the buy dialog");
  h.t.press("0.0209");
  await h.t.waitFor(has(" price  0.0209"), "the price typed");
  h.t.press(ENTER);
  h.t.press("x1.5");
  await h.t.waitFor(has("volume  1.5 "), "the volume typed, x dropped");
  h.t.press(ENTER);
  await h.t.waitFor(lacks(" New buy order "), "the dialog to close");
  assertEquals(engine.submits, [{ side: "buy", price: "0.0209", volume: "1.5", owner: "ui" }]);
  // 30 rows: book rows 2..20, middle row 11; the 0.0209 bid is the second bid (row 13)
  await h.t.waitFor(
    (s) => s[13]!.slice(0, 40).trimEnd() === "    0.02090      2.00000000 1.50000000p",
    "pending own",
  );
  engine.settle("ui-1", "open");
  await h.t.waitFor(
    (s) => s[13]!.slice(0, 40).trimEnd() === "    0.02090      2.00000000 1.50000000o",
    "open own",
  );
  assertEquals(engine.submits.length, 1);
  await h.close();
});

Deno.test("screen: the buy dialog is black on green, the sell dialog white on red, centred 35 x 8", async () => {
  const h = await open({ engine: new FakeEngine(ETH_XBT) });
  h.t.press(F4);
  let s = await h.t.waitFor(has(" New buy order "), "the buy dialog");
  // 100 x 30: x = (100 - 35) / 2 = 32, y = (30 - 8) / 2 = 11
  assertEquals(s[11]!.slice(32, 67), "┌ New buy order ──────────────────┐");
  assertEquals(s[18]!.slice(32, 67), "└─────────────────────────────────┘");
  assertEquals(s[17]!.slice(32, 67), "│ F10 cancel Enter submit         │");
  assertEquals([h.t.fg(34, 11), h.t.bg(34, 11)], [0, 2]);
  h.t.press(ESC);
  await h.t.waitFor(lacks(" New buy order "), "Esc to close it");
  h.t.press(F5);
  s = await h.t.waitFor(has(" New sell order "), "the sell dialog");
  assertEquals(s[13]!.slice(32, 67), "│  price                      XBT │");
  assertEquals(s[15]!.slice(32, 67), "│ volume                      ETH │");
  assertEquals([h.t.fg(34, 11), h.t.bg(34, 11)], [7, 1]);
  h.t.press(F10);
  await h.t.waitFor(lacks(" New sell order "), "F10 to close it");
  assertEquals(engine(h).submits, []);
  await h.close();
});

function engine(h: { feed: { engine: FakeEngine | null } }): FakeEngine {
  return h.feed.engine!;
}

Deno.test("screen: an empty price asks before a market order; Enter = yes sends it with no price", async () => {
  const e = new FakeEngine(ETH_XBT);
  const h = await open({ engine: e });
  h.t.press(F5);
  await h.t.waitFor(has(" New sell order "), "the sell dialog");
  h.t.press(ENTER);
  h.t.press("0.5");
  h.t.press(ENTER);
  await h.t.waitFor(has("Market sell 0.5 ETH at the best"), "the question");
  assertEquals(e.submits, []);
  h.t.press(ENTER);
  await h.t.waitFor(lacks(" New sell order "), "the dialog to close");
  assertEquals(e.submits, [{ side: "sell", price: null, volume: "0.5", owner: "ui" }]);
  await h.close();
});

Deno.test("screen: a refused order keeps the dialog open with the reason, also in the log", async () => {
  const e = new FakeEngine(ETH_XBT);
  const reason = 'Cannot place order on "ETH/XBT": volume 0.00001 is below the minimum 0.0001';
  e.deny = reason;
  const h = await open({ engine: e });
  h.t.press(F4);
  await h.t.waitFor(has(" New buy order "), "the buy dialog");
  h.t.press("0.0209");
  h.t.press(ENTER);
  h.t.press("0.00001");
  h.t.press(ENTER);
  const s = await h.t.waitFor(has("below the minimum 0.0001"), "the reason in the dialog");
  assert(s.some((r) => r.includes(" New buy order ")), "the dialog stays open");
  assert(h.sink.records().some((r) => r.level === "warn" && r.message === reason), "the reason in the log");
  assertEquals(e.submits, []);
  h.t.press(ESC);
  await h.t.waitFor(lacks(" New buy order "), "Esc to close it");
  await h.close();
});

Deno.test("screen: F6 lists own orders by price; = = selects two, F8 cancels exactly those and closes", async () => {
  const e = new FakeEngine(ETH_XBT, [
    ownOrder(ETH_XBT, "buy", "0.0205", "3"),
    ownOrder(ETH_XBT, "sell", "0.0211", "1"),
    ownOrder(ETH_XBT, "sell", "0.0215", "2", { status: "pending", id: "" }),
  ]);
  const h = await open({ engine: e });
  h.t.press(F6);
  // 3 orders: 45 x 8 at x 27, y 11
  let s = await h.t.waitFor(has(" Cancel order(s) "), "the order list");
  assertEquals(s.slice(11, 19).map((r) => r.slice(27, 72)), [
    "┌ Cancel order(s) ──────────────────────────┐",
    "│                                           │",
    "│    ask 0.02150      2  pending            │",
    "│    ask 0.02110      1                     │",
    "│    bid 0.02050      3                     │",
    "│                                           │",
    "│ INS / = select F8 cancel selected F10 exit│",
    "└───────────────────────────────────────────┘",
  ]);
  h.t.press("=");
  h.t.press("\x1b[2~"); // INS
  s = await h.t.waitFor((s) => s[14]!.slice(27, 72).startsWith("│ *  ask 0.02110"), "two selected");
  assert(s[13]!.slice(27, 72).startsWith("│ *  ask 0.02150"));
  assert(s[15]!.slice(27, 72).startsWith("│    bid 0.02050"));
  h.t.press(F8);
  await h.t.waitFor(lacks(" Cancel order(s) "), "the list to close");
  assertEquals(e.cancels, ["c-sell-0.0215", "O-sell-0.0211"]);
  await logged(h, "Canceling 2 orders");
  await h.close();
});

Deno.test("screen: F6, Down, F8 cancels the highlighted order; Esc, F10 and q close the list", async () => {
  const e = new FakeEngine(ETH_XBT, [
    ownOrder(ETH_XBT, "buy", "0.0205", "3"),
    ownOrder(ETH_XBT, "sell", "0.0211", "1"),
  ]);
  const h = await open({ engine: e });
  for (const close of [ESC, F10, "q"]) {
    h.t.press(F6);
    await h.t.waitFor(has(" Cancel order(s) "), "the order list");
    h.t.press(close);
    await h.t.waitFor(lacks(" Cancel order(s) "), `${JSON.stringify(close)} to close the list`);
  }
  assert(!h.app.state.quitting, "q closed the list, not the program");
  h.t.press(F6);
  await h.t.waitFor(has(" Cancel order(s) "), "the order list");
  h.t.press("\x1b[B");
  await eventually(
    () => h.app.state.dialog?.kind === "orders" && h.app.state.dialog.cursor === 1,
    "the cursor down",
  );
  h.t.press(F8);
  await h.t.waitFor(lacks(" Cancel order(s) "), "the list to close");
  assertEquals(e.cancels, ["O-buy-0.0205"]);
  await h.close();
});

Deno.test("screen: view-only F4/F5/F6 open nothing and say why in the log; with an account balances show", async () => {
  const h = await open();
  h.t.press(F4);
  await h.t.waitFor(has("F4: view-only, no exchange account"), "the reason in the log");
  assertEquals(h.app.state.dialog, null);
  await h.close();
  const t = await open({ engine: new FakeEngine(ETH_XBT), balances: { ETH: "10.5", XBT: "0.25" } });
  await t.t.waitFor((s) => s[0]!.includes("Account: 10.5 ETH + 0.25 XBT"), "the balances");
  await t.close();
});
