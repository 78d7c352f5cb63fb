import { assertEquals, assertThrows } from "../assert.ts";
import { depthBins, groupBook, groupTicks, OrderBook } from "../../lib/book/mod.ts";
import { EXAMPLE_ASKS, EXAMPLE_BIDS, LTC_BTC, lv, text } from "./fixtures.ts";

function example(): OrderBook {
  const book = new OrderBook(LTC_BTC, 100);
  book.applySnapshot(EXAMPLE_BIDS, EXAMPLE_ASKS);
  return book;
}

Deno.test("groupTicks converts decimal group sizes to price ticks", () => {
  assertEquals(groupTicks("0", 5), 0);
  assertEquals(groupTicks("0.00000", 5), 0);
  assertEquals(groupTicks("0.00001", 5), 1);
  assertEquals(groupTicks("0.00005", 5), 5);
  assertEquals(groupTicks("0.0001", 5), 10);
  assertEquals(groupTicks("0.0005", 5), 50);
  assertEquals(groupTicks("1", 5), 100_000);
  assertEquals(groupTicks("100", 1), 1000);
  assertEquals(groupTicks("0.00000001", 5), 0, "smaller than one tick: no grouping");
  assertEquals(groupTicks("0.000009", 5), 0);
  assertThrows(() => groupTicks("0.000015", 5), RangeError, "not a whole number of price ticks");
  assertThrows(() => groupTicks("-0.0001", 5), RangeError, "negative");
  assertThrows(() => groupTicks("abc", 5), RangeError);
  assertThrows(() => groupTicks("0.1", 16), RangeError);
  assertThrows(() => groupTicks("1000000000000", 5), RangeError, "too large");
});

Deno.test("groupBook at group 0 gives one row per level with running totals (§1.4)", () => {
  const book = example();
  assertEquals(text(groupBook(book, "ask", 0, 20)), [
    "0.02101 1 1",
    "0.02103 2 3",
    "0.0211 3 6",
    "0.0215 4 10",
  ]);
  assertEquals(text(groupBook(book, "bid", 0, 20)), [
    "0.02099 1 1",
    "0.0209 2 3",
    "0.0205 3 6",
    "0.02 4 10",
  ]);
});

Deno.test("groupBook at 0.0001 bins exactly: the 0.0209 bid stays at 0.0209 (the original printed 0.0208)", () => {
  const book = example();
  const g = groupTicks("0.0001", 5);
  assertEquals(text(groupBook(book, "ask", g, 20)), ["0.02101 1 1", "0.0211 5 6", "0.0215 4 10"]);
  assertEquals(text(groupBook(book, "bid", g, 20)), [
    "0.02099 1 1",
    "0.0209 2 3",
    "0.0205 3 6",
    "0.02 4 10",
  ]);
});

Deno.test("groupBook at 0.0005 (§1.4)", () => {
  const book = example();
  const g = groupTicks("0.0005", 5);
  assertEquals(text(groupBook(book, "ask", g, 20)), ["0.02101 1 1", "0.0215 9 10"]);
  assertEquals(text(groupBook(book, "bid", g, 20)), ["0.02099 1 1", "0.0205 5 6", "0.02 4 10"]);
});

Deno.test("groupBook does not count the best level twice when it sits on a bin boundary", () => {
  const book = new OrderBook(LTC_BTC, 100);
  book.applySnapshot(
    lv(["0.021", "1"], ["0.02095", "2"], ["0.0209", "3"]),
    lv(["0.0211", "1"], ["0.02105", "2"], ["0.0212", "3"]).reverse(),
  );
  const g = groupTicks("0.0001", 5);
  // asks 0.02105 (best) | (0.02105, 0.0211] -> 0.0211 | 0.0212
  assertEquals(text(groupBook(book, "ask", g, 20)), ["0.02105 2 2", "0.0211 1 3", "0.0212 3 6"]);
  // bids 0.021 (best) | [0.0209, 0.021) -> 0.0209 holds 0.02095 and 0.0209
  assertEquals(text(groupBook(book, "bid", g, 20)), ["0.021 1 1", "0.0209 5 6"]);
});

Deno.test("groupBook stops at the row limit and handles empty sides", () => {
  const book = example();
  assertEquals(text(groupBook(book, "ask", 0, 2)), ["0.02101 1 1", "0.02103 2 3"]);
  assertEquals(text(groupBook(book, "ask", 10, 2)), ["0.02101 1 1", "0.0211 5 6"]);
  assertEquals(text(groupBook(book, "bid", 10, 1)), ["0.02099 1 1"]);
  assertEquals(groupBook(book, "bid", 10, 0), []);
  assertEquals(groupBook(book, "bid", 0, 0), []);
  assertEquals(groupBook(book, "bid", 10, Infinity).length, 4);
  const empty = new OrderBook(LTC_BTC, 10);
  assertEquals(groupBook(empty, "ask", 10, 5), []);
  assertEquals(depthBins(empty, "bid", 10, 5), []);
  assertThrows(() => groupBook(book, "ask", -1, 5), RangeError);
  assertThrows(() => groupBook(book, "ask", 1.5, 5), RangeError);
  assertThrows(() => depthBins(book, "ask", 10, -1), RangeError);
  const huge = new OrderBook(LTC_BTC, 10);
  huge.applySnapshot([{ price: 2, qty: 2 ** 53 - 1 }, { price: 1, qty: 2 ** 53 - 1 }], []);
  assertThrows(() => groupBook(huge, "bid", 10, 5), RangeError, "too large for exact arithmetic");
  assertThrows(() => depthBins(huge, "bid", 0, 5), RangeError, "too large for exact arithmetic");
});

Deno.test("depthBins at 0.00001 labels the 0.0209 and 0.02 bids exactly (the original showed 0.02089, 0.01999)", () => {
  const book = example();
  const g = groupTicks("0.00001", 5);
  assertEquals(text(depthBins(book, "bid", g, 20)), [
    "0.02099 1 1",
    "0.0209 2 3",
    "0.0205 3 6",
    "0.02 4 10",
  ]);
});

Deno.test("depthBins at 0.00005 puts asks in consecutive multiples without skipping (the original skipped)", () => {
  const book = example();
  const g = groupTicks("0.00005", 5);
  // 0.02101 and 0.02103 -> 0.02105; 0.0211 -> 0.0211; 0.0215 -> 0.0215; empty multiples between are skipped.
  assertEquals(text(depthBins(book, "ask", g, 20)), ["0.02105 3 3", "0.0211 3 6", "0.0215 4 10"]);
  for (const row of depthBins(book, "ask", g, 20)) assertEquals(row.price % g, 0);
  assertEquals(text(depthBins(book, "bid", g, 20)), [
    "0.02095 1 1",
    "0.0209 2 3",
    "0.0205 3 6",
    "0.02 4 10",
  ]);
});

Deno.test("depthBins has no exact first row, honours the row limit and group 0", () => {
  const book = example();
  assertEquals(text(depthBins(book, "ask", 50, 20)), ["0.0215 10 10"]);
  assertEquals(text(depthBins(book, "bid", 50, 20)), ["0.0205 6 6", "0.02 4 10"]);
  assertEquals(text(depthBins(book, "bid", 50, 1)), ["0.0205 6 6"]);
  assertEquals(depthBins(book, "ask", 0, 20), groupBook(book, "ask", 0, 20));
});
