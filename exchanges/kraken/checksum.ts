import type { BookReader } from "../../lib/core/exchange.ts";
import { crc32Final, CRC_INIT, CRC_TABLE as T0 } from "./crc32.ts";

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
