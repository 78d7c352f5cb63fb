import { assertEquals } from "../assert.ts";
import { computeLayout } from "../../lib/ui/layout.ts";

Deno.test("layout: the original's geometry on a tall screen (consoles of 20 rows, 3-column gap)", () => {
  const l = computeLayout(140, 64);
  assertEquals(l.book, { x: 0, y: 2, width: 40, height: 42 });
  assertEquals(l.chart, { x: 40, y: 2, width: 100, height: 42 });
  assertEquals(l.mainConsole, { x: 0, y: 44, width: 68, height: 20 });
  assertEquals(l.strategyConsole, { x: 71, y: 44, width: 69, height: 20 });
  // Below 62 rows the consoles take a third of the rows under the status lines.
  assertEquals(computeLayout(140, 45).mainConsole.height, 14);
});

Deno.test("layout: 80x24 keeps a useful book (15 rows) with 7-row consoles", () => {
  const l = computeLayout(80, 24);
  assertEquals(l.book, { x: 0, y: 2, width: 40, height: 15 });
  assertEquals(l.chart, { x: 40, y: 2, width: 40, height: 15 });
  assertEquals(l.mainConsole, { x: 0, y: 17, width: 38, height: 7 });
  assertEquals(l.strategyConsole, { x: 41, y: 17, width: 39, height: 7 });
});

Deno.test("layout: 200x60 and odd widths stay inside the screen", () => {
  const l = computeLayout(200, 60);
  assertEquals(l.book.height, 39);
  assertEquals(l.mainConsole.height, 19);
  const odd = computeLayout(81, 30);
  assertEquals(odd.strategyConsole.x + odd.strategyConsole.width, 81);
  const tiny = computeLayout(20, 4);
  assertEquals([tiny.book.width, tiny.chart.width, tiny.book.height, tiny.mainConsole.height], [20, 0, 0, 2]);
});
