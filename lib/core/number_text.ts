import { parseTicks } from "./ticks.ts";

/**
 * JSON number text to ticks at `precision`, exactly: "45283.5", "0.10000000", also "1e-8" and "1.5E+3".
 * Throws RangeError for anything else, for non-zero digits beyond the precision, or beyond 2^53.
 */
export function numberTextTicks(text: string, precision: number): number {
  const plain = plainDecimalText(text);
  try {
    return parseTicks(plain, precision);
  } catch (e) {
    if (plain === text) throw e;
    throw new RangeError(`Cannot read "${text}": not exact at ${precision} decimals or too large`);
  }
}

/** JSON number text as plain decimal text, digits kept: "1e-8" -> "0.00000001", "0.10" -> "0.10". */
export function plainDecimalText(text: string): string {
  const e = text.search(/[eE]/);
  if (e < 0) return text;
  const exp = Number(text.slice(e + 1));
  const mantissa = text.slice(0, e);
  if (!Number.isInteger(exp) || Math.abs(exp) > 400 || !/^-?\d+(\.\d+)?$/.test(mantissa)) {
    throw new RangeError(`Cannot read "${text}": not a decimal number`);
  }
  const negative = mantissa.startsWith("-");
  const body = negative ? mantissa.slice(1) : mantissa;
  const dot = body.indexOf(".");
  const digits = dot < 0 ? body : body.slice(0, dot) + body.slice(dot + 1);
  const point = (dot < 0 ? body.length : dot) + exp;
  let plain: string;
  if (point <= 0) plain = "0." + "0".repeat(-point) + digits;
  else if (point >= digits.length) plain = digits + "0".repeat(point - digits.length);
  else plain = digits.slice(0, point) + "." + digits.slice(point);
  return (negative ? "-" : "") + plain;
}
