import type { BookReader } from "../../lib/core/exchange.ts";
import { crc32Final, CRC_INIT, CRC_TABLE as T0 } from "./crc32.ts";

/**
 * Kraken's book checksum (protocols.md §1.4): CRC-32 over the top 10 asks (best first) then the top 10
 * bids, each level written as price text then qty text at the pair's full precision with the dot and
 * leading zeros removed. That text is exactly the decimal digits of the integer tick count, so the CRC is
 * fed straight from the ticks: no strings, and no float ever touches the digits.
 *
 * Incremental: each book keeps its top-10 levels with their CRC contributions (the level's digits fed from
 * a zero register). A call re-reads the 20 levels (a lib/book OrderBook says which rank its last change
 * touched first, and only the ranks from there are read: none when it was below the top 10), recomputes
 * the contribution of a level only when its price or qty changed, and re-combines from the first changed
 * rank with precomputed "shift by L bytes" tables (CRC-32 is affine: crc(A || B) = shift(crc(A), |B|) ^
 * crc0(B)); with no change in the top 10 it returns the previous value. The result is exactly
 * krakenChecksumFull's (tests/exchanges/kraken).
 */
export function krakenChecksum(book: BookReader): number {
  let st: BookState | undefined;
  if (book === lastBook) st = lastState!;
  else {
    st = states.get(book);
    if (st === undefined) states.set(book, st = new BookState(book));
    lastBook = book;
    lastState = st;
  }
  let first: number;
  if (st.tracked) {
    // The book says what its last change touched (lib/book OrderBook): re-read only from there.
    const b = book as TrackedBook;
    const v = b.version;
    if (v === st.version) return st.crc;
    let fromAsk = 0;
    let fromBid = 0;
    if (v === st.version + 1) {
      fromAsk = b.changedFrom("ask");
      fromBid = b.changedFrom("bid");
    }
    st.version = v;
    if (fromAsk >= 10 && fromBid >= 10) return st.crc;
    first = Math.min(st.refresh(book, "ask", 0, fromAsk), st.refresh(book, "bid", 10, fromBid));
  } else first = Math.min(st.refresh(book, "ask", 0, 0), st.refresh(book, "bid", 10, 0));
  if (first === NONE) return st.crc;
  return st.combine(first);
}

/** The same checksum computed from scratch over the top 10 levels (the reference for the incremental one). */
export function krakenChecksumFull(book: BookReader): number {
  let crc = CRC_INIT;
  let n = book.size("ask");
  if (n > 10) n = 10;
  for (let i = 0; i < n; i++) {
    crc = crcNumber(crc, book.priceAt("ask", i));
    crc = crcNumber(crc, book.qtyAt("ask", i));
  }
  n = book.size("bid");
  if (n > 10) n = 10;
  for (let i = 0; i < n; i++) {
    crc = crcNumber(crc, book.priceAt("bid", i));
    crc = crcNumber(crc, book.qtyAt("bid", i));
  }
  return crc32Final(crc);
}

const NONE = 1 << 30;

/**
 * A book that says which ranks its last change touched and copies levels out in one call (lib/book
 * OrderBook: version, changedFrom, copyRanks).
 */
interface TrackedBook extends BookReader {
  readonly version: number;
  changedFrom(side: "bid" | "ask"): number;
  copyRanks(side: "bid" | "ask", from: number, to: number, prices: Float64Array, qtys: Float64Array): number;
}

function isTracked(book: BookReader): book is TrackedBook {
  const b = book as Partial<TrackedBook>;
  return typeof b.version === "number" && typeof b.changedFrom === "function" &&
    typeof b.copyRanks === "function";
}
const TOP_P = new Float64Array(10);
const TOP_Q = new Float64Array(10);
const states = new WeakMap<BookReader, BookState>();
let lastBook: BookReader | null = null;
let lastState: BookState | null = null;

/**
 * The top 10 asks (slots 0-9) then the top 10 bids (10-19) of one book as last seen: prices, quantities,
 * each level's CRC contribution from a zero register and its digit count, and the register after each slot.
 */
class BookState {
  readonly price = new Float64Array(20);
  readonly qty = new Float64Array(20);
  readonly part = new Int32Array(20);
  readonly len = new Uint8Array(20);
  readonly after = new Int32Array(20);
  /** Levels held per side: [asks, bids]. */
  readonly count = new Uint8Array(2);
  crc = crc32Final(CRC_INIT);
  /** Whether the book is a TrackedBook, and its version when last read. */
  readonly tracked: boolean;
  version = -1;

  constructor(book: BookReader) {
    this.tracked = isTracked(book);
  }

