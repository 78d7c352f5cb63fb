import type { BookSnapshot, BookUpdate, PriceLevel } from "../../lib/core/events.ts";
import type { Instrument } from "../../lib/core/instrument.ts";
import type { PairTable } from "./parse.ts";

/**
 * The hot path: a Kraken WS v2 book frame in the layout the venue sends,
 *   {"channel":"book","type":"update","data":[{"symbol":"BTC/USD","bids":[{"price":45283.5,"qty":0.1}],
 *    "asks":[],"checksum":3310070434,"timestamp":"2023-10-06T17:35:55.440295Z"}]}
 * read in one pass with prices and quantities going straight from digits to ticks. Returns null for
 * anything else (other frames, other layouts, whitespace, exponents, bad or out-of-range numbers, unknown
 * pairs): the caller then uses parseWsFrame, which gives the same events or says what is wrong.
 * The frame is text[start, end): replay reads frames in place in the chunk of lines it read.
 */
export function scanBookFrame(
  text: string,
  pairs: PairTable,
  now: number,
  start = 0,
  end: number = text.length,
): BookSnapshot | BookUpdate | null {
  limit = end;
  // Long constant runs are compared as one slice: a native compare, several times cheaper than a char loop.
  let i = start + HEAD_UPDATE.length;
  let snapshot: boolean;
  if (i <= end && text.slice(start, i) === HEAD_UPDATE) snapshot = false;
  else {
    i = start + HEAD_SNAPSHOT.length;
    if (i > end || text.slice(start, i) !== HEAD_SNAPSHOT) return null;
    snapshot = true;
  }

  let inst: Instrument | undefined;
  let bids: readonly PriceLevel[] | null = null;
  let asks: readonly PriceLevel[] | null = null;
  let checksum = -1;
  let time = now;
  for (;;) {
    if (text.charCodeAt(i) !== QUOTE) return null;
    const c = text.charCodeAt(i + 1);
    if (c === 115) {
      const key = lastSymbolKey;
      if (
        lastInst !== undefined && i + key.length <= end && text.slice(i, i + key.length) === key &&
        pairs.get(lastSymbol) === lastInst
      ) {
        inst = lastInst;
        i += key.length;
      } else {
        if (!matches(text, i, SYMBOL_KEY)) return null;
        i += SYMBOL_KEY.length;
        const close = text.indexOf('"', i);
        if (close < 0 || close >= end) return null;
        const symbol = text.slice(i, close);
        inst = pairs.get(symbol);
        if (!inst) return null;
        lastSymbol = symbol;
        lastSymbolKey = `"symbol":"${symbol}"`;
        lastInst = inst;
        i = close + 1;
      }
    } else if (c === 98 && matches(text, i, BIDS_KEY)) {
      if (!inst) return null;
      bids = scanLevels(text, i + BIDS_KEY.length, inst.pricePrecision, inst.qtyPrecision);
      if (bids === null) return null;
      i = pos;
    } else if (c === 97 && matches(text, i, ASKS_KEY)) {
      if (!inst) return null;
      asks = scanLevels(text, i + ASKS_KEY.length, inst.pricePrecision, inst.qtyPrecision);
      if (asks === null) return null;
      i = pos;
    } else if (c === 99 && matches(text, i, CHECKSUM_KEY)) {
      i += CHECKSUM_KEY.length;
      let v = 0;
      const from = i;
      for (let d = text.charCodeAt(i) - 48; d >= 0 && d <= 9; d = text.charCodeAt(++i) - 48) v = v * 10 + d;
      if (i === from || i - from > 10 || v > 0xffffffff || (text.charCodeAt(from) === 48 && i - from > 1)) {
        return null;
      }
      checksum = v;
    } else if (c === 116 && matches(text, i, TIMESTAMP_KEY)) {
      i += TIMESTAMP_KEY.length;
      const t = scanTime(text, i);
      if (t < 0) return null;
      time = t;
      i = pos;
    } else return null;
    const sep = text.charCodeAt(i);
    if (sep === COMMA) i++;
    else if (sep === CLOSE_BRACE) break;
    else return null;
  }
  if (!matches(text, i, END) || i + END.length !== end) return null;
  if (!inst || checksum < 0) return null;
  if (snapshot) {
    return {
      kind: "BookSnapshot",
      symbol: inst.symbol,
      bids: bids ?? NO_LEVELS,
      asks: asks ?? NO_LEVELS,
      time: now,
      checksum,
    };
  }
  return {
    kind: "BookUpdate",
    symbol: inst.symbol,
    bids: bids ?? NO_LEVELS,
    asks: asks ?? NO_LEVELS,
    time,
    checksum,
  };
}

const HEAD_UPDATE = '{"channel":"book","type":"update","data":[{';
const HEAD_SNAPSHOT = '{"channel":"book","type":"snapshot","data":[{';
const SYMBOL_KEY = codes('"symbol":"');
const BIDS_KEY = codes('"bids":[');
const ASKS_KEY = codes('"asks":[');
const CHECKSUM_KEY = codes('"checksum":');
const TIMESTAMP_KEY = codes('"timestamp":"');
const LEVEL_PRICE = codes('{"price":');
const LEVEL_QTY = codes(',"qty":');
const END = codes("}]}");
const QUOTE = 34;

