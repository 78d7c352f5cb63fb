import { assert, assertEquals, assertThrows } from "../assert.ts";
import { OrderBook } from "../../lib/book/mod.ts";
import { formatDecimal } from "../../lib/core/decimal.ts";
import { BookIntegrityError } from "../../lib/core/errors.ts";
import type { PriceLevel } from "../../lib/core/events.ts";
import { parseTicks } from "../../lib/core/ticks.ts";
import { EXAMPLE_ASKS, EXAMPLE_BIDS, LTC_BTC, lv } from "./fixtures.ts";

const UNIT = 100_000_000; // qty ticks per whole unit at 8 decimals
const px = (text: string) => parseTicks(text, 5);
const L = (price: number, qty: number): PriceLevel => ({ price, qty });

function example(depth = 100): OrderBook {
  const book = new OrderBook(LTC_BTC, depth);
  book.applySnapshot(EXAMPLE_BIDS, EXAMPLE_ASKS);
  return book;
}

function assertEmpty(book: OrderBook): void {
  assertEquals(book.size("bid"), 0);
  assertEquals(book.size("ask"), 0);
  assert(Number.isNaN(book.bestBid()) && Number.isNaN(book.bestAsk()));
}

Deno.test("a new book is empty and refuses a depth below 1", () => {
  const book = new OrderBook(LTC_BTC, 10);
  assertEmpty(book);
  assertEquals(book.version, 0);
  assertEquals(book.lastChange, null);
  assertEquals(book.levels("bid"), []);
  assertEquals(book.totals("ask").qty, 0);
  assertEquals(book.totals("ask").cost.units, 0n);
  assertEquals(book.totalUpTo("ask", 5), 0);
  assertEquals(book.qtyAtPrice("bid", 5), 0);
  for (const depth of [0, -1, 1.5, NaN, Infinity]) {
    assertThrows(() => new OrderBook(LTC_BTC, depth), RangeError, "depth");
  }
});

Deno.test("snapshot levels come out best first whatever order they went in", () => {
  const expected = { bids: EXAMPLE_BIDS, asks: EXAMPLE_ASKS };
  const shuffled = (ls: PriceLevel[]) => [ls[2]!, ls[0]!, ls[3]!, ls[1]!];
  for (
    const [bids, asks] of [
      [EXAMPLE_BIDS, EXAMPLE_ASKS],
      [[...EXAMPLE_BIDS].reverse(), [...EXAMPLE_ASKS].reverse()],
      [shuffled(EXAMPLE_BIDS), shuffled(EXAMPLE_ASKS)],
    ]
  ) {
    const book = new OrderBook(LTC_BTC, 10);
    book.applySnapshot(bids, asks);
    assertEquals({ bids: book.levels("bid"), asks: book.levels("ask") }, expected);
    assertEquals(book.bestBid(), px("0.02099"));
    assertEquals(book.bestAsk(), px("0.02101"));
    assertEquals(book.priceAt("bid", 1), px("0.0209"));
    assertEquals(book.qtyAt("ask", 3), 4 * UNIT);
  }
});

Deno.test("a snapshot keeps the best `depth` levels of each side", () => {
  for (const order of ["best first", "worst first", "shuffled"]) {
    const bids = [L(100, 1), L(99, 2), L(98, 3), L(97, 4)];
    const asks = [L(101, 1), L(102, 2), L(103, 3), L(104, 4)];
    const arrange = (ls: PriceLevel[]) =>
      order === "best first"
        ? ls
        : order === "worst first"
        ? [...ls].reverse()
        : [ls[3]!, ls[1]!, ls[0]!, ls[2]!];
    const book = new OrderBook(LTC_BTC, 2);
    book.applySnapshot(arrange(bids), arrange(asks));
    assertEquals(book.levels("bid"), [L(100, 1), L(99, 2)], order);
    assertEquals(book.levels("ask"), [L(101, 1), L(102, 2)], order);
  }
});

