/** The F4/F5 dialog's rules: what typing does, when the focus may move, when Enter submits. */

import type { Side } from "../core/orders.ts";
import { formatTicksShort, parseTicks } from "../core/ticks.ts";
import type { Action } from "./keymap.ts";
import type { Effect } from "./msg.ts";
import type { OrderForm, PairInfo } from "./state.ts";

/** Cells of an edit field (as the original); the last one is kept for the cursor. */
export const FIELD_WIDTH = 20;

export function newForm(side: Side): OrderForm {
  return { kind: "order", side, price: "", volume: "", focus: "price", confirm: false, note: null };
}

/**
 * `text` after typing `ch`: digits and one dot, at most `decimals` decimals, no leading zeros. Anything
 * else leaves the text as it was (the original dropped such characters too). A dot first gives "0.".
 */
export function typeChar(text: string, ch: string, decimals: number): string {
  if (text.length >= FIELD_WIDTH - 1) return text;
  const dot = text.indexOf(".");
  if (ch === ".") {
    if (dot >= 0 || decimals <= 0) return text;
    return text === "" ? "0." : text + ".";
  }
  if (ch.length !== 1 || ch < "0" || ch > "9") return text;
  if (dot >= 0 && text.length - dot - 1 >= decimals) return text;
  return text === "0" ? ch : text + ch;
}

/** Drops a dangling dot: "1." is 1. */
export function tidy(text: string): string {
  return text.endsWith(".") ? text.slice(0, -1) : text;
}

/** Empty or zero ("", "0", "0.00"): as a price, a market order. */
export function isZeroText(text: string): boolean {
  return !/[1-9]/.test(text);
}

/** Why a price cannot be sent, or null; empty or zero is fine (market order). */
export function priceProblem(text: string, pair: PairInfo): string | null {
  const t = tidy(text);
  if (isZeroText(t)) return null;
  let ticks: number;
  try {
    ticks = parseTicks(t, pair.pricePrecision);
  } catch {
    return "Price is too large";
  }
  const inc = pair.priceIncrement;
  if (inc > 1 && ticks % inc !== 0) {
    return `Price must be a multiple of ${formatTicksShort(inc, pair.pricePrecision)} ${pair.quote}`;
  }
  return null;
}

/** Why a volume cannot be sent, or null. */
export function volumeProblem(text: string, pair: PairInfo): string | null {
  const t = tidy(text);
  if (isZeroText(t)) return "Volume must be above 0";
  try {
    parseTicks(t, pair.qtyPrecision);
  } catch {
    return "Volume is too large";
  }
  return null;
}

/** The market order question, shown before a market order is sent. */
export function marketQuestion(form: OrderForm, pair: PairInfo): string {
  return `Market ${form.side} ${tidy(form.volume)} ${pair.base} at the best price? Enter = yes, Esc = no`;
}

/** The form after a dialog action; null when the dialog closes. */
export function formAction(
  form: OrderForm,
  action: Action,
  key: string,
  pair: PairInfo,
): [OrderForm | null, Effect[]] {
  if (form.confirm) {
    if (action === "enter") {
      return [form, [{ kind: "submit", side: form.side, price: null, volume: tidy(form.volume) }]];
    }
    return [action === "close" ? { ...form, confirm: false } : form, []];
  }
  switch (action) {
    case "close":
      return [null, []];
    case "type":
    case "backspace": {
      const text = form[form.focus];
      const next = action === "type"
        ? typeChar(text, key, form.focus === "price" ? pair.pricePrecision : pair.qtyPrecision)
        : text.slice(0, -1);
      return [next === text ? form : { ...form, [form.focus]: next, note: null }, []];
    }
    case "move":
    case "next_field":
      return [form.focus === "price" ? leavePrice(form, pair) : { ...form, focus: "price", note: null }, []];
    case "enter":
      return form.focus === "price" ? [leavePrice(form, pair), []] : submit(form, pair);
    default:
      return [form, []];
  }
}

/** To the volume, only with a valid price. */
function leavePrice(form: OrderForm, pair: PairInfo): OrderForm {
  const problem = priceProblem(form.price, pair);
  if (problem !== null) return { ...form, note: problem };
  return { ...form, price: tidy(form.price), focus: "volume", note: null };
}

function submit(form: OrderForm, pair: PairInfo): [OrderForm, Effect[]] {
  const priceIssue = priceProblem(form.price, pair);
  if (priceIssue !== null) return [{ ...form, focus: "price", note: priceIssue }, []];
  const volumeIssue = volumeProblem(form.volume, pair);
  const tidied = { ...form, price: tidy(form.price), volume: tidy(form.volume) };
  if (volumeIssue !== null) return [{ ...tidied, note: volumeIssue }, []];
  if (isZeroText(tidied.price)) return [{ ...tidied, confirm: true, note: null }, []];
  return [{ ...tidied, note: null }, [{
    kind: "submit",
    side: form.side,
    price: tidied.price,
    volume: tidied.volume,
  }]];
}
