import { assertEquals } from "../assert.ts";
import { depthBins, groupBook, OrderBook } from "../../lib/book/mod.ts";
import { BookIntegrityError } from "../../lib/core/errors.ts";
import type { PriceLevel } from "../../lib/core/events.ts";
import { LTC_BTC } from "./fixtures.ts";
import { prng } from "../fakes/common/prng.ts";
import { ReferenceBook, referenceGroup, type Side } from "./reference_book.ts";

interface Config {
  seed: number;
  depth: number;
  updates: number;
  /** Bids live in [1, mid - 1], asks in [mid + 1, 2 mid - 1]: the book never crosses. */
  mid: number;
  maxChanges: number;
}

/** One change on a side, mostly near the top: 60 % qty change, 20 % insert, 20 % delete. */
function change(rand: () => number, ref: ReferenceBook, side: Side, mid: number): PriceLevel {
  const levels = ref.levels(side);
  const r = rand();
  const qty = 1 + Math.floor(rand() * 1000);
  if (levels.length > 0 && (r < 0.6 || (r >= 0.8 && rand() < 0.9))) {
    const at = levels[Math.floor(levels.length * rand() * rand())]!;
    return { price: at.price, qty: r < 0.6 ? qty : 0 };
  }
  const offset = 1 + Math.floor((mid - 1) * rand() ** 3);
  const price = side === "bid" ? mid - offset : mid + offset;
  return { price, qty: r >= 0.8 ? 0 : qty };
}

function snapshot(rand: () => number, mid: number, count: number): PriceLevel[][] {
  const out: PriceLevel[][] = [];
  for (const sign of [-1, 1]) {
    const prices = new Set<number>();
    while (prices.size < Math.min(count, mid - 1)) {
      prices.add(mid + sign * (1 + Math.floor(rand() * (mid - 1))));
    }
    out.push([...prices].map((price) => ({ price, qty: 1 + Math.floor(rand() * 1000) })));
  }
  return out;
}

function compare(book: OrderBook, ref: ReferenceBook, rand: () => number, mid: number, deep: boolean): void {
  for (const side of ["bid", "ask"] as const) {
    const expected = ref.levels(side);
    assertEquals(book.levels(side), expected);
    assertEquals(book.size(side), expected.length);
    if (!deep) continue;
    const best = side === "bid" ? book.bestBid() : book.bestAsk();
    assertEquals(best, expected.length > 0 ? expected[0]!.price : NaN);
    const price = side === "bid" ? Math.floor(rand() * mid) : mid + Math.floor(rand() * mid);
    const sign = side === "bid" ? -1 : 1;
    const upTo = expected.filter((l) => sign * l.price <= sign * price).reduce((s, l) => s + l.qty, 0);
    assertEquals(book.totalUpTo(side, price), upTo);
    assertEquals(book.qtyAtPrice(side, price), ref[side === "bid" ? "bids" : "asks"].get(price) ?? 0);
    const totals = book.totals(side);
    assertEquals(totals.qty, expected.reduce((s, l) => s + l.qty, 0));
    assertEquals(totals.cost.units, expected.reduce((s, l) => s + BigInt(l.price) * BigInt(l.qty), 0n));
    const g = [0, 1, 2, 3, 5, 7, 10, 50, 1000][Math.floor(rand() * 9)]!;
    const rows = 1 + Math.floor(rand() * 30);
    assertEquals(groupBook(book, side, g, rows), referenceGroup(expected, side, g, rows, true));
    assertEquals(depthBins(book, side, g, rows), referenceGroup(expected, side, g, rows, false));
  }
}

/** The two sides' levels, best first. */
function sides(book: OrderBook): Record<Side, PriceLevel[]> {
  return { bid: book.levels("bid"), ask: book.levels("ask") };
}

/**
 * changedFrom's promise: the levels above the rank it names are as they were before the change (all of
 * them when it names no rank of the side). Returns how many sides it showed partly unchanged.
 */
function checkChangedFrom(book: OrderBook, before: Record<Side, PriceLevel[]>): number {
  let kept = 0;
  for (const side of ["bid", "ask"] as const) {
    const k = book.changedFrom(side);
    if (k >= book.depth) assertEquals(book.levels(side), before[side], `${side}: changedFrom ${k}`);
    else assertEquals(book.levels(side, k), before[side].slice(0, k), `${side}: changedFrom ${k}`);
    if (k > 0) kept++;
  }
  return kept;
}