Deno.test("a bad snapshot throws BookIntegrityError and leaves the book empty", () => {
  const cases: [string, PriceLevel[], PriceLevel[], string][] = [
    ["duplicate bid", [L(100, 1), L(99, 1), L(100, 2)], [L(101, 1)], "duplicate bid price 0.001"],
    ["duplicate ask (sorted)", [L(100, 1)], [L(101, 1), L(101, 2)], "duplicate ask price 0.00101"],
    ["crossed", [L(102, 1)], [L(101, 1)], "crossed book, best bid 0.00102 is at or above best ask 0.00101"],
    ["locked", [L(101, 1)], [L(101, 1)], "crossed book"],
    ["qty 0", [L(100, 0)], [], "bid qty 0 at price 100 is not positive"],
    ["negative price", [], [L(-5, 1)], "ask price -5 is negative"],
    ["price 0", [], [L(0, 1)], "ask price 0 is not positive"],
    ["fractional price", [L(1.5, 1)], [], "bid price 1.5 is not a safe integer"],
    ["NaN qty", [L(100, NaN)], [], "bid qty NaN at price 100 is not a safe integer"],
    ["unsafe qty", [L(100, 2 ** 53)], [], "is not a safe integer"],
    ["negative qty", [L(100, -1)], [], "bid qty -1 at price 100 is negative"],
  ];
  for (const [name, bids, asks, message] of cases) {
    const book = example();
    const version = book.version;
    const e = assertThrows(() => book.applySnapshot(bids, asks), BookIntegrityError, message);
    assert(e.message.startsWith('Cannot apply book snapshot on "LTC/BTC": '), e.message);
    assertEmpty(book);
    assertEquals(book.version, version + 1, name);
    assertEquals(book.lastChange, null);
  }
});

Deno.test("updates change, insert and delete levels; deleting a missing level is a no-op", () => {
  const book = example();
  book.applyUpdate(lv(["0.0209", "2.5"]), lv(["0.02102", "7"]));
  book.applyUpdate(lv(["0.0205", "0"], ["0.01", "0"]), []);
  assertEquals(book.levels("bid"), lv(["0.02099", "1"], ["0.0209", "2.5"], ["0.02", "4"]));
  assertEquals(
    book.levels("ask"),
    lv(["0.02101", "1"], ["0.02102", "7"], ["0.02103", "2"], ["0.0211", "3"], ["0.0215", "4"]),
  );
  book.applyUpdate([], lv(["0.02101", "0"]));
  assertEquals(book.bestAsk(), px("0.02102"));
  book.applyUpdate(lv(["0.021", "3"]), []);
  assertEquals(book.bestBid(), px("0.021"));
  assertEquals(book.qtyAtPrice("bid", px("0.021")), 3 * UNIT);
  assertEquals(book.qtyAtPrice("bid", px("0.0205")), 0);
});

Deno.test("version counts every change and lastChange records the last effective one", () => {
  const book = new OrderBook(LTC_BTC, 10);
  book.applySnapshot(EXAMPLE_BIDS, EXAMPLE_ASKS);
  assertEquals(book.version, 1);
  assertEquals(book.lastChange, null);
  book.applyUpdate(lv(["0.0209", "5"]), lv(["0.0212", "1"]));
  assertEquals(book.version, 2);
  assertEquals(book.lastChange, { side: "ask", price: px("0.0212"), before: 0, after: UNIT });
  book.applyUpdate(lv(["0.0209", "0"], ["0.015", "0"]), []);
  assertEquals(book.lastChange, { side: "bid", price: px("0.0209"), before: 5 * UNIT, after: 0 });
  assertEquals(book.version, 3);
  const change = book.lastChange;
  assert(change === book.lastChange, "the same object until the next change");
  assert(Object.isFrozen(change));
  book.applyUpdate([], []);
  assertEquals(book.version, 4);
  assertEquals(book.lastChange, change);
  book.clear();
  assertEquals(book.version, 5);
  assertEquals(book.lastChange, null);
  assertEmpty(book);
});

