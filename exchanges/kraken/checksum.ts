import type { BookReader } from "../../lib/core/exchange.ts";
import { crc32Final, CRC_INIT, CRC_TABLE } from "./crc32.ts";

/**
 * Kraken's book checksum (protocols.md §1.4): CRC-32 over the top 10 asks (best first) then the top 10
 * bids, each level written as price text then qty text at the pair's full precision with the dot and
 * leading zeros removed. That text is exactly the decimal digits of the integer tick count, so the CRC is
 * fed straight from the ticks: no strings, and no float ever touches the digits.
 */
export function krakenChecksum(book: BookReader): number {
  let crc = CRC_INIT;
  let n = book.size("ask");
  if (n > 10) n = 10;
  for (let i = 0; i < n; i++) {
    crc = crcDigits(crc, book.priceAt("ask", i));
    crc = crcDigits(crc, book.qtyAt("ask", i));
  }
  n = book.size("bid");
  if (n > 10) n = 10;
  for (let i = 0; i < n; i++) {
    crc = crcDigits(crc, book.priceAt("bid", i));
    crc = crcDigits(crc, book.qtyAt("bid", i));
  }
  return crc32Final(crc);
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

const E8 = 100_000_000;

/** Feeds the decimal digits of a non-negative safe integer (none for 0) into the CRC. */
function crcDigits(crc: number, n: number): number {
  if (n < E8) return n === 0 ? crc : crcBelow1e8(crc, n, false);
  const hi = Math.floor(n / E8);
  return crcBelow1e8(crcBelow1e8(crc, hi, false), n - hi * E8, true);
}

/** Digits of 0 <= n < 1e8; `pad` writes all 8 (leading zeros kept, for the low half of a big number). */
function crcBelow1e8(crc: number, n: number, pad: boolean): number {
  let div = 10_000_000;
  if (!pad) { while (div > n) div = (div / 10) | 0; }
  while (div > 0) {
    const d = (n / div) | 0;
    n -= d * div;
    crc = CRC_TABLE[(crc ^ (48 + d)) & 0xff]! ^ (crc >>> 8);
    div = (div / 10) | 0;
  }
  return crc;
}
