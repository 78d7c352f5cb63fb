import type { PriceLevel } from "../../lib/core/events.ts";
import type { BookReader } from "../../lib/core/exchange.ts";

/** Levels a side `order_book_<pair>` carries, and so the levels a check compares. */
export const TOP_LEVELS = 100;

/**
 * A 32-bit digest of the best `TOP_LEVELS` levels a side (bids then asks, price and quantity in ticks).
 * Bitstamp sends no checksum; PyTrader computes this over the venue's `order_book_<pair>` frame and over
 * the local book built from `diff_order_book_<pair>`, so a diff lost on the way shows as a difference.
 */
export function digestLevels(bids: readonly PriceLevel[], asks: readonly PriceLevel[]): number {
  let h = 0x811c9dc5;
  const nb = Math.min(bids.length, TOP_LEVELS);
  for (let i = 0; i < nb; i++) h = mix(mix(h, bids[i]!.price), bids[i]!.qty);
  h = mix(h, nb);
  const na = Math.min(asks.length, TOP_LEVELS);
  for (let i = 0; i < na; i++) h = mix(mix(h, asks[i]!.price), asks[i]!.qty);
  return mix(h, na);
}

/** The same digest over a book held elsewhere (the Trader's, replay's). */
export function digestBook(book: BookReader): number {
  let h = 0x811c9dc5;
  const nb = Math.min(book.size("bid"), TOP_LEVELS);
  for (let i = 0; i < nb; i++) h = mix(mix(h, book.priceAt("bid", i)), book.qtyAt("bid", i));
  h = mix(h, nb);
  const na = Math.min(book.size("ask"), TOP_LEVELS);
  for (let i = 0; i < na; i++) h = mix(mix(h, book.priceAt("ask", i)), book.qtyAt("ask", i));
  return mix(h, na);
}

/** FNV-1a style mixing of a safe integer, its low and high 32 bits. */
function mix(h: number, v: number): number {
  h = Math.imul(h ^ (v >>> 0), 0x01000193);
  return Math.imul(h ^ Math.floor(v / 4294967296), 0x01000193) >>> 0;
}
