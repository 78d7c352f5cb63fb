import type { PriceLevel } from "../../lib/core/events.ts";
import type { Instrument } from "../../lib/core/instrument.ts";
import { pow10 } from "../../lib/core/ticks.ts";

/** A book frame read by the scanner. */
export interface ScannedBook {
  readonly kind: "top" | "diff";
  readonly inst: Instrument;
  readonly micros: number;
  readonly bids: PriceLevel[];
  readonly asks: PriceLevel[];
}

const HEAD = '{"data":{"timestamp":"';
const MICROS = '","microtimestamp":"';
const BIDS = '","bids":[';
const ASKS = '],"asks":[';
const TAIL = ']},"channel":"';
const END = '","event":"data"}';

/**
 * The fast path for book frames in the layout Bitstamp sends them (the probe's and JKorf's recordings,
 * protocols.md §5.1.7): `{"data":{"timestamp":"…","microtimestamp":"…","bids":[["p","q"],…],"asks":[…]},
 * "channel":"…","event":"data"}` with no spaces. Digits go straight to ticks, no strings or objects on the
 * way. Anything else (another key order, spaces, an exponent, digits beyond the precision, an unknown
 * market) returns null and the frame takes the JSON path, which reads it or says what is wrong.
 */
export function scanBookFrame(
  text: string,
  market: (name: string) => Instrument | undefined,
): ScannedBook | null {
  if (!text.startsWith(HEAD) || !text.endsWith(END)) return null;
  const tail = text.lastIndexOf(TAIL);
  if (tail < 0) return null;
  const channel = text.slice(tail + TAIL.length, text.length - END.length);
  let kind: "top" | "diff";
  let name: string;
  if (channel.startsWith("order_book_")) {
    kind = "top";
    name = channel.slice(11);
  } else if (channel.startsWith("diff_order_book_")) {
    kind = "diff";
    name = channel.slice(16);
  } else return null;
  const inst = market(name);
  if (!inst) return null;
  let i = text.indexOf(MICROS, HEAD.length);
  if (i < 0) return null;
  i += MICROS.length;
  let micros = 0;
  const m0 = i;
  for (let c = text.charCodeAt(i); c >= 48 && c <= 57; c = text.charCodeAt(++i)) {
    micros = micros * 10 + (c - 48);
  }
  if (i === m0 || i - m0 > 16 || !text.startsWith(BIDS, i)) return null;
  const bids: PriceLevel[] = [];
  i = levels(text, i + BIDS.length, inst, bids);
  if (i < 0 || !text.startsWith(ASKS, i)) return null;
  const asks: PriceLevel[] = [];
  i = levels(text, i + ASKS.length, inst, asks);
  if (i !== tail) return null;
  return { kind, inst, micros, bids, asks };
}

/** `["p","q"],["p","q"]` up to the closing `]` (not consumed); the index of that `]`, or -1. */
function levels(text: string, i: number, inst: Instrument, out: PriceLevel[]): number {
  if (text.charCodeAt(i) === 93) return i;
  for (;;) {
    // ["
    if (text.charCodeAt(i) !== 91 || text.charCodeAt(i + 1) !== 34) return -1;
    const price = ticks(text, i + 2, inst.pricePrecision);
    if (price < 0) return -1;
    i = end;
    // ","
    if (text.charCodeAt(i) !== 34 || text.charCodeAt(i + 1) !== 44 || text.charCodeAt(i + 2) !== 34) {
      return -1;
    }
    const qty = ticks(text, i + 3, inst.qtyPrecision);
    if (qty < 0) return -1;
    i = end;
    // "]
    if (text.charCodeAt(i) !== 34 || text.charCodeAt(i + 1) !== 93) return -1;
    out.push({ price, qty });
    i += 2;
    const c = text.charCodeAt(i);
    if (c === 93) return i;
    if (c !== 44) return -1;
    i++;
  }
}

/** Where the last number scanned ended (at its closing quote). */
let end = 0;

/** Decimal digits at `i` as ticks at `precision`, exact; -1 for anything the fast path does not take. */
function ticks(text: string, i: number, precision: number): number {
  let value = 0;
  let digits = 0;
  let c = text.charCodeAt(i);
  for (; c >= 48 && c <= 57; c = text.charCodeAt(++i)) {
    value = value * 10 + (c - 48);
    digits++;
  }
  if (digits === 0) return -1;
  let frac = 0;
  if (c === 46) {
    c = text.charCodeAt(++i);
    for (; c >= 48 && c <= 57; c = text.charCodeAt(++i)) {
      if (frac < precision) {
        value = value * 10 + (c - 48);
        frac++;
      } else if (c !== 48) return -1;
    }
  }
  if (c !== 34) return -1;
  end = i;
  if (frac < precision) value *= pow10(precision - frac);
  return Number.isSafeInteger(value) ? value : -1;
}
