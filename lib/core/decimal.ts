/**
 * Arbitrary-precision exact decimals for amounts that do not fit ticks: balances, costs, fees,
 * products of price and quantity. A Decimal is an immutable value `units × 10^-scale` with bigint units.
 */

export interface Decimal {
  readonly units: bigint;
  readonly scale: number;
}

export const ZERO: Decimal = Object.freeze({ units: 0n, scale: 0 });

const DECIMAL_RE = /^(-)?(\d+)(?:\.(\d+))?$|^(-)?\.(\d+)$/;

/** Parses plain decimal text ("1.25", "-0.001", "42"); throws RangeError otherwise. */
export function parseDecimal(text: string): Decimal {
  const m = DECIMAL_RE.exec(text.trim());
  if (!m) throw new RangeError(`Cannot read "${text}": not a decimal number`);
  const negative = m[1] !== undefined || m[4] !== undefined;
  const whole = m[2] ?? "0";
  const frac = m[3] ?? m[5] ?? "";
  const units = BigInt(whole + frac);
  return { units: negative ? -units : units, scale: frac.length };
}

/** Wraps integer ticks at a precision as a Decimal. */
export function fromTicks(ticks: number, precision: number): Decimal {
  return { units: BigInt(ticks), scale: precision };
}

function align(a: Decimal, b: Decimal): [bigint, bigint, number] {
  if (a.scale === b.scale) return [a.units, b.units, a.scale];
  if (a.scale > b.scale) return [a.units, b.units * 10n ** BigInt(a.scale - b.scale), a.scale];
  return [a.units * 10n ** BigInt(b.scale - a.scale), b.units, b.scale];
}

export function add(a: Decimal, b: Decimal): Decimal {
  const [x, y, scale] = align(a, b);
  return { units: x + y, scale };
}

export function sub(a: Decimal, b: Decimal): Decimal {
  const [x, y, scale] = align(a, b);
  return { units: x - y, scale };
}

export function mul(a: Decimal, b: Decimal): Decimal {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

export function neg(a: Decimal): Decimal {
  return { units: -a.units, scale: a.scale };
}

/** -1, 0 or 1. */
export function compare(a: Decimal, b: Decimal): number {
  const [x, y] = align(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function isZero(a: Decimal): boolean {
  return a.units === 0n;
}

export type Rounding = "down" | "up" | "half-even" | "floor" | "ceil";

/** Changes the scale, rounding as asked when digits are dropped ("down" truncates toward zero). */
export function rescale(a: Decimal, scale: number, rounding: Rounding = "half-even"): Decimal {
  if (scale >= a.scale) return { units: a.units * 10n ** BigInt(scale - a.scale), scale };
  const f = 10n ** BigInt(a.scale - scale);
  return { units: divRound(a.units, f, rounding), scale };
}

/** a ÷ b with `scale` decimals, rounded as asked. Throws RangeError on division by zero. */
export function div(a: Decimal, b: Decimal, scale: number, rounding: Rounding = "half-even"): Decimal {
  if (b.units === 0n) throw new RangeError("Cannot divide by zero");
  // a.units/10^as ÷ b.units/10^bs = a.units·10^(bs+scale-as) / b.units, in units of 10^-scale
  const shift = b.scale + scale - a.scale;
  const num = shift >= 0 ? a.units * 10n ** BigInt(shift) : a.units;
  const den = shift >= 0 ? b.units : b.units * 10n ** BigInt(-shift);
  return { units: divRound(num, den, rounding), scale };
}

function divRound(n: bigint, d: bigint, rounding: Rounding): bigint {
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const q = n / d;
  const r = n % d;
  if (r === 0n) return q;
  const positive = n > 0n;
  switch (rounding) {
    case "down":
      return q;
    case "up":
      return positive ? q + 1n : q - 1n;
    case "floor":
      return positive ? q : q - 1n;
    case "ceil":
      return positive ? q + 1n : q;
    case "half-even": {
      const twice = (r < 0n ? -r : r) * 2n;
      if (twice < d || (twice === d && q % 2n === 0n)) return q;
      return positive ? q + 1n : q - 1n;
    }
  }
}

/** Decimal text; with `scale` given, exactly that many decimals (rounded half-even), else trailing zeros trimmed. */
export function formatDecimal(a: Decimal, scale?: number): string {
  const v = scale === undefined ? a : rescale(a, scale);
  const negative = v.units < 0n;
  const digits = (negative ? -v.units : v.units).toString().padStart(v.scale + 1, "0");
  const cut = digits.length - v.scale;
  let frac = digits.slice(cut);
  if (scale === undefined) frac = frac.replace(/0+$/, "");
  return (negative ? "-" : "") + digits.slice(0, cut) + (frac ? "." + frac : "");
}

/** Integer ticks at `precision`, rounded as asked; throws RangeError past the safe-integer range. */
export function toTicks(a: Decimal, precision: number, rounding: Rounding = "down"): number {
  const r = rescale(a, precision, rounding).units;
  const n = Number(r);
  if (!Number.isSafeInteger(n)) throw new RangeError(`${formatDecimal(a)} is too large for exact arithmetic`);
  return n;
}

/** A float approximation, for display scaling and charts only: never for an amount sent anywhere. */
export function toNumber(a: Decimal): number {
  return Number(a.units) / 10 ** a.scale;
}
