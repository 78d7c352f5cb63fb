/**
 * Exact fixed-point numbers as integer "ticks": value × 10^precision, held in a safe integer.
 * Wire prices and amounts are decimal text; they become ticks here and never pass through a float.
 */

const POW10: readonly number[] = Array.from({ length: 16 }, (_, i) => 10 ** i);

/** 10^precision as a number, for precision 0..15. */
export function pow10(precision: number): number {
  const p = POW10[precision];
  if (p === undefined) throw new RangeError(`Precision must be an integer from 0 to 15, got ${precision}`);
  return p;
}

/**
 * Parses decimal text ("123.45", "-0.5", "7") into ticks at the given precision.
 * Extra fractional digits are accepted only when they are zeros ("1.2300" at precision 2).
 * Throws RangeError for anything that is not plain decimal text or does not fit a safe integer.
 */
export function parseTicks(text: string, precision: number): number {
  const n = text.length;
  let i = 0;
  let negative = false;
  if (n > 0 && text.charCodeAt(0) === 45) {
    negative = true;
    i = 1;
  }
  let value = 0;
  let digits = 0;
  let frac = -1;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (frac >= 0) break;
      frac = 0;
      continue;
    }
    const d = c - 48;
    if (d < 0 || d > 9) break;
    digits++;
    if (frac >= 0) {
      if (frac >= precision) {
        if (d !== 0) {
          throw new RangeError(`Cannot read "${text}": more than ${precision} decimal places`);
        }
        continue;
      }
      frac++;
    }
    value = value * 10 + d;
  }
  if (i !== n || digits === 0) throw new RangeError(`Cannot read "${text}": not a decimal number`);
  if (frac < precision) value *= POW10[precision - (frac < 0 ? 0 : frac)] ?? pow10(precision);
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`Cannot read "${text}": too large for exact arithmetic`);
  }
  return negative ? -value : value;
}

/** Formats ticks back to decimal text with exactly `precision` decimals ("45283.5", "0.10000000"). */
export function formatTicks(ticks: number, precision: number): string {
  if (!Number.isSafeInteger(ticks)) throw new RangeError(`Cannot format ${ticks}: not a safe integer`);
  if (precision === 0) return String(ticks);
  const negative = ticks < 0;
  const digits = String(negative ? -ticks : ticks).padStart(precision + 1, "0");
  const cut = digits.length - precision;
  return (negative ? "-" : "") + digits.slice(0, cut) + "." + digits.slice(cut);
}

/** Like formatTicks, with trailing fractional zeros (and a bare dot) removed: "0.0209", "4". */
export function formatTicksShort(ticks: number, precision: number): string {
  const s = formatTicks(ticks, precision);
  if (precision === 0) return s;
  let end = s.length;
  while (s.charCodeAt(end - 1) === 48) end--;
  if (s.charCodeAt(end - 1) === 46) end--;
  return s.slice(0, end);
}

/** Converts ticks from one precision to another; throws RangeError when digits would be lost. */
export function rescaleTicks(ticks: number, from: number, to: number): number {
  if (to >= from) {
    const v = ticks * pow10(to - from);
    if (!Number.isSafeInteger(v)) {
      throw new RangeError(`Cannot rescale ${ticks}: too large for exact arithmetic`);
    }
    return v;
  }
  const f = pow10(from - to);
  if (ticks % f !== 0) {
    throw new RangeError(`Cannot rescale ${ticks} to ${to} decimals without losing digits`);
  }
  return ticks / f;
}

/** Adds two tick counts, throwing RangeError instead of silently losing precision. */
export function addTicks(a: number, b: number): number {
  const v = a + b;
  if (!Number.isSafeInteger(v)) {
    throw new RangeError(`Sum of ${a} and ${b} is too large for exact arithmetic`);
  }
  return v;
}
