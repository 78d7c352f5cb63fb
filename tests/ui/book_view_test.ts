import { assertEquals } from "../assert.ts";
import { parseTicks } from "../../lib/core/ticks.ts";
import { bookRows } from "../../lib/ui/select.ts";
import { bookCapacity, bookView } from "../../lib/ui/views/book.ts";
import { ETH_XBT, levels, market, order, seedBook, texts, VIEW } from "./fixtures.ts";
import { roleAt } from "./picture.ts";
import type { ViewSettings } from "../../lib/ui/state.ts";
import type { MarketState } from "../../lib/engine/market_state.ts";

function render(m: MarketState, view: Partial<ViewSettings>, height = 12): string[] {
  return texts(lines(m, view, height));
}

function lines(m: MarketState, view: Partial<ViewSettings>, height = 12) {
  const v = { ...VIEW, ...view };
  const cap = bookCapacity(height);
  return bookView({
    asks: bookRows(m, v, "ask", cap.asks),
    bids: bookRows(m, v, "bid", cap.bids),
    pricePrecision: m.instrument.pricePrecision,
    qtyPrecision: m.instrument.qtyPrecision,
    width: 40,
    height,
  });
}

// seed/inventory.md §1.4, window height 12, with exact decimals at the instrument's precision.
Deno.test("book view: ungrouped per-level volumes, asks above and bids below an empty middle row", () => {
  assertEquals(render(market(seedBook()), {}), [
    "",
    "",
    "    0.02150      4.00000000",
    "    0.02110      3.00000000",
    "    0.02103      2.00000000",
    "    0.02101      1.00000000",
    "",
    "    0.02099      1.00000000",
    "    0.02090      2.00000000",
    "    0.02050      3.00000000",
    "    0.02000      4.00000000",
    "",
  ]);
});

Deno.test("book view: S shows cumulative volumes from the best price outward", () => {
  assertEquals(render(market(seedBook()), { bookSum: true }), [
    "",
    "",
    "    0.02150     10.00000000",
    "    0.02110      6.00000000",
    "    0.02103      3.00000000",
    "    0.02101      1.00000000",
    "",
    "    0.02099      1.00000000",
    "    0.02090      3.00000000",
    "    0.02050      6.00000000",
    "    0.02000     10.00000000",
    "",
  ]);
});

Deno.test("book view: group 0.0001 puts the 0.0209 level in the 0.0209 bin (the original's floats said 0.0208)", () => {
  assertEquals(render(market(seedBook()), { bookGroup: "0.0001" }), [
    "",
    "",
    "",
    "    0.02150      4.00000000",
    "    0.02110      5.00000000",
    "    0.02101      1.00000000",
    "",
    "    0.02099      1.00000000",
    "    0.02090      2.00000000",
    "    0.02050      3.00000000",
    "    0.02000      4.00000000",
    "",
  ]);
});

Deno.test("book view: group 0.0005", () => {
  assertEquals(render(market(seedBook()), { bookGroup: "0.0005" }), [
    "",
    "",
    "",
    "",
    "    0.02150      9.00000000",
    "    0.02101      1.00000000",
    "",
    "    0.02099      1.00000000",
    "    0.02050      5.00000000",
    "    0.02000      4.00000000",
    "",
    "",
  ]);
});

Deno.test("book view: own volume in its row (also the exact first row), o / p marker, blank where none", () => {
  const m = market(seedBook(), {
    orders: [
      order(ETH_XBT, "sell", "0.02101", "0.25"),
      order(ETH_XBT, "sell", "0.02105", "0.5"),
      order(ETH_XBT, "buy", "0.02095", "1.5", "pending"),
      order(ETH_XBT, "buy", "0.0205", "9", "canceled"),
    ],
  });
  assertEquals(render(m, { bookGroup: "0.0001" }), [
    "",
    "",
    "",
    "    0.02150      4.00000000",
    "    0.02110      5.00000000 0.50000000o",
    "    0.02101      1.00000000 0.25000000o",
    "",
    "    0.02099      1.00000000",
    "    0.02090      2.00000000 1.50000000p",
    "    0.02050      3.00000000",
    "    0.02000      4.00000000",
    "",
  ]);
});

Deno.test("book view: the last changed level is highlighted up or down, only when highlight_changes is on", () => {
  const book = seedBook();
  book.applyUpdate(levels(ETH_XBT, [["0.0209", "2.5"]]), []);
  const m = market(book);
  assertEquals(roleAt(lines(m, {})[8]!, 20), "book_vol_up");
  assertEquals(roleAt(lines(m, { bookGroup: "0.0005" })[8]!, 20), "book_vol_up");
  assertEquals(roleAt(lines(m, { highlight: false })[8]!, 20), "book_vol");
  book.applyUpdate([], levels(ETH_XBT, [["0.0211", "1"]]));
  assertEquals(roleAt(lines(m, {})[3]!, 20), "book_vol_down");
  assertEquals(roleAt(lines(m, {})[3]!, 4), "book_ask");
});

Deno.test("book view: long numbers keep a space between columns; the middle row carries a notice", () => {
  const out = bookView({
    asks: [{ price: parseTicks("123456789.1", 1), volume: parseTicks("123456.12345678", 8), own: 0 }],
    bids: [],
    pricePrecision: 1,
    qtyPrecision: 8,
    width: 40,
    height: 4,
    notice: "book resyncing…",
  });
  assertEquals(texts(out), ["", "123456789.1 123456.12345678", " book resyncing…", ""]);
});

Deno.test("book view: the own-order marker keeps the last column free, unless a long own volume needs it", () => {
  const row = (own: number, ownPending = false) => ({ price: 2110, volume: 300_000_000, own, ownPending });
  const out = bookView({
    asks: [row(100_000_000), row(1_200_000_000, true)],
    bids: [],
    pricePrecision: 5,
    qtyPrecision: 8,
    width: 40,
    height: 6,
  });
  assertEquals(texts(out).slice(1, 3), [
    "    0.02110      3.00000000 12.00000000p",
    "    0.02110      3.00000000 1.00000000o",
  ]);
  assertEquals([roleAt(out[1]!, 39), roleAt(out[2]!, 38), roleAt(out[2]!, 39)], [
    "order_pending",
    "book_own",
    "book_text",
  ]);
});
