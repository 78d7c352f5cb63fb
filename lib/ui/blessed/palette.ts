/** Role -> blessed cell attribute: (flags << 18) | (fg << 9) | bg, 0x1ff = the terminal's default colour. */

import { type Role, ROLES } from "../style.ts";

const DEFAULT = 0x1ff;
const BOLD = 1;
const UNDERLINE = 2;
const INVERSE = 8;

const BLACK = 0, RED = 1, GREEN = 2, YELLOW = 3, BLUE = 4, CYAN = 6, WHITE = 7;

function attr(fg: number, bg = DEFAULT, flags = 0): number {
  return (flags << 18) | (fg << 9) | bg;
}

/** Colours after the original's pairs (seed/inventory.md §1.2), on the terminal's own background. */
const COLOR: Record<Role, number> = {
  text: attr(DEFAULT),
  status: attr(DEFAULT),
  status_value: attr(DEFAULT, DEFAULT, BOLD),
  status_warn: attr(YELLOW, DEFAULT, BOLD),
  status_bad: attr(RED, DEFAULT, BOLD),
  book_text: attr(CYAN),
  book_bid: attr(GREEN),
  book_ask: attr(RED),
  book_vol: attr(CYAN),
  book_vol_up: attr(GREEN, DEFAULT, BOLD),
  book_vol_down: attr(RED, DEFAULT, BOLD),
  book_own: attr(YELLOW),
  chart_text: attr(DEFAULT),
  chart_up: attr(GREEN),
  chart_down: attr(RED),
  chart_up_body: attr(GREEN, DEFAULT, INVERSE),
  chart_down_body: attr(RED, DEFAULT, INVERSE),
  chart_doji: attr(DEFAULT, DEFAULT, BOLD),
  chart_bar: attr(CYAN, DEFAULT, INVERSE),
  chart_bar_up: attr(GREEN, DEFAULT, INVERSE | BOLD),
  chart_bar_down: attr(RED, DEFAULT, INVERSE | BOLD),
  order_pending: attr(RED),
  con_text: attr(DEFAULT),
  con_buy: attr(GREEN, DEFAULT, BOLD),
  con_sell: attr(RED, DEFAULT, BOLD),
  con_warn: attr(YELLOW),
  con_error: attr(RED, DEFAULT, BOLD),
  con_separator: attr(WHITE, BLUE),
  dialog_text: attr(WHITE, BLUE),
  dialog_title: attr(YELLOW, BLUE, BOLD),
  dialog_key: attr(BLUE, CYAN),
  dialog_disabled: attr(CYAN, BLUE),
  order_buy: attr(BLACK, GREEN),
  order_buy_key: attr(BLACK, GREEN, INVERSE),
  order_sell: attr(WHITE, RED),
  order_sell_key: attr(WHITE, RED, INVERSE),
  order_field: attr(WHITE, BLACK),
  order_cursor: attr(WHITE, BLACK, INVERSE),
  list_text: attr(CYAN, BLUE),
  list_cursor: attr(BLUE, CYAN),
  list_selected: attr(YELLOW, BLUE, BOLD),
  list_selected_cursor: attr(BLUE, YELLOW),
};

/** Without colour: bold, underline and reverse video only; the glyphs tell candle bodies apart. */
const MONO: Record<Role, number> = {
  ...Object.fromEntries(ROLES.map((r) => [r, attr(DEFAULT)])) as Record<Role, number>,
  status_value: attr(DEFAULT, DEFAULT, BOLD),
  status_warn: attr(DEFAULT, DEFAULT, BOLD),
  status_bad: attr(DEFAULT, DEFAULT, BOLD | INVERSE),
  book_vol_up: attr(DEFAULT, DEFAULT, BOLD),
  book_vol_down: attr(DEFAULT, DEFAULT, UNDERLINE),
  book_own: attr(DEFAULT, DEFAULT, BOLD),
  chart_bar: attr(DEFAULT, DEFAULT, INVERSE),
  chart_bar_up: attr(DEFAULT, DEFAULT, INVERSE | BOLD),
  chart_bar_down: attr(DEFAULT, DEFAULT, INVERSE | UNDERLINE),
  con_error: attr(DEFAULT, DEFAULT, BOLD),
  con_separator: attr(DEFAULT, DEFAULT, INVERSE),
  dialog_title: attr(DEFAULT, DEFAULT, BOLD),
  dialog_key: attr(DEFAULT, DEFAULT, INVERSE),
  order_buy_key: attr(DEFAULT, DEFAULT, INVERSE),
  order_sell_key: attr(DEFAULT, DEFAULT, INVERSE),
  order_field: attr(DEFAULT, DEFAULT, UNDERLINE),
  order_cursor: attr(DEFAULT, DEFAULT, INVERSE),
  list_cursor: attr(DEFAULT, DEFAULT, INVERSE),
  list_selected: attr(DEFAULT, DEFAULT, BOLD),
  list_selected_cursor: attr(DEFAULT, DEFAULT, INVERSE | BOLD),
};

export function palette(color: boolean): Readonly<Record<Role, number>> {
  return color ? COLOR : MONO;
}
