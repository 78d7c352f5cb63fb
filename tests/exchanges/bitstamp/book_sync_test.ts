import { assert, assertEquals } from "../../assert.ts";
import type { PriceLevel } from "../../../lib/core/mod.ts";
import { OrderBook } from "../../../lib/book/mod.ts";
import { BookSync, digestLevels } from "../../../exchanges/bitstamp/mod.ts";
import { BitstampDecoder } from "../../../exchanges/bitstamp/decoder.ts";
import { BTC_USD } from "./helpers.ts";

const l = (price: number, qty: number): PriceLevel => ({ price, qty });
const rest = (micros: number, bids: PriceLevel[], asks: PriceLevel[]) => ({ micros, bids, asks });

Deno.test("diff mode: diffs wait for the snapshot; those up to its microtimestamp are dropped, the rest applied in order", () => {
  const s = new BookSync(BTC_USD, "diff");
  assertEquals(s.diff(1_000_010, [l(100, 5)], []), []);
  assertEquals(s.diff(1_000_020, [l(101, 1)], []), []);
  assertEquals(s.diff(1_000_030, [], [l(105, 0)]), []);
  assertEquals(s.buffered, 3);
  const out = s.snapshot(rest(1_000_020, [l(101, 1), l(100, 5)], [l(105, 2)]));
  assertEquals(out.stale, false);
  assertEquals(out.events.map((e) => [e.kind, e.time]), [["BookSnapshot", 1000], ["BookUpdate", 1000]]);
  assertEquals(out.events[1], {
    kind: "BookUpdate",
    symbol: "BTC/USD",
    bids: [],
    asks: [l(105, 0)],
    time: 1000,
  });
  assertEquals(s.awaiting, false);
  // Step 5: a later diff not newer than the last applied is dropped.
  assertEquals(s.diff(1_000_030, [l(99, 1)], []), []);
  assertEquals(s.diff(1_000_031, [l(99, 1)], []).length, 1);
});

Deno.test("diff mode: a snapshot older than the first buffered diff is stale; the buffer waits for the next one", () => {
  const s = new BookSync(BTC_USD, "diff");
  s.diff(2_000_000, [l(100, 5)], []);
  const out = s.snapshot(rest(1_999_999, [l(100, 4)], [l(105, 2)]));
  assertEquals(out.stale, true);
  assertEquals(out.events.map((e) => e.kind), ["BookIntegrityLost"]);
  assert(s.awaiting && s.buffered === 1, "still buffering");
  assertEquals(s.snapshot(rest(2_000_000, [l(100, 5)], [l(105, 2)])).stale, false);
  assertEquals(s.awaiting, false);
});

Deno.test("microtimestamps compare as integers, not seconds: two diffs in one second keep their order", () => {
  const s = new BookSync(BTC_USD, "diff");
  s.snapshot(rest(1_789_456_316_000_000, [l(100, 1)], [l(105, 1)]));
  assertEquals(s.diff(1_789_456_316_507_635, [l(100, 2)], []).length, 1);
  assertEquals(
    s.diff(1_789_456_316_507_634, [l(100, 3)], []),
    [],
    "an older diff of the same second is dropped",
  );
  assertEquals(s.diff(1_789_456_316_507_636, [l(100, 4)], []).length, 1);
});

/** Applies what a sync emits to a book and checks the digests as the owner of the book would. */
function owner() {
  const book = new OrderBook(BTC_USD, 1_000_000);
  const decoder = new BitstampDecoder();
  const results: (string | null)[] = [];
  return {
    book,
    results,
    take(events: ReturnType<BookSync["diff"]>) {
      for (const ev of events) {
        if (ev.kind === "BookSnapshot") book.applySnapshot(ev.bids, ev.asks);
        else if (ev.kind === "BookUpdate") {
          book.applyUpdate(ev.bids, ev.asks);
          if (ev.checksum !== undefined) results.push(decoder.verifyBook(BTC_USD, book, ev));
        }
      }
    },
  };
}

Deno.test("diff mode: each order_book frame is checked when the book shows its moment; a lost diff fails twice in a row", () => {
  const s = new BookSync(BTC_USD, "diff");
  const o = owner();
  o.take(s.snapshot(rest(10, [l(100, 1)], [l(105, 1)])).events);
  // The frame after the diff of its moment...
  o.take(s.diff(11, [l(101, 1)], []));
  o.take(s.top(11, [l(101, 1), l(100, 1)], [l(105, 1)]));
  // ...and the frame before it (channels may interleave either way).
  o.take(s.top(12, [l(101, 2), l(100, 1)], [l(105, 1)]));
  o.take(s.diff(12, [l(101, 2)], []));
  assertEquals(o.results, [null, null]);
  // The diff of 13 is lost: the frame of 13 is checked before the diff of 14, and fails; so does 14's.
  o.take(s.top(13, [l(102, 1), l(101, 2), l(100, 1)], [l(105, 1)]));
  o.take(s.diff(14, [], [l(104, 1)]));
  o.take(s.top(14, [l(102, 1), l(101, 2), l(100, 1)], [l(104, 1), l(105, 1)]));
  assertEquals(o.results.length, 4);
  assertEquals(o.results[2], null, "one disagreement is tolerated");
  assert(o.results[3]?.includes("a diff was lost"), String(o.results[3]));
});

Deno.test("diff mode: a crossed order_book frame (the docs' transient) is no reference and is not checked", () => {
  const s = new BookSync(BTC_USD, "diff");
  s.snapshot(rest(10, [l(100, 1)], [l(105, 1)]));
  assertEquals(s.top(10, [l(105, 1)], [l(105, 1)]), []);
  assertEquals(s.top(10, [l(100, 1)], [l(105, 1)]).map((e) => e.kind), ["BookUpdate"]);
  const check = s.top(10, [l(100, 1)], [l(105, 1)])[0]!;
  assertEquals(check.kind === "BookUpdate" && check.checksum, digestLevels([l(100, 1)], [l(105, 1)]));
});

Deno.test("top mode: every frame is the book; older frames and REST answers older than the stream are ignored", () => {
  const s = new BookSync(BTC_USD, "top");
  assertEquals(s.snapshot(rest(20, [l(100, 1)], [l(105, 1)])).events.length, 1);
  assertEquals(s.top(19, [l(99, 1)], [l(105, 1)]), [], "older than the REST seed");
  assertEquals(s.top(21, [l(99, 1)], [l(105, 1)]).map((e) => e.kind), ["BookSnapshot"]);
  // Lost (a crossed frame, a reconnect): awaiting, but no snapshot older than the last shown counts.
  s.lose();
  assertEquals(s.snapshot(rest(20, [l(100, 1)], [l(105, 1)])).events, []);
  assert(s.awaiting);
  assertEquals(s.snapshot(rest(21, [l(99, 1)], [l(105, 1)])).events.length, 1);
  assert(!s.awaiting);
});

Deno.test("top mode: the REST seed keeps the top 100 levels, as the stream has them", () => {
  const s = new BookSync(BTC_USD, "top");
  const bids = Array.from({ length: 150 }, (_, i) => l(1000 - i, 1));
  const ev = s.snapshot(rest(1, bids, [l(2000, 1)])).events[0]!;
  assertEquals(ev.kind === "BookSnapshot" && ev.bids.length, 100);
});