function codes(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

/** Whether `text` has exactly `expect` at `i`. */
function matches(text: string, i: number, expect: Uint8Array): boolean {
  const n = expect.length;
  if (i + n > limit) return false;
  for (let k = 0; k < n; k++) if (text.charCodeAt(i + k) !== expect[k]) return false;
  return true;
}
/** One shared empty side (most updates change one side only): events are never mutated. */
const NO_LEVELS: readonly PriceLevel[] = Object.freeze([]);
const COMMA = 44;
const CLOSE_BRACE = 125;
const CLOSE_BRACKET = 93;
const POW10: readonly number[] = Array.from({ length: 16 }, (_, k) => 10 ** k);

/** Where the last scan stopped (saves allocating a result object per number). */
let pos = 0;
/** The end of the frame being scanned. */
let limit = 0;
let lastSymbol = "";
/** `"symbol":"BTC/USD"` for lastSymbol. */
let lastSymbolKey = "";
let lastInst: Instrument | undefined;

/** Levels after the opening '['; sets pos after the closing ']'. */
function scanLevels(text: string, i: number, pp: number, qp: number): readonly PriceLevel[] | null {
  if (text.charCodeAt(i) === CLOSE_BRACKET) {
    pos = i + 1;
    return NO_LEVELS;
  }
  const out: PriceLevel[] = [];
  for (;;) {
    if (!matches(text, i, LEVEL_PRICE)) return null;
    const price = scanTicks(text, i + LEVEL_PRICE.length, pp);
    if (price <= 0) return null;
    i = pos;
    if (!matches(text, i, LEVEL_QTY)) return null;
    const qty = scanTicks(text, i + LEVEL_QTY.length, qp);
    if (qty < 0) return null;
    i = pos;
    if (text.charCodeAt(i) !== CLOSE_BRACE) return null;
    out.push({ price, qty });
    const c = text.charCodeAt(i + 1);
    if (c === COMMA) i += 2;
    else if (c === CLOSE_BRACKET) {
      pos = i + 2;
      return out;
    } else return null;
  }
}

/** Plain unsigned decimal text to ticks; -1 for anything else (sign, exponent, excess digits, > 2^53). */
function scanTicks(text: string, i: number, precision: number): number {
  let v = 0;
  const start = i;
  let d = text.charCodeAt(i) - 48;
  for (; d >= 0 && d <= 9; d = text.charCodeAt(++i) - 48) v = v * 10 + d;
  if (i === start || (i - start > 1 && text.charCodeAt(start) === 48)) return -1;
  let frac = 0;
  if (d === -2) {
    const fracStart = ++i;
    d = text.charCodeAt(i) - 48;
    for (; d >= 0 && d <= 9; d = text.charCodeAt(++i) - 48) {
      if (frac < precision) {
        v = v * 10 + d;
        frac++;
      } else if (d !== 0) return -1;
    }
    if (i === fracStart) return -1;
  }
  if (d === 21 || d === 53) return -1;
  pos = i;
  if (frac < precision) v *= POW10[precision - frac]!;
  return v <= MAX_SAFE ? v : -1;
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

let hourPrefix = "";
let hourBase = 0;
let secondPrefix = "";
let secondBase = 0;

/** "2023-10-06T17:35:55.440295Z" to ms (fraction cut to ms, as Date.parse does); sets pos after the quote. */
function scanTime(text: string, i: number): number {
  const end = text.indexOf('"', i);
  if (end < 0 || end >= limit) return -1;
  pos = end + 1;
  // Fixed layout YYYY-MM-DDTHH:MM:SS[.fff...]Z; the hour is cached since consecutive frames share it.
  if (end - i < 20 || text.charCodeAt(end - 1) !== 90 || text.charCodeAt(i + 13) !== 58) {
    return slowTime(text, i, end);
  }
  // Consecutive frames share the second: "2023-10-06T17:35:55" compared as one slice.
  let base: number;
  const second = text.slice(i, i + 19);
  if (second === secondPrefix) base = secondBase;
  else {
    if (hourPrefix !== "" && text.startsWith(hourPrefix, i)) base = hourBase;
    else {
      const t = Date.parse(text.slice(i, i + 13) + ":00:00Z");
      if (!Number.isFinite(t)) return slowTime(text, i, end);
      hourPrefix = flatCopy(text.slice(i, i + 13));
      hourBase = t;
      base = t;
    }
    const mm = two(text, i + 14);
    const ss = two(text, i + 17);
    if (mm < 0 || mm > 59 || ss < 0 || ss > 59 || text.charCodeAt(i + 16) !== 58) {
      return slowTime(text, i, end);
    }
    base += mm * 60_000 + ss * 1000;
    secondPrefix = flatCopy(second);
    secondBase = base;
  }
  let ms = 0;
  let k = i + 19;
  if (k < end - 1) {
    if (text.charCodeAt(k) !== 46) return slowTime(text, i, end);
    k++;
    let n = 0;
    for (; k < end - 1; k++, n++) {
      const d = text.charCodeAt(k) - 48;
      if (d < 0 || d > 9) return slowTime(text, i, end);
      if (n < 3) ms = ms * 10 + d;
    }
    if (n === 0) return slowTime(text, i, end);
    for (; n < 3; n++) ms *= 10;
  }
  return base + ms;
}

/** A copy that does not keep the (replay: megabyte) string it was cut from alive. */
function flatCopy(s: string): string {
  return s.split("").join("");
}

function two(text: string, i: number): number {
  const a = text.charCodeAt(i) - 48;
  const b = text.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

function slowTime(text: string, i: number, end: number): number {
  const t = Date.parse(text.slice(i, end));
  return Number.isFinite(t) ? t : -1;
}
