/**
 * Number -> decimal text at a precision, from the number's shortest round-trip digits (not its binary
 * expansion), so 0.1 + 0.2 at 8 decimals is "0.30000000" and 1.015 at 2 is "1.02" where toFixed says "1.01"
 * (half-even on the digits a person would write). Runs inside strategy workers: no imports.
 */

export type TextRounding = "nearest" | "down";

export function numberToDecimal(n: number, precision: number, rounding: TextRounding = "nearest"): string {
  if (!Number.isFinite(n) || n < 0) throw new RangeError(`Cannot use ${n} as an amount: not a number >= 0`);
  if (!Number.isInteger(precision) || precision < 0 || precision > 18) {
    throw new RangeError(`Precision must be 0 to 18, got ${precision}`);
  }
  const [mantissa, exp = "0"] = String(n).split("e");
  const [whole, frac = ""] = mantissa!.split(".");
  let digits = BigInt(whole! + frac);
  let scale = frac.length - Number(exp);
  if (scale < 0) {
    digits *= 10n ** BigInt(-scale);
    scale = 0;
  }
  let units: bigint;
  if (scale <= precision) units = digits * 10n ** BigInt(precision - scale);
  else {
    const f = 10n ** BigInt(scale - precision);
    units = digits / f;
    const r = digits % f;
    if (rounding === "nearest" && (r * 2n > f || (r * 2n === f && units % 2n === 1n))) units += 1n;
  }
  const s = units.toString().padStart(precision + 1, "0");
  return precision === 0 ? s : `${s.slice(0, s.length - precision)}.${s.slice(s.length - precision)}`;
}

/** True when the text is zero ("0", "0.000", ""). */
export function isZeroText(text: string): boolean {
  return /^0*(\.0*)?$/.test(text);
}
