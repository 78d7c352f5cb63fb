import { UsageError } from "../core/mod.ts";

/** A whole number from `min` to `max`, or a UsageError naming the option. */
export function parseIntOption(option: string, text: string, min: number, max: number): number {
  const n = /^-?\d+$/.test(text.trim()) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`Cannot use ${option} ${text}: expected a whole number from ${min} to ${max}`);
  }
  return n;
}

/** Plain non-negative decimal text ("0.5", "10"), or a UsageError naming the option. */
export function parseDecimalOption(option: string, text: string): string {
  const t = text.trim();
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(t)) {
    throw new UsageError(`Cannot use ${option} ${text}: expected a non-negative decimal number like 0.5`);
  }
  return t;
}

/** One of the allowed values, or a UsageError listing them. */
export function parseChoice<T extends string | number>(
  option: string,
  text: string,
  allowed: readonly T[],
): T {
  const found = allowed.find((a) => String(a) === text.trim());
  if (found === undefined) {
    throw new UsageError(`Cannot use ${option} ${text}: expected one of ${allowed.join(", ")}`);
  }
  return found;
}
