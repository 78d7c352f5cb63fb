/** The real screen (blessed, headless xterm) after market changes: each shows; rows around it stay right. */

import { assertEquals } from "../assert.ts";
import { parseTicks } from "../../lib/core/ticks.ts";
import { eventually } from "../eventually.ts";
import { ETH_XBT } from "./fixtures.ts";
import { open } from "./harness.ts";

Deno.test("screen: a change to the book shows in the next frame, and the rest of the screen stays as it was", async () => {
  const h = await open();
  const before = await h.t.screen();
  const book = h.feed.state.book;
  const qty = (q: string) => parseTicks(q, ETH_XBT.qtyPrecision);
  const price = (p: string) => parseTicks(p, ETH_XBT.pricePrecision);
  // 30 rows: the best bid is on row 12, the best ask on row 10.
  book.applyUpdate([{ price: price("0.02099"), qty: qty("7.5") }], []);
  h.feed.changed();
  const after = await eventually(async () => {
    const s = await h.t.screen();
    return s[12]!.startsWith("    0.02099      7.50000000") ? s : null;
  }, "the new bid volume");
  // Everything but that row (and the status lines, whose sums moved) is as before.
  for (let y = 2; y < 30; y++) if (y !== 12) assertEquals(after[y], before[y], `row ${y}`);
  book.applyUpdate([], [{ price: price("0.02101"), qty: 0 }]);
  h.feed.changed();
  await eventually(
    async () => (await h.t.screen())[10]!.startsWith("    0.02103      2.00000000"),
    "the ask removed",
  );
  await h.close();
});
