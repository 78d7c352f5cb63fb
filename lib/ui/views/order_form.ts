/**
 * The F4/F5 dialog as the original: 35 × 8, centred, bordered, " New buy order " black on green or
 * " New sell order " white on red; price and volume fields with the quote and base currency; the keys row.
 * A note (why a move or submit was refused) or the market order question adds rows above the keys row.
 */

import { FIELD_WIDTH, marketQuestion } from "../order_form.ts";
import type { OrderForm, PairInfo } from "../state.ts";
import type { Line, Role } from "../style.ts";
import { bordered, type Box, centred, place } from "./box.ts";
import { wrap } from "./console.ts";

export const FORM_WIDTH = 35;
const FIELD_X = 10;
const CURRENCY_X = 30;

export function orderFormBox(form: OrderForm, pair: PairInfo, width: number, height: number): Box {
  const buy = form.side === "buy";
  const role: Role = buy ? "order_buy" : "order_sell";
  const keyRole: Role = buy ? "order_buy_key" : "order_sell_key";
  const w = FORM_WIDTH - 2;
  // Body columns are one less than the original's window columns (the left border is column 0).
  const row = (parts: ReadonlyArray<readonly [number, Line]>) =>
    place(w, role, parts.map(([x, l]) => [x - 1, l]));
  const text = (t: string): Line => [{ text: t, role }];
  const key = (t: string): Line => [{ text: t, role: keyRole }];
  const note = form.confirm ? marketQuestion(form, pair) : form.note;
  const body: Line[] = [
    row([]),
    row([[2, text(" price")], [FIELD_X, field(form, "price")], [CURRENCY_X, text(pair.quote)]]),
    row([]),
    row([[2, text("volume")], [FIELD_X, field(form, "volume")], [CURRENCY_X, text(pair.base)]]),
    row([]),
  ];
  if (note !== null) {
    for (const l of wrap(note, w - 2)) body.push(row([[2, text(l)]]));
    body.push(row([]));
  }
  const keys = form.confirm
    ? [key("Esc "), text("no "), key("Enter "), text("yes")]
    : [key("F10 "), text("cancel "), key("Enter "), text("submit")];
  body.push(row([[2, keys.flat()]]));
  const title = buy ? " New buy order " : " New sell order ";
  return centred(bordered(FORM_WIDTH, role, title, body), FORM_WIDTH, width, height);
}

/** An edit field: the text, the cursor cell when focused (not at the market order question), the rest. */
function field(form: OrderForm, which: "price" | "volume"): Line {
  const t = form[which];
  const cursor = form.focus === which && !form.confirm;
  const out: Line = [{ text: t, role: "order_field" }];
  const rest = FIELD_WIDTH - t.length - (cursor ? 1 : 0);
  return [
    ...out,
    ...(cursor ? [{ text: " ", role: "order_cursor" as const }] : []),
    ...(rest > 0 ? [{ text: " ".repeat(rest), role: "order_field" as const }] : []),
  ];
}
