/** The F6 dialog's picture: exact text and the original's colours for cursor and selection. */

import { assertEquals } from "../assert.ts";
import { listItems } from "../../lib/ui/order_list.ts";
import type { OrderList } from "../../lib/ui/state.ts";
import { orderListBox } from "../../lib/ui/views/order_list.ts";
import { ownOrder } from "./fake_engine.ts";
import { ETH_XBT, texts } from "./fixtures.ts";
import { roleAt } from "./picture.ts";

const ORDERS = [
  ownOrder(ETH_XBT, "buy", "0.0205", "3"),
  ownOrder(ETH_XBT, "sell", "0.0215", "2", { id: "", status: "pending" }),
  ownOrder(ETH_XBT, "sell", "0.0211", "1"),
  ownOrder(ETH_XBT, "buy", "0.02", "0.5", { status: "unknown" }),
];

function list(extra: Partial<OrderList> = {}, orders = ORDERS): OrderList {
  return { kind: "orders", items: listItems(orders), cursor: 0, top: 0, selected: [], ...extra };
}

Deno.test("order list view: 45 wide, items + 5 high, centred; *, bid/ask, price, volume, status", () => {
  const b = orderListBox(list({ cursor: 1, selected: ["c-sell-0.0211", "c-buy-0.0205"] }), ETH_XBT, 100, 30);
  assertEquals([b.x, b.y, b.lines.length], [27, 10, 9]);
  assertEquals(texts(b.lines), [
    "┌ Cancel order(s) ──────────────────────────┐",
    "│                                           │",
    "│    ask 0.02150      2    pending          │",
    "│ *  ask 0.02110      1                     │",
    "│ *  bid 0.02050      3                     │",
    "│    bid 0.02000      0.5  unknown          │",
    "│                                           │",
    "│ INS / = select F8 cancel selected F10 exit│",
    "└───────────────────────────────────────────┘",
  ]);
  assertEquals(b.lines.slice(2, 6).map((l) => roleAt(l, 10)), [
    "list_text",
    "list_selected_cursor",
    "list_selected",
    "list_text",
  ]);
  assertEquals(roleAt(b.lines[0]!, 5), "list_text");
  assertEquals([roleAt(b.lines[7]!, 2), roleAt(b.lines[7]!, 10), roleAt(b.lines[7]!, 17)], [
    "dialog_key",
    "list_text",
    "dialog_key",
  ]);
});

Deno.test("order list view: the cursor row is highlighted across the dialog", () => {
  const b = orderListBox(list(), ETH_XBT, 45, 20);
  for (const x of [1, 4, 30, 43]) assertEquals(roleAt(b.lines[2]!, x), "list_cursor");
  assertEquals(roleAt(b.lines[2]!, 0), "list_text");
});

Deno.test("order list view: remaining/total once partly filled, owners other than the UI; wider when needed", () => {
  const orders = [
    ownOrder(ETH_XBT, "sell", "0.0211", "2", { filled: 50_000_000, owner: "strategy:balancer" }),
    ownOrder(ETH_XBT, "buy", "0.0205", "1", { owner: "foreign" }),
  ];
  const b = orderListBox(list({ cursor: 5 }, orders), ETH_XBT, 80, 24);
  assertEquals(texts(b.lines), [
    "┌ Cancel order(s) ─────────────────────────────┐",
    "│                                              │",
    "│    ask 0.02110      1.5/2  strategy:balancer │",
    "│    bid 0.02050      1      foreign           │",
    "│                                              │",
    "│ INS / = select F8 cancel selected F10 exit   │",
    "└──────────────────────────────────────────────┘",
  ]);
});

Deno.test("order list view: an empty list says so in the original's 5 rows", () => {
  assertEquals(texts(orderListBox(list({}, []), ETH_XBT, 45, 24).lines), [
    "┌ Cancel order(s) ──────────────────────────┐",
    "│                                           │",
    "│ no open orders                            │",
    "│ INS / = select F8 cancel selected F10 exit│",
    "└───────────────────────────────────────────┘",
  ]);
});

Deno.test("order list view: at most the screen height - 4 rows; the list scrolls to the cursor", () => {
  // 10 rows: a 6-row dialog with one item row
  const b = orderListBox(list({ cursor: 2, top: 2 }), ETH_XBT, 45, 10);
  assertEquals(texts(b.lines), [
    "┌ Cancel order(s) ──────────────────────────┐",
    "│                                           │",
    "│    bid 0.02050      3                     │",
    "│                                           │",
    "│ INS / = select F8 cancel selected F10 exit│",
    "└───────────────────────────────────────────┘",
  ]);
  // a cursor below the visible rows (after a resize) is scrolled into view
  assertEquals(
    texts(orderListBox(list({ cursor: 3 }), ETH_XBT, 45, 10).lines)[2],
    "│    bid 0.02000      0.5  unknown          │",
  );
});
