import { assertEquals } from "../assert.ts";
import type { MarketState } from "../../lib/engine/market_state.ts";
import { COLOR_GLYPHS } from "../../lib/ui/glyphs.ts";
import { depthRows } from "../../lib/ui/select.ts";
import type { ViewSettings } from "../../lib/ui/state.ts";
import { bookCapacity } from "../../lib/ui/views/book.ts";
import { depthView } from "../../lib/ui/views/depth.ts";
import { ETH_XBT, levels, market, order, seedBook, VIEW } from "./fixtures.ts";
import { picture, roleAt } from "./picture.ts";

function render(m: MarketState, view: Partial<ViewSettings>, width = 40, height = 12) {
  const v = { ...VIEW, ...view };
  const cap = bookCapacity(height);
  return depthView({
    asks: depthRows(m, v, "ask", cap.asks),
    bids: depthRows(m, v, "bid", cap.bids),
    pricePrecision: m.instrument.pricePrecision,
    width,
    height,
    glyphs: COLOR_GLYPHS,
  });
}

const BARS = { chart_bar: "#", chart_bar_up: "+", chart_bar_down: "-" } as const;

Deno.test("depth chart: cumulative bars per bin, scaled to the widest, asks above, bids below", () => {
  const out = render(market(seedBook()), { depthGroup: "0.0001", depthSum: true });
  assertEquals(picture(out, BARS), [
    "",
    "",
    "",
    "",
    "0.02150 " + "#".repeat(30),
    "0.02110 " + "#".repeat(18),
    "",
    "0.02090 " + "#".repeat(9),
    "0.02050 " + "#".repeat(18),
    "0.02000 " + "#".repeat(30),
    "",
    "",
  ]);
  assertEquals(roleAt(out[4]!, 0), "book_ask");
  assertEquals(roleAt(out[7]!, 0), "book_bid");
});

Deno.test("depth chart: T off shows per-bin volume; own orders are marked after the bar", () => {
  const m = market(seedBook(), {
    orders: [order(ETH_XBT, "sell", "0.02103", "1"), order(ETH_XBT, "buy", "0.02005", "1")],
  });
  assertEquals(picture(render(m, { depthGroup: "0.0001", depthSum: false }), BARS), [
    "",
    "",
    "",
    "",
    "0.02150 " + "#".repeat(20),
    "0.02110 " + "#".repeat(30) + "o",
    "",
    "0.02090 " + "#".repeat(15),
    "0.02050 " + "#".repeat(15),
    "0.02000 " + "#".repeat(20) + "o",
    "",
    "",
  ]);
});

Deno.test("depth chart: group 0.00001 bins exactly (the original showed 0.02089 and 0.01999)", () => {
  const book = seedBook();
  book.applyUpdate(levels(ETH_XBT, [["0.0209", "4"]]), []);
  const out = render(market(book), { depthGroup: "0.00001", depthSum: true }, 30, 10);
  assertEquals(picture(out, BARS), [
    "",
    "0.02150 " + "#".repeat(16),
    "0.02110 " + "#".repeat(10),
    "0.02103 " + "#".repeat(5),
    "0.02101 " + "#".repeat(1),
    "",
    "0.02099 " + "#".repeat(1),
    "0.02090 " + "+".repeat(8),
    "0.02050 " + "#".repeat(13),
    "0.02000 " + "#".repeat(20),
  ]);
});

Deno.test("depth chart: a notice and no bars while the book is not usable", () => {
  const out = depthView({
    asks: [],
    bids: [],
    pricePrecision: 5,
    width: 30,
    height: 3,
    glyphs: COLOR_GLYPHS,
    notice: "book resyncing…",
  });
  assertEquals(picture(out, BARS), ["", " book resyncing…", ""]);
});