function run(c: Config): void {
  const rand = prng(c.seed);
  const book = new OrderBook(LTC_BTC, c.depth);
  const ref = new ReferenceBook(c.depth);
  let kept = 0;
  for (let n = 0; n < c.updates; n++) {
    if (rand() < 0.001) {
      const [bids, asks] = snapshot(rand, c.mid, Math.floor(rand() * c.depth * 1.5));
      book.applySnapshot(bids!, asks!);
      ref.snapshot(bids!, asks!);
    } else {
      const bids: PriceLevel[] = [];
      const asks: PriceLevel[] = [];
      const count = 1 + Math.floor(rand() * rand() * c.maxChanges);
      for (let i = 0; i < count; i++) {
        const side = rand() < 0.5 ? "bid" : "ask";
        // The reference sees the changes made so far in this message, as the book will.
        const l = change(rand, ref, side, c.mid);
        (side === "bid" ? bids : asks).push(l);
        ref.update(side === "bid" ? [l] : [], side === "ask" ? [l] : [], false);
      }
      ref.truncate();
      const before = sides(book);
      book.applyUpdate(bids, asks);
      kept += checkChangedFrom(book, before);
    }
    compare(book, ref, rand, c.mid, n % 7 === 0);
    if (book.version !== n + 1) throw new Error(`version ${book.version} after ${n + 1} changes`);
  }
  // The ranks it names are not all 0: readers of the top are spared work.
  assertEquals(kept > c.updates / 4, true, `${kept} sides partly unchanged`);
}

Deno.test("random updates at depth 25 match a sorted-Map reference (20k updates)", () => {
  run({ seed: 1, depth: 25, updates: 20_000, mid: 120, maxChanges: 5 });
});

Deno.test("random updates at depth 1 and 2 match the reference", () => {
  run({ seed: 2, depth: 1, updates: 3000, mid: 10, maxChanges: 4 });
  run({ seed: 3, depth: 2, updates: 3000, mid: 20, maxChanges: 4 });
});

Deno.test("random large messages at depth 300 match the reference", () => {
  run({ seed: 4, depth: 300, updates: 3000, mid: 2000, maxChanges: 60 });
});

Deno.test("a book grows past its initial capacity and shrinks back, matching the reference", () => {
  const rand = prng(5);
  const depth = 100_000;
  const book = new OrderBook(LTC_BTC, depth);
  const ref = new ReferenceBook(depth);
  const mid = 1_000_000;
  const live = { bid: [] as number[], ask: [] as number[] };
  for (let n = 0; n < 400; n++) {
    const bids: PriceLevel[] = [];
    const asks: PriceLevel[] = [];
    for (let i = 0; i < 100; i++) {
      const side = rand() < 0.5 ? "bid" : "ask";
      const prices = live[side];
      let l: PriceLevel;
      if (n >= 300 && prices.length > 0) {
        // Delete a live level, anywhere in the book.
        const at = Math.floor(rand() * prices.length);
        l = { price: prices[at]!, qty: 0 };
        prices[at] = prices[prices.length - 1]!;
        prices.pop();
      } else {
        const offset = 1 + Math.floor(rand() * (mid - 1));
        l = { price: side === "bid" ? mid - offset : mid + offset, qty: 1 + Math.floor(rand() * 9) };
        if (!ref[side === "bid" ? "bids" : "asks"].has(l.price)) prices.push(l.price);
      }
      (side === "bid" ? bids : asks).push(l);
      ref.update(side === "bid" ? [l] : [], side === "ask" ? [l] : [], false);
    }
    book.applyUpdate(bids, asks);
    if (n % 50 === 49) compare(book, ref, rand, mid, true);
    if (n === 299) assertEquals(book.size("bid") > 14_000 && book.size("ask") > 14_000, true, "grown");
  }
  assertEquals(book.size("bid") < 11_000 && book.size("ask") < 11_000, true, "shrunk");
  compare(book, ref, rand, mid, true);
});

Deno.test("random crossing updates throw and leave the changes applied, like the reference", () => {
  const rand = prng(6);
  const book = new OrderBook(LTC_BTC, 10);
  const ref = new ReferenceBook(10);
  let crossed = 0;
  for (let n = 0; n < 3000; n++) {
    const l = { price: 1 + Math.floor(rand() * 40), qty: rand() < 0.3 ? 0 : 1 + Math.floor(rand() * 5) };
    const side = rand() < 0.5 ? "bid" : "ask";
    const bids = side === "bid" ? [l] : [];
    const asks = side === "ask" ? [l] : [];
    ref.update(bids, asks);
    const before = sides(book);
    try {
      book.applyUpdate(bids, asks);
    } catch (e) {
      if (!(e instanceof BookIntegrityError)) throw e;
      crossed++;
      const bb = ref.levels("bid")[0]!.price;
      const ba = ref.levels("ask")[0]!.price;
      assertEquals(bb >= ba, true);
    }
    checkChangedFrom(book, before);
    compare(book, ref, rand, 40, false);
    // Resync as a client would, from the reference.
    if (book.bestBid() >= book.bestAsk()) {
      ref.snapshot(
        ref.levels("bid").filter((x) => x.price < 20),
        ref.levels("ask").filter((x) => x.price >= 20),
      );
      book.applySnapshot(ref.levels("bid"), ref.levels("ask"));
    }
  }
  assertEquals(crossed > 100, true, `only ${crossed} crossings`);
});