Deno.test("bad update values throw before anything is applied", () => {
  const cases: [PriceLevel[], PriceLevel[], string][] = [
    [[L(2080, 9)], [L(-5, 1)], "ask price -5 is negative"],
    [[L(2080, 9), L(2070, -1)], [], "bid qty -1 at price 2070 is negative"],
    [[L(2080, 9)], [L(2120, 0.5)], "ask qty 0.5 at price 2120 is not a safe integer"],
    [[L(2080, 9)], [L(2 ** 53, 1)], "ask price 9007199254740992 is not a safe integer"],
    [[L(2080, 9), L(0, 0)], [], "bid price 0 is not positive"],
  ];
  for (const [bids, asks, message] of cases) {
    const book = example();
    const version = book.version;
    const e = assertThrows(() => book.applyUpdate(bids, asks), BookIntegrityError, message);
    assert(e.message.startsWith('Cannot apply book update on "LTC/BTC": '), e.message);
    assertEquals(book.levels("bid"), EXAMPLE_BIDS);
    assertEquals(book.levels("ask"), EXAMPLE_ASKS);
    assertEquals(book.version, version);
  }
});

Deno.test("an update that crosses the book throws after applying its changes", () => {
  const book = example();
  assertThrows(
    () => book.applyUpdate(lv(["0.02101", "1"]), []),
    BookIntegrityError,
    "crossed book, best bid 0.02101 is at or above best ask 0.02101",
  );
  assertEquals(book.bestBid(), px("0.02101"));
  assertEquals(book.size("bid"), 5);
  // An ask at or below the best bid crosses too; removing the bid in the same message does not.
  const other = example();
  other.applyUpdate(lv(["0.02099", "0"]), lv(["0.02099", "1"]));
  assertEquals(other.bestAsk(), px("0.02099"));
  assertEquals(other.bestBid(), px("0.0209"));
});

Deno.test("a level pushed beyond depth disappears and is not resurrected by later deletes", () => {
  const book = new OrderBook(LTC_BTC, 3);
  book.applySnapshot([L(90, 1)], [L(101, 1), L(102, 2), L(103, 3)]);
  book.applyUpdate([], [L(100, 5)]);
  assertEquals(book.levels("ask"), [L(100, 5), L(101, 1), L(102, 2)]);
  book.applyUpdate([], [L(100, 0)]);
  book.applyUpdate([], [L(101, 0)]);
  assertEquals(book.levels("ask"), [L(102, 2)], "103 stays gone");
  assertEquals(book.qtyAtPrice("ask", 103), 0);
  assertEquals(book.totalUpTo("ask", 200), 2);
  // Levels inserted beyond depth are dropped at once.
  book.applyUpdate([], [L(104, 1), L(105, 1), L(106, 1)]);
  assertEquals(book.levels("ask"), [L(102, 2), L(104, 1), L(105, 1)]);
  // Changing a dropped level inserts it again only if it ranks within depth.
  book.applyUpdate([], [L(106, 9)]);
  assertEquals(book.levels("ask"), [L(102, 2), L(104, 1), L(105, 1)]);
  book.applyUpdate([], [L(104, 0), L(106, 9)]);
  assertEquals(book.levels("ask"), [L(102, 2), L(105, 1), L(106, 9)]);
});

Deno.test("truncation happens after the whole message, as venues send re-entering levels", () => {
  const book = new OrderBook(LTC_BTC, 3);
  book.applySnapshot([L(100, 1), L(99, 2), L(98, 3)], [L(101, 1)]);
  // A delete plus the level that re-enters at the bottom.
  book.applyUpdate([L(100, 0), L(97, 4)], []);
  assertEquals(book.levels("bid"), [L(99, 2), L(98, 3), L(97, 4)]);
  // A better level first, then a delete in the same message: 97 never left the top 3.
  book.applyUpdate([L(100, 5), L(98, 0)], []);
  assertEquals(book.levels("bid"), [L(100, 5), L(99, 2), L(97, 4)]);
});

