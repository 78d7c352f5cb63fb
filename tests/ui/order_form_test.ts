/** The F4/F5 dialog: input rules and the picture, exact text and roles. */

import { assertEquals } from "../assert.ts";
import type { Instrument } from "../../lib/core/instrument.ts";
import {
  FIELD_WIDTH,
  isZeroText,
  newForm,
  priceProblem,
  tidy,
  typeChar,
  volumeProblem,
} from "../../lib/ui/order_form.ts";
import type { OrderForm } from "../../lib/ui/state.ts";
import { orderFormBox } from "../../lib/ui/views/order_form.ts";
import { BTC_USD, ETH_XBT, texts } from "./fixtures.ts";
import { roleAt } from "./picture.ts";

const typed = (keys: string, decimals: number, start = "") =>
  [...keys].reduce((t, ch) => typeChar(t, ch, decimals), start);

Deno.test("typeChar: digits and one dot only, as the original drops the rest: abc1.5 gives 1.5", () => {
  assertEquals(typed("abc1.5", 5), "1.5");
  assertEquals(typed("1,5 -e+", 5), "15");
  assertEquals(typed("1.2.3", 5), "1.23");
});

Deno.test("typeChar: at most the instrument's decimals; none at all for 0 decimals", () => {
  assertEquals(typed("0.0209999", 5), "0.02099");
  assertEquals(typed("1.123456789", 8), "1.12345678");
  assertEquals(typed("12.5", 0), "125");
});

Deno.test("typeChar: a dot first reads 0., no leading zeros, the field length is the limit", () => {
  assertEquals(typed(".5", 5), "0.5");
  assertEquals(typed("007", 5), "7");
  assertEquals(typed("0.007", 5), "0.007");
  assertEquals(typed("9".repeat(30), 8).length, FIELD_WIDTH - 1);
});

Deno.test("tidy, isZeroText: a dangling dot is dropped; empty and zero are market prices", () => {
  assertEquals([tidy("1."), tidy("1.5"), tidy("")], ["1", "1.5", ""]);
  assertEquals(["", "0", "0.000", "0.01"].map(isZeroText), [true, true, true, false]);
});

const STEP: Instrument = { ...BTC_USD, priceIncrement: 5 };

Deno.test("priceProblem / volumeProblem: price increment, zero volume, too large", () => {
  assertEquals(priceProblem("100.2", STEP), "Price must be a multiple of 0.5 USD");
  assertEquals(priceProblem("100.5", STEP), null);
  assertEquals(priceProblem("", STEP), null);
  assertEquals(priceProblem("0", STEP), null);
  assertEquals(priceProblem("9".repeat(19), STEP), "Price is too large");
  assertEquals(volumeProblem("", ETH_XBT), "Volume must be above 0");
  assertEquals(volumeProblem("0.0", ETH_XBT), "Volume must be above 0");
  assertEquals(volumeProblem("0.00000001", ETH_XBT), null);
  assertEquals(volumeProblem("9".repeat(12), ETH_XBT), "Volume is too large");
});

function box(form: Partial<OrderForm>, side: "buy" | "sell" = "buy", width = 35, height = 8) {
  return orderFormBox({ ...newForm(side), ...form }, ETH_XBT, width, height);
}

Deno.test("order dialog view: 35 x 8 as the original, price in the quote and volume in the base currency", () => {
  const b = box({ price: "0.0209", volume: "1.5", focus: "volume" });
  assertEquals([b.x, b.y], [0, 0]);
  assertEquals(texts(b.lines), [
    "┌ New buy order ──────────────────┐",
    "│                                 │",
    "│  price  0.0209              XBT │",
    "│                                 │",
    "│ volume  1.5                 ETH │",
    "│                                 │",
    "│ F10 cancel Enter submit         │",
    "└─────────────────────────────────┘",
  ]);
  const title = b.lines[0]!;
  assertEquals([roleAt(title, 0), roleAt(title, 2)], ["order_buy", "order_buy"]);
  const keys = b.lines[6]!;
  assertEquals([roleAt(keys, 2), roleAt(keys, 6), roleAt(keys, 13), roleAt(keys, 19)], [
    "order_buy_key",
    "order_buy",
    "order_buy_key",
    "order_buy",
  ]);
  // fields from window column 10, 20 cells; the cursor right after the focused field's text
  assertEquals([roleAt(b.lines[2]!, 10), roleAt(b.lines[2]!, 16), roleAt(b.lines[2]!, 29)], [
    "order_field",
    "order_field",
    "order_field",
  ]);
  assertEquals([roleAt(b.lines[4]!, 12), roleAt(b.lines[4]!, 13), roleAt(b.lines[4]!, 30)], [
    "order_field",
    "order_cursor",
    "order_buy",
  ]);
});

Deno.test("order dialog view: the sell dialog is white on red and centred on the screen", () => {
  const b = box({}, "sell", 100, 30);
  assertEquals([b.x, b.y], [32, 11]);
  assertEquals(texts(b.lines)[0], "┌ New sell order ─────────────────┐");
  assertEquals(roleAt(b.lines[0]!, 3), "order_sell");
  assertEquals(roleAt(b.lines[2]!, 10), "order_cursor");
});

Deno.test("order dialog view: the market question and a refusal grow the dialog above the keys row", () => {
  assertEquals(texts(box({ volume: "0.5", focus: "volume", confirm: true }, "sell").lines), [
    "┌ New sell order ─────────────────┐",
    "│                                 │",
    "│  price                      XBT │",
    "│                                 │",
    "│ volume  0.5                 ETH │",
    "│                                 │",
    "│ Market sell 0.5 ETH at the best │",
    "│ price? Enter = yes, Esc = no    │",
    "│                                 │",
    "│ Esc no Enter yes                │",
    "└─────────────────────────────────┘",
  ]);
  const note = 'Cannot place order on "ETH/XBT": volume 0.00001 is below the minimum 0.0001';
  assertEquals(texts(box({ price: "0.0209", volume: "0.00001", focus: "volume", note }).lines).slice(5, 11), [
    "│                                 │",
    "│ Cannot place order on           │",
    '│ "ETH/XBT": volume 0.00001 is    │',
    "│ below the minimum 0.0001        │",
    "│                                 │",
    "│ F10 cancel Enter submit         │",
  ]);
});
