import { numberTextTicks } from "../../lib/core/number_text.ts";
import { parseTicks } from "../../lib/core/ticks.ts";

/**
 * Decimal text (or JSON number text) to ticks, exactly. Bitstamp writes amounts at whatever precision
 * the market had when the level was made ("0.00000000", "0.00000", "0" all delete a level: protocols.md
 * §5.1.1), so the value counts, not the spelling. The plain path first, exponents only when needed.
 */
export function ticksOf(value: unknown, precision: number, what: string): number {
  if (typeof value !== "string" && typeof value !== "number") {
    throw new RangeError(`Cannot read ${what}: ${JSON.stringify(value)} is not a number`);
  }
  const text = String(value);
  try {
    return parseTicks(text, precision);
  } catch {
    return numberTextTicks(text, precision);
  }
}

/**
 * `microtimestamp` ("1789456316507635", microseconds) as an exact integer: below 2^53 until the year 2255,
 * so a number compares it exactly. Never the seconds `timestamp` (protocols.md §5.1.2: two clients desync
 * by ordering on it).
 */
export function microsOf(value: unknown): number {
  const text = typeof value === "number" ? String(value) : value;
  if (typeof text !== "string" || !/^\d{1,16}$/.test(text)) {
    throw new RangeError(`Cannot read microtimestamp ${JSON.stringify(value)}: not whole microseconds`);
  }
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new RangeError(`Cannot read microtimestamp ${text}: too large`);
  return n;
}

/** Whole seconds since the epoch, as text or number, to ms. */
export function secondsToMs(value: unknown, what: string): number {
  const n = typeof value === "string" && /^\d{1,12}$/.test(value) ? Number(value) : value;
  if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`Cannot read ${what}: ${JSON.stringify(value)} is not whole seconds`);
  }
  return n * 1000;
}

/** A venue id (digits, possibly beyond 2^53 as JSON text) as a string; null when absent. */
export function idText(value: unknown): string | null {
  if (typeof value === "number" && Number.isSafeInteger(value)) return String(value);
  if (typeof value === "string" && /^\d{1,40}$/.test(value)) return value;
  return null;
}
