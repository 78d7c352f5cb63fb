/** The order dialogs driven by key messages through `update`. */

import { assertEquals } from "../assert.ts";
import type { Instrument } from "../../lib/core/instrument.ts";
import { initialState, type OrderForm, type OrderList, type UiState } from "../../lib/ui/state.ts";
import { type Effect, type Msg, update } from "../../lib/ui/update.ts";
import { ownOrder } from "./fake_engine.ts";
import { BTC_USD, ETH_XBT, VIEW } from "./fixtures.ts";

function run(state: UiState, ...msgs: Array<string | Msg>): [UiState, Effect[]] {
  let effects: Effect[] = [];
  for (const m of msgs) {
    const [next, e] = update(state, typeof m === "string" ? { kind: "key", key: m } : m);
    state = next;
    effects = [...effects, ...e];
  }
  return [state, effects];
}

/** Keys from text: each character is a key. */
const chars = (text: string) => [...text];

function trading(instrument: Instrument = ETH_XBT, screenHeight = 30): UiState {
  return run(
    initialState(VIEW, screenHeight),
    { kind: "instrument", instrument },
    { kind: "trading", available: true },
  )[0];
}

function form(s: UiState): OrderForm {
  if (s.dialog?.kind !== "order") throw new Error(`no order dialog: ${JSON.stringify(s.dialog)}`);
  return s.dialog;
}

function list(s: UiState): OrderList {
  if (s.dialog?.kind !== "orders") throw new Error(`no order list: ${JSON.stringify(s.dialog)}`);
  return s.dialog;
}

Deno.test("order dialog: F4 opens a buy form on the price, F5 a sell form", () => {
  assertEquals(form(run(trading(), "f4")[0]), {
    kind: "order",
    side: "buy",
    price: "",
    volume: "",
    focus: "price",
    confirm: false,
    note: null,
  });
  assertEquals(form(run(trading(), "f5")[0]).side, "sell");
});

Deno.test("order dialog: typing abc1.5 gives 1.5; decimals beyond the instrument's are refused", () => {
  const [s] = run(trading(), "f4", ...chars("abc1.5"));
  assertEquals(form(s).price, "1.5");
  const [p] = run(trading(), "f4", ...chars("0.020995"));
  assertEquals(form(p).price, "0.02099");
  const [v] = run(p, "enter", ...chars("1.123456789"));
  assertEquals(form(v).volume, "1.12345678");
  const [b] = run(v, "backspace", "backspace");
  assertEquals(form(b).volume, "1.123456");
});

Deno.test("order dialog: Enter, Tab, Up and Down leave the price only when it is valid", () => {
  const step = { ...BTC_USD, priceIncrement: 5 };
  for (const k of ["enter", "tab", "down", "up"]) {
    const [bad] = run(trading(step), "f4", ...chars("100.2"), k);
    assertEquals([form(bad).focus, form(bad).note], ["price", "Price must be a multiple of 0.5 USD"]);
    const [fixed] = run(bad, "backspace", "5", k);
    assertEquals([form(fixed).focus, form(fixed).note, form(fixed).price], ["volume", null, "100.5"]);
  }
  // from the volume every move goes back to the price
  for (const k of ["tab", "up", "down"]) {
    assertEquals(form(run(trading(), "f4", "enter", k)[0]).focus, "price");
  }
});

Deno.test("order dialog: a dangling dot is dropped when the price is left", () => {
  assertEquals(form(run(trading(), "f4", ...chars("1."), "enter")[0]).price, "1");
});

Deno.test("order dialog: Enter on the volume submits the typed decimals and nothing else", () => {
  const [s, e] = run(trading(), "f4", ...chars("0.0209"), "enter", ...chars("1.5"), "enter");
  assertEquals(e, [{ kind: "submit", side: "buy", price: "0.0209", volume: "1.5" }]);
  assertEquals(s.dialog?.kind, "order", "open until the engine has answered");
  assertEquals(run(s, { kind: "submitted" })[0].dialog, null);
});

Deno.test("order dialog: Enter on an empty volume refuses with a note, typing clears it", () => {
  const [s, e] = run(trading(), "f5", ...chars("0.0215"), "enter", "enter");
  assertEquals([e, form(s).note], [[], "Volume must be above 0"]);
  assertEquals(form(run(s, "1")[0]).note, null);
});

Deno.test("order dialog: an empty or 0 price asks to confirm a market order; Esc = no, Enter = yes", () => {
  for (const price of ["", "0", "0.000"]) {
    const [asked, none] = run(trading(), "f4", ...chars(price), "enter", ...chars("0.5"), "enter");
    assertEquals([form(asked).confirm, none], [true, []]);
    // at the question, typing does nothing; Esc goes back to the form, which stays open
    const [back] = run(asked, "7", "escape");
    assertEquals([form(back).confirm, form(back).volume], [false, "0.5"]);
    const [, sent] = run(back, "enter", "enter");
    assertEquals(sent, [{ kind: "submit", side: "buy", price: null, volume: "0.5" }]);
  }
});

