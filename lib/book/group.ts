/**
 * Grouping of book levels into rows (book view) and bins (depth chart), in exact integer ticks: a bin is a
 * multiple of the group size g, found with an integer remainder, so no level is misplaced or skipped the
 * way the original's float division did (0.0209 / 0.0001 = 208.99999999999997).
 */
import { parseDecimal } from "../core/decimal.ts";
import { pow10 } from "../core/ticks.ts";
import { type BookSide, type OrderBook, sideStore } from "./order_book.ts";
import type { SideStore } from "./side_store.ts";

export interface BookRow {
  readonly price: number;
  readonly qty: number;
  readonly total: number;
}

/**
 * Converts a group size given as decimal text ("0.0001") to price ticks of `pricePrecision`.
 * 0, or a size smaller than one tick, gives 0 (no grouping). A size that is not a whole number of ticks
 * throws RangeError.
 */
export function groupTicks(group: string, pricePrecision: number): number {
  pow10(pricePrecision);
  const d = parseDecimal(group);
  if (d.units < 0n) throw new RangeError(`Cannot group the book by ${group}: the size is negative`);
  const num = d.units * 10n ** BigInt(pricePrecision);
  const den = 10n ** BigInt(d.scale);
  if (num < den) return 0;
  if (num % den !== 0n) {
    throw new RangeError(
      `Cannot group the book by ${group}: not a whole number of price ticks (${pricePrecision} decimals)`,
    );
  }
  const ticks = Number(num / den);
  if (!Number.isSafeInteger(ticks)) throw new RangeError(`Cannot group the book by ${group}: too large`);
  return ticks;
}

/**
 * Rows for the order book view, best first, at most `rows`. group 0 = one row per level. With grouping,
 * the first row is the exact best level; then bins at multiples of g strictly beyond it: asks round up
 * (bin k·g holds ((k-1)·g, k·g]), bids round down (bin k·g holds [k·g, (k+1)·g)). Empty bins are skipped.
 * `total` is the cumulative quantity from the best through the row.
 */
export function groupBook(book: OrderBook, side: BookSide, group: number, rows: number): BookRow[] {
  const s = sideStore(book, side);
  rows = checkArgs(group, rows);
  if (group === 0) return perLevel(s, rows);
  const out: BookRow[] = [];
  if (rows < 1 || s.end === s.start) return out;
  const j = s.end - 1;
  const qty = s.qtys[j]!;
  out.push({ price: s.sign * s.keys[j]!, qty, total: qty });
  return bin(s, j - 1, group, rows, out, qty);
}

/**
 * Bins for the depth chart, best first, at most `rows`: asks at ceil(p/g)·g, bids at floor(p/g)·g, with
 * no exact first row. Empty bins are skipped; group 0 = one bin per level.
 */
export function depthBins(book: OrderBook, side: BookSide, group: number, rows: number): BookRow[] {
  const s = sideStore(book, side);
  rows = checkArgs(group, rows);
  if (group === 0) return perLevel(s, rows);
  return bin(s, s.end - 1, group, rows, [], 0);
}

/** Returns the row count as a whole number (Infinity allowed). */
function checkArgs(group: number, rows: number): number {
  if (!(Number.isSafeInteger(group) && group >= 0)) {
    throw new RangeError(`Cannot group the book: group ${group} is not a whole number of ticks`);
  }
  if (!(rows >= 0)) throw new RangeError(`Cannot group the book: row count ${rows} is negative`);
  return Math.floor(rows);
}

function perLevel(s: SideStore, rows: number): BookRow[] {
  const { keys, qtys, sign } = s;
  const stop = Math.max(s.start, s.end - rows);
  const out: BookRow[] = [];
  let total = 0;
  for (let j = s.end - 1; j >= stop; j--) {
    const qty = qtys[j]!;
    total += qty;
    out.push({ price: sign * keys[j]!, qty, total });
  }
  return checked(out, total);
}

/** Appends bins for levels j, j-1, ... down to the worst, stopping at `rows` rows. */
function bin(s: SideStore, j: number, g: number, rows: number, out: BookRow[], total: number): BookRow[] {
  const { keys, qtys, sign, start } = s;
  const up = sign < 0;
  if (out.length >= rows) return out;
  // Levels get worse as j falls, so a level stays in the current bin until it passes the bin price;
  // only then is the next bin computed (asks round up, bids down).
  let price = up ? -Infinity : Infinity;
  let qty = 0;
  for (; j >= start; j--) {
    const p = sign * keys[j]!;
    if (up ? p > price : p < price) {
      if (qty > 0) {
        total += qty;
        out.push({ price, qty, total });
        if (out.length >= rows) return checked(out, total);
      }
      const r = p % g;
      price = r === 0 ? p : up ? p - r + g : p - r;
      qty = 0;
    }
    qty += qtys[j]!;
  }
  if (qty > 0) {
    total += qty;
    out.push({ price, qty, total });
  }
  return checked(out, total);
}

function checked(out: BookRow[], total: number): BookRow[] {
  if (!Number.isSafeInteger(total)) {
    throw new RangeError(`Book quantity sum ${total} is too large for exact arithmetic`);
  }
  return out;
}