  /**
   * Re-reads one side from rank `from` (the ranks above are known unchanged); returns the first slot that
   * changed, or NONE. A level that moved one rank (an insert or delete above it) takes its contribution
   * from its old slot: it depends only on price and qty.
   */
  refresh(book: BookReader, side: "ask" | "bid", base: number, from: number): number {
    const c = base === 0 ? 0 : 1;
    if (from >= 10) return NONE;
    // One copy of the ranks from `from` where the book offers it (lib/book OrderBook), else a call per value.
    let n: number;
    if (this.tracked) n = (book as TrackedBook).copyRanks(side, from, 10, TOP_P, TOP_Q);
    else {
      n = Math.min(10, book.size(side));
      for (let i = from; i < n; i++) {
        TOP_P[i] = book.priceAt(side, i);
        TOP_Q[i] = book.qtyAt(side, i);
      }
    }
    const { price, qty } = this;
    // The common case first: nothing changed up to the end (a tight compare, no bookkeeping).
    let i = from;
    while (i < n && TOP_P[i] === price[base + i] && TOP_Q[i] === qty[base + i]) i++;
    let first = NONE;
    if (i < n) {
      first = base + i;
      this.#reconcile(base, i, n);
    }
    const was = this.count[c]!;
    if (n !== was) {
      // Slots beyond n keep their last level: a contribution depends only on its price and qty.
      this.count[c] = n;
      if (first === NONE) first = base + Math.min(n, was);
    }
    return first;
  }

  /** Takes the new levels of slots base+from .. base+n from TOP_P/TOP_Q, slot base+from being changed. */
  #reconcile(base: number, from: number, n: number): void {
    const { price, qty, part, len } = this;
    // The old level of the slot above (overwritten by now, except above `from`, which is unchanged).
    const above = base + from - 1;
    let upP = from > 0 ? price[above]! : NaN;
    let upQ = from > 0 ? qty[above]! : NaN;
    let upPart = from > 0 ? part[above]! : 0;
    let upLen = from > 0 ? len[above]! : 0;
    for (let i = from; i < n; i++) {
      const p = TOP_P[i]!;
      const q = TOP_Q[i]!;
      const k = base + i;
      const oldP = price[k]!;
      const oldQ = qty[k]!;
      const oldPart = part[k]!;
      const oldLen = len[k]!;
      if (p !== oldP || q !== oldQ) {
        if (p === upP && q === upQ) {
          part[k] = upPart;
          len[k] = upLen;
        } else if (i < 9 && p === price[k + 1] && q === qty[k + 1]) {
          part[k] = part[k + 1]!;
          len[k] = len[k + 1]!;
        } else {
          part[k] = crcNumber(crcNumber(0, p), q);
          len[k] = digitCount(p) + digitCount(q);
        }
        price[k] = p;
        qty[k] = q;
      }
      upP = oldP;
      upQ = oldQ;
      upPart = oldPart;
      upLen = oldLen;
    }
  }

  /** The checksum, re-combined from slot `first` on. */
  combine(first: number): number {
    const { part, len, after } = this;
    const asks = this.count[0]!;
    const bids = this.count[1]!;
    let k = first;
    let crc: number;
    if (k < 10) {
      if (k > asks) k = asks;
      crc = k === 0 ? CRC_INIT : after[k - 1]!;
    } else {
      if (k > 10 + bids) k = 10 + bids;
      crc = k > 10 ? after[k - 1]! : asks === 0 ? CRC_INIT : after[asks - 1]!;
    }
    for (; k < asks; k++) after[k] = crc = shift(crc, len[k]!) ^ part[k]!;
    if (k < 10) k = 10;
    for (; k < 10 + bids; k++) after[k] = crc = shift(crc, len[k]!) ^ part[k]!;
    return this.crc = crc32Final(crc);
  }
}

/** Decimal digits of a non-negative safe integer (none for 0), by comparisons: no division. */
function digitCount(n: number): number {
  if (n < 1e8) {
    if (n < 1e4) return n < 100 ? (n < 10 ? (n === 0 ? 0 : 1) : 2) : n < 1e3 ? 3 : 4;
    return n < 1e6 ? (n < 1e5 ? 5 : 6) : n < 1e7 ? 7 : 8;
  }
  let d = 9;
  for (let t = 1e9; n >= t && d < 16; t *= 10) d++;
  return d;
}

/**
 * SHIFT[L * 1024 + 256 * j + b]: the register after feeding L zero bytes into a register holding only byte
 * b at byte position j. Feeding zeros is linear, so four lookups shift any register by L bytes.
 */
