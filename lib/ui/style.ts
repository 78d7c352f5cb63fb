/**
 * Styled text as views produce it: a line is a list of spans, each with a role. Roles name what a span is
 * (a bid price, a rising candle body); the renderer maps them to colours, or to plain/bold/inverse text on
 * terminals without colour.
 */

export type Role =
  | "text"
  | "status"
  | "status_value"
  | "status_warn"
  | "status_bad"
  | "book_text"
  | "book_bid"
  | "book_ask"
  | "book_vol"
  | "book_vol_up"
  | "book_vol_down"
  | "book_own"
  | "chart_text"
  | "chart_up"
  | "chart_down"
  | "chart_up_body"
  | "chart_down_body"
  | "chart_doji"
  | "chart_bar"
  | "chart_bar_up"
  | "chart_bar_down"
  | "order_pending"
  | "con_text"
  | "con_buy"
  | "con_sell"
  | "con_warn"
  | "con_error"
  | "con_separator"
  | "dialog_text"
  | "dialog_title"
  | "dialog_key"
  | "dialog_disabled"
  | "order_buy"
  | "order_buy_key"
  | "order_sell"
  | "order_sell_key"
  | "order_field"
  | "order_cursor"
  | "list_text"
  | "list_cursor"
  | "list_selected"
  | "list_selected_cursor";

export const ROLES: readonly Role[] = [
  "text",
  "status",
  "status_value",
  "status_warn",
  "status_bad",
  "book_text",
  "book_bid",
  "book_ask",
  "book_vol",
  "book_vol_up",
  "book_vol_down",
  "book_own",
  "chart_text",
  "chart_up",
  "chart_down",
  "chart_up_body",
  "chart_down_body",
  "chart_doji",
  "chart_bar",
  "chart_bar_up",
  "chart_bar_down",
  "order_pending",
  "con_text",
  "con_buy",
  "con_sell",
  "con_warn",
  "con_error",
  "con_separator",
  "dialog_text",
  "dialog_title",
  "dialog_key",
  "dialog_disabled",
  "order_buy",
  "order_buy_key",
  "order_sell",
  "order_sell_key",
  "order_field",
  "order_cursor",
  "list_text",
  "list_cursor",
  "list_selected",
  "list_selected_cursor",
];

export interface Span {
  readonly text: string;
  readonly role: Role;
}

/** One screen row of a view. Every character is one cell wide (views only emit such characters). */
export type Line = readonly Span[];

export function span(text: string, role: Role): Span {
  return { text, role };
}

/** The plain text of a line. */
export function lineText(line: Line): string {
  let s = "";
  for (const sp of line) s += sp.text;
  return s;
}

export function lineWidth(line: Line): number {
  let n = 0;
  for (const sp of line) n += sp.text.length;
  return n;
}

/** Cuts or pads (with `fill`-role spaces) a line to exactly `width` cells. */
export function fit(line: Line, width: number, fill: Role = "text"): Line {
  if (fitsExactly(line, width)) return line;
  const out: Span[] = [];
  let n = 0;
  for (const sp of line) {
    if (n >= width) break;
    if (n + sp.text.length <= width) {
      if (sp.text.length > 0) out.push(sp);
      n += sp.text.length;
    } else {
      out.push({ text: sp.text.slice(0, width - n), role: sp.role });
      n = width;
    }
  }
  if (n < width) out.push({ text: spaces(width - n), role: fill });
  return out;
}

/** Exactly `width` cells and no empty span: `fit` would copy it as it is. */
function fitsExactly(line: Line, width: number): boolean {
  let n = 0;
  for (const sp of line) {
    if (sp.text.length === 0) return false;
    n += sp.text.length;
  }
  return n === width;
}

/** Puts `over` on top of `base` starting at column x; `base` must be at least x + width(over) wide. */
export function overlay(base: Line, x: number, over: Line): Line {
  const w = lineWidth(over);
  return [...slice(base, 0, x), ...over, ...slice(base, x + w, Infinity)];
}

/** The cells [from, to) of a line as spans. */
export function slice(line: Line, from: number, to: number): Span[] {
  const out: Span[] = [];
  let n = 0;
  for (const sp of line) {
    const a = Math.max(from, n);
    const b = Math.min(to, n + sp.text.length);
    if (b > a) {
      out.push(
        a === n && b === n + sp.text.length ? sp : { text: sp.text.slice(a - n, b - n), role: sp.role },
      );
    }
    n += sp.text.length;
    if (n >= to) break;
  }
  return out;
}

/** Joins cells given as parallel arrays of characters and roles into spans (runs of one role). */
export function runs(chars: readonly string[], roles: readonly Role[]): Line {
  const out: Span[] = [];
  let start = 0;
  for (let i = 1; i <= chars.length; i++) {
    if (i === chars.length || roles[i] !== roles[start]) {
      out.push({ text: chars.slice(start, i).join(""), role: roles[start]! });
      start = i;
    }
  }
  return out;
}

/** A blank line of `width` cells. */
export function blank(width: number, role: Role = "text"): Line {
  return width > 0 ? [{ text: spaces(width), role }] : [];
}

const SPACES: string[] = [];

/** `n` spaces; the same string every time for the widths a screen has. */
export function spaces(n: number): string {
  if (n > 1024) return " ".repeat(n);
  return SPACES[n] ??= " ".repeat(n);
}

/** Replaces control characters (and anything not one cell wide in common fonts) with "?". */
export function sanitize(text: string): string {
  // deno-lint-ignore no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, "?").replace(/[^\u0000-\u2fff]/gu, "?");
}
