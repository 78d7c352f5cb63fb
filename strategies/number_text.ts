/** Numbers as the built-in strategies write them in their logs: at the pair's decimals, counts with their noun. */

/**
 * `n` with `digits` decimals, exactly as its shortest text says: "nearest" rounds half to even like the order
 * path, "down" cuts toward zero as volumes are.
 */
export function fixed(n: number, digits: number, rounding: "nearest" | "down"): string {
  if (!Number.isFinite(n)) return String(n);
  const [mantissa, exp = "0"] = String(Math.abs(n)).split("e");
  const [whole, frac = ""] = mantissa!.split(".");
  let units = BigInt(whole! + frac);
  const scale = frac.length - Number(exp);
  if (scale <= digits) units *= 10n ** BigInt(digits - scale);
  else {
    const f = 10n ** BigInt(scale - digits);
    const r = units % f;
    units /= f;
    if (rounding === "nearest" && (r * 2n > f || (r * 2n === f && units % 2n === 1n))) units += 1n;
  }
  const t = units.toString().padStart(digits + 1, "0");
  const text = digits === 0 ? t : `${t.slice(0, -digits)}.${t.slice(-digits)}`;
  return n < 0 && units !== 0n ? "-" + text : text;
}

/** "1 trade", "2 trades". */
export function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
