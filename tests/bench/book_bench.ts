/**
 * Order book throughput (target: >= 2,000,000 level changes/s at depth 1000; snapshot <= 1 ms;
 * groupBook of 1000 levels into 60 rows <= 0.2 ms). The baseline walks the same pre-generated stream
 * and only sums its numbers: the cost of reading the input, which any book pays.
 */
import { depthBins, groupBook, OrderBook } from "../../lib/book/mod.ts";
import type { PriceLevel } from "../../lib/core/events.ts";
import { BTC_USD } from "../fixtures/instruments.ts";
import { prng } from "../fakes/common/prng.ts";

const DEPTH = 1000;
const MESSAGES = 50_000;
const MID = 5_000_000;
const SPAN = 3000;

interface Message {
  bids: PriceLevel[];
  asks: PriceLevel[];
}

/**
 * Bids below MID, asks above it, so the book never crosses. Per change: ~60 % qty change at an existing
 * level, ~20 % insert, ~20 % delete, positions drawn as u³ so most land near the top; 1–3 changes a message.
 */
function generate(
  seed: number,
): { bids: PriceLevel[]; asks: PriceLevel[]; stream: Message[]; changes: number } {
  const rand = prng(seed);
  const qty = () => 1_000_000 + Math.floor(rand() * 500_000_000);
  // Model of each side: offsets from MID (1 = best) sorted ascending, and qty by offset.
  const sides = [0, 1].map(() => ({ offsets: [] as number[], qtys: new Map<number, number>() }));
  for (const s of sides) {
    let off = 0;
    while (s.offsets.length < DEPTH) {
      off += 1 + Math.floor(rand() * 5);
      s.offsets.push(off);
      s.qtys.set(off, qty());
    }
  }
  const toLevels = (sign: number, s: typeof sides[0]) =>
    s.offsets.map((o) => ({ price: MID + sign * o, qty: s.qtys.get(o)! }));
  const bids = toLevels(-1, sides[0]!);
  const asks = toLevels(1, sides[1]!);
  const stream: Message[] = [];
  let changes = 0;
  for (let m = 0; m < MESSAGES; m++) {
    const msg: Message = { bids: [], asks: [] };
    const count = 1 + Math.floor(rand() * 3);
    for (let c = 0; c < count; c++) {
      const bid = rand() < 0.5;
      const s = sides[bid ? 0 : 1]!;
      const sign = bid ? -1 : 1;
      const r = rand();
      const insertShare = s.offsets.length < DEPTH - 10 ? 0.25 : 0.2;
      let off: number;
      let q: number;
      if (r < 0.6) {
        off = s.offsets[Math.floor(s.offsets.length * rand() ** 3)]!;
        q = qty();
      } else if (r < 0.6 + insertShare) {
        off = 1 + Math.floor(SPAN * rand() ** 3);
        for (let tries = 0; tries < 10 && s.qtys.has(off); tries++) off = 1 + Math.floor(SPAN * rand() ** 3);
        q = qty();
      } else {
        off = s.offsets[Math.floor(s.offsets.length * rand() ** 3)]!;
        q = 0;
      }
      const at = lowerBound(s.offsets, off);
      const exists = s.offsets[at] === off;
      if (q === 0) {
        s.offsets.splice(at, 1);
        s.qtys.delete(off);
      } else {
        if (!exists) s.offsets.splice(at, 0, off);
        s.qtys.set(off, q);
      }
      (bid ? msg.bids : msg.asks).push({ price: MID + sign * off, qty: q });
      changes++;
    }
    for (const s of sides) {
      for (const o of s.offsets.splice(DEPTH)) s.qtys.delete(o);
    }
    stream.push(msg);
  }
  return { bids, asks, stream, changes };
}

function lowerBound(a: number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The straightforward alternative: plain arrays best first, binary search, splice. */
class SpliceBook {
  bids: number[][] = [[], []];
  asks: number[][] = [[], []];
  snapshot(bids: PriceLevel[], asks: PriceLevel[]): void {
    this.bids = [bids.map((l) => -l.price), bids.map((l) => l.qty)];
    this.asks = [asks.map((l) => l.price), asks.map((l) => l.qty)];
  }
  update(bids: PriceLevel[], asks: PriceLevel[]): void {
    for (const l of bids) this.#set(this.bids, -l.price, l.qty);
    for (const l of asks) this.#set(this.asks, l.price, l.qty);
    for (const s of [this.bids, this.asks]) {
      if (s[0]!.length > DEPTH) {
        s[0]!.length = DEPTH;
        s[1]!.length = DEPTH;
      }
    }
  }
  #set([keys, qtys]: number[][], key: number, qty: number): void {
    const i = lowerBound(keys!, key);
    if (keys![i] === key) {
      if (qty > 0) qtys![i] = qty;
      else {
        keys!.splice(i, 1);
        qtys!.splice(i, 1);
      }
    } else if (qty > 0) {
      keys!.splice(i, 0, key);
      qtys!.splice(i, 0, qty);
    }
  }
}