Deno.test("order dialog: a refusal shows in the dialog, which stays open to fix the order", () => {
  const [s] = run(trading(), "f4", ...chars("0.0209"), "enter", ...chars("0.00001"), "enter");
  const [denied] = run(s, { kind: "denied", message: "Cannot place order: volume too small" });
  assertEquals([form(denied).note, form(denied).volume], ["Cannot place order: volume too small", "0.00001"]);
  const [, e] = run(denied, "backspace", "backspace", "backspace", "backspace", "1", "enter");
  assertEquals(e, [{ kind: "submit", side: "buy", price: "0.0209", volume: "0.01" }]);
});

Deno.test("order dialog: q, Esc and F10 cancel it; Ctrl-C quits; other keys are dropped", () => {
  for (const k of ["q", "escape", "f10"]) assertEquals(run(trading(), "f4", "1", k)[0].dialog, null);
  const [q, e] = run(trading(), "f4", "C-c");
  assertEquals([q.quitting, e], [true, [{ kind: "quit" }]]);
  const [s, none] = run(trading(), "f4", "D", "S", "-", "=", "f6", "insert", "f8");
  assertEquals([form(s).price, s.view, none], ["", VIEW, []]);
});

Deno.test("order dialogs need the market: before the instrument is known F4 and F6 say so", () => {
  const s = run(initialState(VIEW), { kind: "trading", available: true })[0];
  assertEquals(run(s, "f4")[1], [{ kind: "notice", message: "F4: the market is not loaded yet" }]);
  assertEquals(run(s, "f6")[1], [{ kind: "notice", message: "F6: the market is not loaded yet" }]);
});

const ORDERS = [
  ownOrder(ETH_XBT, "buy", "0.0205", "3"),
  ownOrder(ETH_XBT, "sell", "0.0215", "2", { id: "", status: "pending" }),
  ownOrder(ETH_XBT, "sell", "0.0211", "1"),
  ownOrder(ETH_XBT, "buy", "0.0200", "1", { status: "canceled" }),
];

function opened(screenHeight = 30): UiState {
  const [s, e] = run(trading(ETH_XBT, screenHeight), "f6");
  assertEquals(e, [{ kind: "load_orders" }]);
  return run(s, { kind: "orders", orders: ORDERS })[0];
}

Deno.test("order list: live orders by price, highest first; cancel by venue id, else client id", () => {
  const l = list(opened());
  assertEquals(l.items.map((i) => [i.side, i.price, i.cancelId]), [
    ["sell", 2150, "c-sell-0.0215"],
    ["sell", 2110, "O-sell-0.0211"],
    ["buy", 2050, "O-buy-0.0205"],
  ]);
  assertEquals([l.cursor, l.top, l.selected], [0, 0, []]);
});

Deno.test("order list: = and INS toggle and move down; F8 cancels exactly the selected ones and closes", () => {
  const [s] = run(opened(), "=", "insert");
  assertEquals([list(s).selected, list(s).cursor], [["c-sell-0.0215", "c-sell-0.0211"], 2]);
  const [closed, e] = run(s, "f8");
  assertEquals(closed.dialog, null);
  assertEquals(e.map((x) => x.kind === "cancel" ? x.orders.map((o) => o.id) : x.kind), [[
    "c-sell-0.0215",
    "O-sell-0.0211",
  ]]);
  // toggling twice unselects
  const [u] = run(opened(), "=", "up", "=");
  assertEquals(list(u).selected, []);
});

Deno.test("order list: F8 with nothing selected cancels the highlighted order; on an empty list it closes", () => {
  const [s, e] = run(opened(), "down", "down", "down", "up", "f8");
  assertEquals(s.dialog, null);
  assertEquals(e, [{
    kind: "cancel",
    orders: [{ id: "O-sell-0.0211", side: "sell", price: 2110, qty: 100_000_000, filled: 0 }],
  }]);
  const [empty] = run(trading(), "f6", { kind: "orders", orders: [] });
  assertEquals(list(empty).items, []);
  assertEquals(run(empty, "=", "down", "f8"), [{ ...empty, dialog: null }, []]);
});

Deno.test("order list: Esc, F10 and q close it without cancelling", () => {
  for (const k of ["escape", "f10", "q"]) {
    const [s, e] = run(opened(), "=", k);
    assertEquals([s.dialog, s.quitting, e], [null, false, []]);
  }
});

Deno.test("order list: the cursor scrolls the list when it has more orders than rows", () => {
  // 10 rows: the dialog is min(3 + 5, 10 - 4) = 6 high, one item row
  const [s] = run(opened(10), "down");
  assertEquals([list(s).cursor, list(s).top], [1, 1]);
  const [t] = run(s, "down", "down", "up");
  assertEquals([list(t).cursor, list(t).top], [1, 1]);
  const [u] = run(t, "up");
  assertEquals([list(u).cursor, list(u).top], [0, 0]);
  // growing the screen shows them all again
  const [big] = run(t, { kind: "resize", height: 30 });
  assertEquals(list(big).top, 0);
});

Deno.test("order list: fresh orders keep the cursor on its order and drop the gone ones from the selection", () => {
  const [s] = run(opened(), "=", "=");
  assertEquals(list(s).cursor, 2);
  const fewer = [ORDERS[0]!, ORDERS[2]!, ownOrder(ETH_XBT, "sell", "0.0300", "1")];
  const [r] = run(s, { kind: "orders", orders: fewer });
  assertEquals(list(r).items.map((i) => i.price), [3000, 2110, 2050]);
  assertEquals([list(r).cursor, list(r).selected], [2, ["c-sell-0.0211"]]);
});
