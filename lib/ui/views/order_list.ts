/**
 * The F6 dialog as the original: " Cancel order(s) ", 45 wide (wider only when an order's columns need it),
 * centred, min(items + 5, screen height - 4) high; per order `*` when selected, bid/ask, price, volume
 * (remaining/total once partly filled), then the status unless open and the owner unless "ui".
 */

import { formatTicks, formatTicksShort } from "../../core/ticks.ts";
import { listHeight, listRows, scrolled } from "../order_list.ts";
import type { ListItem, OrderList, PairInfo } from "../state.ts";
import type { Line, Role, Span } from "../style.ts";
import { bordered, type Box, centred, place } from "./box.ts";

export const LIST_WIDTH = 45;
/** Columns of the original (window columns; the left border is column 0). */
const MARK_X = 2;
const SIDE_X = 5;
const PRICE_X = 9;
const VOLUME_X = 22;

interface Cells {
  readonly side: string;
  readonly price: string;
  readonly volume: string;
  readonly extra: string;
}

function cells(i: ListItem, pair: PairInfo): Cells {
  const q = (t: number) => formatTicksShort(t, pair.qtyPrecision);
  const extra = [i.status === "open" ? "" : i.status, i.owner === "ui" ? "" : i.owner].filter((s) =>
    s !== ""
  );
  return {
    side: i.side === "buy" ? "bid" : "ask",
    price: i.price === null ? "market" : formatTicks(i.price, pair.pricePrecision),
    volume: i.filled > 0 ? `${q(i.qty - i.filled)}/${q(i.qty)}` : q(i.qty),
    extra: extra.join(" "),
  };
}

export function orderListBox(list: OrderList, pair: PairInfo, width: number, height: number): Box {
  const view = scrolled(list, height);
  const all = view.items.map((i) => cells(i, pair));
  const priceW = Math.max(0, ...all.map((c) => c.price.length));
  const volumeX = Math.max(VOLUME_X, PRICE_X + priceW + 2);
  const volumeW = Math.max(0, ...all.map((c) => c.volume.length));
  const extraX = volumeX + volumeW + 2;
  const extraW = Math.max(0, ...all.map((c) => c.extra.length));
  const w = Math.min(Math.max(LIST_WIDTH, extraW > 0 ? extraX + extraW + 2 : extraX), Math.max(width, 0));
  const inner = Math.max(w - 2, 0);
  const at = (x: number, text: string, role: Role): readonly [number, Line] => [x - 1, [{ text, role }]];

  const boxH = listHeight(view.items.length, height);
  const rows = listRows(view.items.length, height);
  const body: Line[] = [place(inner, "list_text", [])];
  for (let r = 0; r < rows && view.top + r < view.items.length; r++) {
    const index = view.top + r;
    const c = all[index]!;
    const selected = view.selected.includes(view.items[index]!.key);
    const cursor = index === view.cursor;
    const role: Role = selected
      ? (cursor ? "list_selected_cursor" : "list_selected")
      : (cursor ? "list_cursor" : "list_text");
    body.push(place(inner, role, [
      at(MARK_X, selected ? "*" : "", role),
      at(SIDE_X, c.side, role),
      at(PRICE_X, c.price, role),
      at(volumeX, c.volume, role),
      at(extraX, c.extra, role),
    ]));
  }
  if (view.items.length === 0) {
    body.push(place(inner, "list_text", [at(MARK_X, "no open orders", "list_text")]));
  }
  while (body.length < boxH - 3) body.push(place(inner, "list_text", []));
  body.push(place(inner, "list_text", [[MARK_X - 1, help()]]));
  const lines = bordered(w, "list_text", " Cancel order(s) ", body.slice(0, Math.max(boxH - 2, 0)));
  return centred(lines, w, width, height);
}

/** `INS / = select F8 cancel selected F10 exit`: each key highlighted with the space after it, as the original. */
function help(): Line {
  const out: Span[] = [];
  for (const [k, d] of [["INS / =", "select"], ["F8", "cancel selected"], ["F10", "exit"]]) {
    out.push({ text: k + " ", role: "dialog_key" }, { text: d + " ", role: "list_text" });
  }
  return out;
}