Deno.test("priceAt, qtyAt and levels check their arguments", () => {
  const book = example();
  assertEquals(book.priceAt("ask", 0), px("0.02101"));
  assertEquals(book.qtyAt("bid", 3), 4 * UNIT);
  assertThrows(
    () => book.priceAt("ask", 4),
    RangeError,
    "Book level 4 is out of range: the ask side has 4 levels",
  );
  assertThrows(() => book.qtyAt("bid", -1), RangeError);
  assertThrows(() => book.qtyAt("bid", 0.5), RangeError);
  assertThrows(() => book.qtyAt("bid", NaN), RangeError);
  assertEquals(book.levels("bid", 2), EXAMPLE_BIDS.slice(0, 2));
  assertEquals(book.levels("bid", 0), []);
  assertEquals(book.levels("bid", 99), EXAMPLE_BIDS);
  assertThrows(() => book.levels("bid", -1), RangeError);
  // @ts-expect-error: a side that does not exist
  assertThrows(() => book.size("buy"), TypeError, 'Book side must be "bid" or "ask"');
  const levels = book.levels("ask");
  levels.pop();
  assertEquals(book.size("ask"), 4, "levels() returns a fresh array");
});

Deno.test("totalUpTo matches the original's get_total_up_to vector, exactly (§5.3)", () => {
  const book = example();
  const upTo = (p: string) => book.totalUpTo("ask", px(p)) / UNIT;
  assertEquals([upTo("0.021"), upTo("0.02101"), upTo("0.02105"), upTo("0.0211"), upTo("0.03")], [
    0,
    1,
    3,
    6,
    10,
  ]);
  const bidUpTo = (p: string) => book.totalUpTo("bid", px(p)) / UNIT;
  assertEquals(
    [bidUpTo("0.021"), bidUpTo("0.02099"), bidUpTo("0.0209"), bidUpTo("0.0201"), bidUpTo("0.01")],
    [
      0,
      1,
      3,
      6,
      10,
    ],
  );
});

Deno.test("totals give exact quantity and cost", () => {
  const book = example();
  const bid = book.totals("bid");
  assertEquals(bid.qty, 10 * UNIT);
  assertEquals(bid.cost.scale, 13);
  assertEquals(formatDecimal(bid.cost), "0.20429");
  const ask = book.totals("ask");
  assertEquals(ask.qty / UNIT, 10);
  assertEquals(formatDecimal(ask.cost), "0.21237");
});

Deno.test("totals stay exact when price × qty passes 2^53", () => {
  const book = new OrderBook(LTC_BTC, 10);
  const big = [L(2 ** 52 + 1, 2 ** 40 + 3), L(2 ** 50 + 7, 3), L(999_999_937, 9_000_000_001)];
  const asks = [L(2 ** 53 - 1, 2 ** 53 - 1)];
  book.applySnapshot(big, asks);
  const expected = big.reduce((s, l) => s + BigInt(l.price) * BigInt(l.qty), 0n);
  assertEquals(book.totals("bid").cost.units, expected);
  assertEquals(book.totals("ask").cost.units, (2n ** 53n - 1n) ** 2n);
  // Products below 2^53 whose sum is not.
  const many = [L(2 ** 26, 2 ** 26), L(2 ** 26 + 1, 2 ** 26 + 3), L(2 ** 26 + 2, 2 ** 26 + 5), L(7, 11)];
  book.applySnapshot(many, []);
  assertEquals(book.totals("bid").cost.units, many.reduce((s, l) => s + BigInt(l.price) * BigInt(l.qty), 0n));
  const huge = new OrderBook(LTC_BTC, 10);
  huge.applySnapshot([L(1, 2 ** 53 - 1), L(2, 2 ** 53 - 1)], []);
  assertThrows(() => huge.totals("bid"), RangeError, "too large for exact arithmetic");
  assertThrows(() => huge.totalUpTo("bid", 1), RangeError, "too large for exact arithmetic");
  assertEquals(huge.totalUpTo("bid", 2), 2 ** 53 - 1);
});