const MAX_LEVEL_DIGITS = 32;
const SHIFT = new Int32Array((MAX_LEVEL_DIGITS + 1) * 1024);
for (let j = 0; j < 4; j++) for (let b = 0; b < 256; b++) SHIFT[256 * j + b] = b << (8 * j);
for (let l = 1; l <= MAX_LEVEL_DIGITS; l++) {
  for (let e = 0; e < 1024; e++) {
    const x = SHIFT[(l - 1) * 1024 + e]!;
    SHIFT[l * 1024 + e] = T0[x & 0xff]! ^ (x >>> 8);
  }
}

function shift(crc: number, l: number): number {
  const o = l * 1024;
  return SHIFT[o + (crc & 0xff)]! ^ SHIFT[o + 256 + ((crc >>> 8) & 0xff)]! ^
    SHIFT[o + 512 + ((crc >>> 16) & 0xff)]! ^ SHIFT[o + 768 + (crc >>> 24)]!;
}

/** The text the checksum is computed over, for diagnostics and tests. */
export function krakenChecksumText(book: BookReader): string {
  let s = "";
  for (const side of ["ask", "bid"] as const) {
    const n = Math.min(10, book.size(side));
    for (let i = 0; i < n; i++) s += digits(book.priceAt(side, i)) + digits(book.qtyAt(side, i));
  }
  return s;
}

function digits(ticks: number): string {
  return ticks === 0 ? "" : String(ticks);
}

// Numbers go in as 4-digit groups: ASCII digits packed little-endian into one int32 and fed to the CRC
// four bytes at a time (slicing-by-4); the leading group has 1-4 digits and no leading zeros.
const T1 = new Int32Array(256);
const T2 = new Int32Array(256);
const T3 = new Int32Array(256);
for (let i = 0; i < 256; i++) {
  let c = T0[i]!;
  c = T0[c & 0xff]! ^ (c >>> 8);
  T1[i] = c;
  c = T0[c & 0xff]! ^ (c >>> 8);
  T2[i] = c;
  c = T0[c & 0xff]! ^ (c >>> 8);
  T3[i] = c;
}
/** "0042" as bytes, for every 0..9999. */
const GROUP = new Int32Array(10_000);
/** "42" as bytes (no leading zeros, nothing for 0), and its length. */
const LEAD = new Int32Array(10_000);
const LEAD_LEN = new Uint8Array(10_000);
for (let v = 0; v < 10_000; v++) {
  const padded = String(v).padStart(4, "0");
  const short = v === 0 ? "" : String(v);
  for (let k = 0; k < 4; k++) GROUP[v] = GROUP[v]! | (padded.charCodeAt(k) << (8 * k));
  for (let k = 0; k < short.length; k++) LEAD[v] = LEAD[v]! | (short.charCodeAt(k) << (8 * k));
  LEAD_LEN[v] = short.length;
}

function group(crc: number, bytes: number): number {
  crc ^= bytes;
  return T3[crc & 0xff]! ^ T2[(crc >>> 8) & 0xff]! ^ T1[(crc >>> 16) & 0xff]! ^ T0[crc >>> 24]!;
}

function lead(crc: number, v: number): number {
  crc ^= LEAD[v]!;
  switch (LEAD_LEN[v]) {
    case 1:
      return T0[crc & 0xff]! ^ (crc >>> 8);
    case 2:
      return T1[crc & 0xff]! ^ T0[(crc >>> 8) & 0xff]! ^ (crc >>> 16);
    case 3:
      return T2[crc & 0xff]! ^ T1[(crc >>> 8) & 0xff]! ^ T0[(crc >>> 16) & 0xff]! ^ (crc >>> 24);
    case 4:
      return T3[crc & 0xff]! ^ T2[(crc >>> 8) & 0xff]! ^ T1[(crc >>> 16) & 0xff]! ^ T0[crc >>> 24]!;
    default:
      return crc;
  }
}

/** Feeds the decimal digits of a non-negative safe integer (none for 0) into the CRC. */
function crcNumber(crc: number, n: number): number {
  if (n < 1e4) return lead(crc, n);
  if (n < 1e8) {
    const hi = Math.floor(n / 1e4);
    return group(lead(crc, hi), GROUP[n - hi * 1e4]!);
  }
  const a = Math.floor(n / 1e8);
  const b = n - a * 1e8;
  if (a < 1e4) crc = lead(crc, a);
  else {
    const hi = Math.floor(a / 1e4);
    crc = group(lead(crc, hi), GROUP[a - hi * 1e4]!);
  }
  const bh = Math.floor(b / 1e4);
  return group(group(crc, GROUP[bh]!), GROUP[b - bh * 1e4]!);
}
