import type { PriceLevel } from "../../lib/core/events.ts";
import type { Instrument } from "../../lib/core/instrument.ts";
import { pow10 } from "../../lib/core/ticks.ts";
import { bestFirst, type BookItem, type VenuePairs } from "./parse.ts";

const HEAD = '{"channel":"book_lv2","data":[{"symbol":"';
const SNAPSHOT_TAIL = '}],"action":"snapshot"}';
const UPDATE_TAIL = '}],"action":"update"}';

/** Where the scanner is in the text; module state keeps the hot loop free of allocations. */
let pos = 0;

/**
 * The fast path for `book_lv2` frames in the layout Poloniex sends them (protocols.md §5.2.7: one book,
 * members symbol, createTime, asks, bids, lastId, id, ts, then action), read straight from the text into
 * ticks without JSON.parse. Anything else (another layout, a decimal that is not plain text at the pair's
 * precision, an id beyond 2^53, an unknown pair) returns null, and the frame takes the generic path, which
 * gives the same events or says what is wrong.
 */
export function scanBookFrame(
  text: string,
  pairs: VenuePairs,
): { snapshot: boolean; item: BookItem } | null {
  if (!text.startsWith(HEAD)) return null;
  const end = text.indexOf('"', HEAD.length);
  if (end < 0) return null;
  const inst = pairs.get(text.slice(HEAD.length, end));
  if (!inst) return null;
  pos = end + 1;
  const snapshot = text.endsWith(SNAPSHOT_TAIL);
  if (!snapshot && !text.endsWith(UPDATE_TAIL)) return null;
  if (!key(text, ',"createTime":') || whole(text) < 0) return null;
  if (!key(text, ',"asks":[')) return null;
  const asks = levels(text, inst, snapshot);
  if (asks === null || !key(text, ',"bids":[')) return null;
  const bids = levels(text, inst, snapshot);
  if (bids === null || !key(text, ',"lastId":')) return null;
  const lastId = whole(text);
  if (lastId < 0 || !key(text, ',"id":')) return null;
  const id = whole(text);
  if (id < 0 || !key(text, ',"ts":')) return null;
  const ts = whole(text);
  if (ts < 0 || pos !== text.length - (snapshot ? SNAPSHOT_TAIL : UPDATE_TAIL).length) return null;
  if (snapshot) {
    bestFirst(bids, true);
    bestFirst(asks, false);
  }
  return { snapshot, item: { inst, bids, asks, id: String(id), lastId: String(lastId), time: ts } };
}

function key(text: string, k: string): boolean {
  if (!text.startsWith(k, pos)) return false;
  pos += k.length;
  return true;
}

/** A JSON whole number of at most 15 digits at pos; -1 for anything else. */
function whole(text: string): number {
  let v = 0;
  const start = pos;
  for (;;) {
    const d = text.charCodeAt(pos) - 48;
    if (d < 0 || d > 9) break;
    v = v * 10 + d;
    pos++;
  }
  const n = pos - start;
  return n === 0 || n > 15 ? -1 : v;
}

/** `["price","qty"],...]` up to and past the closing bracket; null when not exactly that. */
function levels(text: string, inst: Instrument, snapshot: boolean): PriceLevel[] | null {
  const out: PriceLevel[] = [];
  if (text.charCodeAt(pos) === 93) { // ]
    pos++;
    return out;
  }
  for (;;) {
    if (!key(text, '["')) return null;
    const price = decimal(text, inst.pricePrecision);
    if (price <= 0 || !key(text, '","')) return null;
    const qty = decimal(text, inst.qtyPrecision);
    if (qty < 0 || !key(text, '"]')) return null;
    if (!snapshot || qty > 0) out.push({ price, qty });
    const c = text.charCodeAt(pos++);
    if (c === 93) return out; // ]
    if (c !== 44) return null; // ,
  }
}

/**
 * Plain decimal text at pos up to its closing quote, as ticks at `precision` (the rules of parseTicks: extra
 * fractional digits only when they are zeros, a safe integer); -1 for anything else.
 */
function decimal(text: string, precision: number): number {
  let v = 0;
  let digits = 0;
  let frac = -1;
  for (;;) {
    const c = text.charCodeAt(pos);
    if (c === 34) break; // "
    pos++;
    if (c === 46) {
      if (frac >= 0) return -1;
      frac = 0;
      continue;
    }
    const d = c - 48;
    if (d < 0 || d > 9) return -1;
    digits++;
    if (frac >= 0) {
      if (frac >= precision) {
        if (d !== 0) return -1;
        continue;
      }
      frac++;
    }
    v = v * 10 + d;
  }
  if (digits === 0 || frac === 0) return -1;
  if (frac < precision) v *= pow10(precision - (frac < 0 ? 0 : frac));
  return Number.isSafeInteger(v) ? v : -1;
}