Deno.test("a snapshot larger than the initial capacity is held whole", () => {
  const book = new OrderBook(LTC_BTC, 20_000);
  const bids = Array.from({ length: 9000 }, (_, i) => L(10_000 - i, i + 1));
  const asks = Array.from({ length: 12_000 }, (_, i) => L(20_000 + i, i + 1));
  book.applySnapshot(bids, asks.toReversed());
  assertEquals(book.levels("bid"), bids);
  assertEquals(book.levels("ask"), asks);
  book.applyUpdate([L(10_001, 5)], [L(19_999, 5)]);
  assertEquals(book.size("bid"), 9001);
  assertEquals(book.priceAt("ask", 12_000), 31_999);
});

Deno.test("copyTop copies the best levels of a side, best first, as far as there are levels and room", () => {
  const book = example();
  const prices = new Float64Array(12).fill(-1);
  const qtys = new Float64Array(12).fill(-1);
  assertEquals(book.copyTop("ask", 3, prices, qtys, 2), 3);
  assertEquals([...prices.subarray(2, 5)], book.levels("ask", 3).map((l) => l.price));
  assertEquals([...qtys.subarray(2, 5)], book.levels("ask", 3).map((l) => l.qty));
  assertEquals([prices[0], prices[5]], [-1, -1]);
  const n = book.size("bid");
  assertEquals(book.copyTop("bid", 100, prices, qtys), Math.min(n, 12));
  assertEquals([...prices.subarray(0, Math.min(n, 12))], book.levels("bid", 12).map((l) => l.price));
  assertEquals(book.copyTop("bid", 5, prices, qtys, 12), 0);
  book.clear();
  assertEquals(book.copyTop("ask", 10, prices, qtys), 0);
});

Deno.test("copyRanks copies levels of a range of ranks, best first, as far as there are levels and room", () => {
  const book = example();
  const prices = new Float64Array(12).fill(-1);
  const qtys = new Float64Array(12).fill(-1);
  assertEquals(book.copyRanks("ask", 2, 5, prices, qtys), Math.min(5, book.size("ask")));
  const m = Math.min(5, book.size("ask"));
  assertEquals([...prices.subarray(2, m)], book.levels("ask", m).slice(2).map((l) => l.price));
  assertEquals([...qtys.subarray(2, m)], book.levels("ask", m).slice(2).map((l) => l.qty));
  assertEquals([prices[0], prices[1], prices[m]], [-1, -1, -1]);
  const n = book.size("bid");
  assertEquals(book.copyRanks("bid", 0, 100, prices, qtys), Math.min(n, 12));
  assertEquals([...prices.subarray(0, Math.min(n, 12))], book.levels("bid", 12).map((l) => l.price));
  book.clear();
  assertEquals(book.copyRanks("ask", 0, 10, prices, qtys), 0);
});

Deno.test("changedFrom names the best rank the last change touched", () => {
  const book = new OrderBook(LTC_BTC, 5);
  const ranks = () => [book.changedFrom("bid"), book.changedFrom("ask")];
  const NONE = 1 << 30;
  assertEquals(ranks(), [0, 0]);
  book.applySnapshot([L(100, 1), L(98, 1), L(96, 1), L(94, 1)], [L(110, 1), L(112, 1)]);
  assertEquals(ranks(), [0, 0]);
  book.applyUpdate([L(96, 4)], []); // a qty change at rank 2
  assertEquals(ranks(), [2, NONE]);
  book.applyUpdate([], [L(114, 1)]); // an insert at rank 2
  assertEquals(ranks(), [NONE, 2]);
  book.applyUpdate([L(50, 0)], [L(112, 0)]); // a missing level deleted; a delete of rank 1
  assertEquals(ranks(), [NONE, 1]);
  book.applyUpdate([L(92, 1)], []); // an insert at rank 4, the fifth bid
  assertEquals(ranks(), [4, NONE]);
  book.applyUpdate([L(90, 1)], []); // an insert at rank 5, cut at depth 5: the side is as it was
  assertEquals(ranks(), [5, NONE]);
  assertEquals(book.levels("bid").map((l) => l.price), [100, 98, 96, 94, 92]);
  book.applyUpdate([L(99, 1), L(94, 0)], [L(110, 3)]); // the lowest rank of the message counts
  assertEquals(ranks(), [1, 0]);
  book.clear();
  assertEquals(ranks(), [0, 0]);
});