const { bids, asks, stream, changes } = generate(42);
const shuffled = (levels: PriceLevel[]) => {
  const rand = prng(7);
  const out = [...levels];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
};
const shuffledBids = shuffled(bids);
const shuffledAsks = shuffled(asks);

// Check once that the book follows the stream to the state the generator expected.
{
  const book = new OrderBook(BTC_USD, DEPTH);
  book.applySnapshot(bids, asks);
  for (const m of stream) book.applyUpdate(m.bids, m.asks);
  const ref = new SpliceBook();
  ref.snapshot(bids, asks);
  for (const m of stream) ref.update(m.bids, m.asks);
  const same =
    book.levels("bid").every((l, i) => -l.price === ref.bids[0]![i] && l.qty === ref.bids[1]![i]) &&
    book.size("bid") === ref.bids[0]!.length && book.size("ask") === ref.asks[0]!.length;
  if (!same) throw new Error("The book and the splice book disagree after the stream");
  console.log(
    `book stream: ${MESSAGES} messages, ${changes} level changes, depth ${DEPTH}; ` +
      `final sizes ${book.size("bid")}/${book.size("ask")}`,
  );
}

let sink = 0;
const streamName = `${MESSAGES} messages (${changes} level changes) + snapshot`;

Deno.bench(`baseline: sum the numbers of ${streamName}`, { group: "book", baseline: true }, () => {
  let sum = 0;
  for (const l of bids) sum += l.price + l.qty;
  for (const l of asks) sum += l.price + l.qty;
  for (let i = 0; i < stream.length; i++) {
    const m = stream[i]!;
    for (let j = 0; j < m.bids.length; j++) sum += m.bids[j]!.price + m.bids[j]!.qty;
    for (let j = 0; j < m.asks.length; j++) sum += m.asks[j]!.price + m.asks[j]!.qty;
  }
  sink += sum;
});

const book = new OrderBook(BTC_USD, DEPTH);
Deno.bench(`OrderBook: ${streamName}`, { group: "book" }, () => {
  book.applySnapshot(bids, asks);
  for (let i = 0; i < stream.length; i++) {
    const m = stream[i]!;
    book.applyUpdate(m.bids, m.asks);
  }
});

const spliceBook = new SpliceBook();
Deno.bench(`arrays + splice: ${streamName}`, { group: "book" }, () => {
  spliceBook.snapshot(bids, asks);
  for (let i = 0; i < stream.length; i++) spliceBook.update(stream[i]!.bids, stream[i]!.asks);
});

Deno.bench("snapshot of depth 1000, best first", { group: "snapshot", baseline: true }, () => {
  book.applySnapshot(bids, asks);
});

Deno.bench("snapshot of depth 1000, shuffled", { group: "snapshot" }, () => {
  book.applySnapshot(shuffledBids, shuffledAsks);
});

const full = new OrderBook(BTC_USD, DEPTH);
full.applySnapshot(bids, asks);
// ~3000 ticks of levels in 60 bins of 55 ticks: every level is visited.
Deno.bench("levels(ask, 60)", { group: "view", baseline: true }, () => {
  sink += full.levels("ask", 60).length;
});

Deno.bench("groupBook of 1000 levels into 60 rows", { group: "view" }, () => {
  sink += groupBook(full, "ask", 55, 60).length;
});

Deno.bench("depthBins of 1000 levels into 60 rows", { group: "view" }, () => {
  sink += depthBins(full, "bid", 55, 60).length;
});

Deno.bench("totals(bid): qty and exact cost over 1000 levels", { group: "view" }, () => {
  sink += full.totals("bid").qty;
});

Deno.bench("bestBid + bestAsk", { group: "top" }, () => {
  sink += full.bestBid() + full.bestAsk();
});

globalThis.addEventListener("unload", () => {
  if (sink === 0.5) console.log(sink);
});
