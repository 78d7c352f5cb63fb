/** The F6 dialog's rules: which orders it lists, cursor and selection, what F8 cancels. */

import { isTerminal } from "../core/orders.ts";
import type { Action } from "./keymap.ts";
import type { CancelTarget, Effect } from "./msg.ts";
import type { PortOrder } from "./port.ts";
import type { ListItem, OrderList } from "./state.ts";

/** Rows of the dialog besides the items: two borders, a blank row above and below them, the help line. */
export const LIST_RESERVED = 5;

/** Dialog height as the original: min(items + 5, screen height - 4). */
export function listHeight(items: number, screenHeight: number): number {
  return Math.max(Math.min(items + LIST_RESERVED, screenHeight - 4), 0);
}

/** Item rows that fit (at least one, so the cursor always has a row). */
export function listRows(items: number, screenHeight: number): number {
  return Math.max(listHeight(items, screenHeight) - LIST_RESERVED, 1);
}

export function emptyList(): OrderList {
  return { kind: "orders", items: [], cursor: 0, top: 0, selected: [] };
}

/** Live orders by price, highest first (as the original); market orders, without a price, last. */
export function listItems(orders: readonly PortOrder[]): ListItem[] {
  const items: ListItem[] = [];
  for (const o of orders) {
    if (isTerminal(o.status)) continue;
    items.push({
      key: o.clientId !== "" ? o.clientId : o.id,
      cancelId: o.id !== "" ? o.id : o.clientId,
      side: o.side,
      price: o.price,
      qty: o.qty,
      filled: o.filled,
      status: o.status,
      owner: o.owner,
    });
  }
  return items.sort((a, b) => (b.price ?? -Infinity) - (a.price ?? -Infinity));
}

/** The list with fresh orders: the cursor stays on its order if it is still there, gone orders unselected. */
export function refreshList(list: OrderList, orders: readonly PortOrder[], screenHeight: number): OrderList {
  const items = listItems(orders);
  const current = list.items[list.cursor]?.key;
  const at = items.findIndex((i) => i.key === current);
  const cursor = at >= 0 ? at : Math.min(list.cursor, Math.max(items.length - 1, 0));
  const keys = new Set(items.map((i) => i.key));
  const selected = list.selected.filter((k) => keys.has(k));
  return scrolled({ ...list, items, cursor, selected }, screenHeight);
}

/** The list after a dialog action; null when the dialog closes. */
export function listAction(list: OrderList, action: Action, key: string, screenHeight: number): [
  OrderList | null,
  Effect[],
] {
  switch (action) {
    case "close":
      return [null, []];
    case "move":
      return [moveBy(list, key === "up" ? -1 : 1, screenHeight), []];
    case "select": {
      const item = list.items[list.cursor];
      if (item === undefined) return [list, []];
      const selected = list.selected.includes(item.key)
        ? list.selected.filter((k) => k !== item.key)
        : [...list.selected, item.key];
      return [moveBy({ ...list, selected }, 1, screenHeight), []];
    }
    case "cancel_orders": {
      const chosen = list.selected.length > 0
        ? list.items.filter((i) => list.selected.includes(i.key))
        : list.items.slice(list.cursor, list.cursor + 1);
      return [null, chosen.length > 0 ? [{ kind: "cancel", orders: chosen.map(target) }] : []];
    }
    default:
      return [list, []];
  }
}

function target(i: ListItem): CancelTarget {
  return { id: i.cancelId, side: i.side, price: i.price, qty: i.qty, filled: i.filled };
}

function moveBy(list: OrderList, delta: number, screenHeight: number): OrderList {
  if (list.items.length === 0) return list;
  const cursor = Math.max(0, Math.min(list.cursor + delta, list.items.length - 1));
  return scrolled({ ...list, cursor }, screenHeight);
}

/** Keeps the cursor row visible, scrolling as little as possible. */
export function scrolled(list: OrderList, screenHeight: number): OrderList {
  const rows = listRows(list.items.length, screenHeight);
  let top = Math.min(list.top, list.cursor);
  if (list.cursor - top >= rows) top = list.cursor - rows + 1;
  top = Math.max(0, Math.min(top, Math.max(list.items.length - rows, 0)));
  return top === list.top ? list : { ...list, top };
}
