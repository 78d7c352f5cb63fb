import { type Instrument, parseTicks, UsageError } from "../core/mod.ts";
import { parseDecimalOption } from "./parse_args.ts";

/** PRICE and VOLUME of `buy`/`sell` as decimal text; price null for a market order. */
export interface OrderArgs {
  readonly price: string | null;
  readonly volume: string;
}

/** Reads PRICE (a decimal above 0, or `market`) and VOLUME (a decimal above 0); UsageError otherwise. */
export function parseOrderArgs(price: string, volume: string): OrderArgs {
  const p = price.trim().toLowerCase() === "market"
    ? null
    : positive("PRICE", price, "a price above 0 or market");
  return { price: p, volume: positive("VOLUME", volume, "a volume above 0") };
}

/** UsageError when PRICE or VOLUME has more decimals than the pair allows (or is too large). */
export function checkOrderPrecision(inst: Instrument, args: OrderArgs): void {
  if (args.price !== null) fits("PRICE", args.price, inst.pricePrecision, `${inst.symbol} prices`);
  fits("VOLUME", args.volume, inst.qtyPrecision, `${inst.symbol} volumes`);
}

function positive(name: string, text: string, expected: string): string {
  const t = parseDecimalOption(name, text);
  if (!/[1-9]/.test(t)) throw new UsageError(`Cannot use ${name} ${text}: expected ${expected}`);
  return t;
}

function fits(name: string, text: string, precision: number, what: string): void {
  try {
    parseTicks(text, precision);
  } catch {
    const detail = /\.\d*[1-9]/.test(text) && text.split(".")[1]!.replace(/0+$/, "").length > precision
      ? `${what} have at most ${precision} decimal${precision === 1 ? "" : "s"}`
      : "the number is too large";
    throw new UsageError(`Cannot use ${name} ${text}: ${detail}`);
  }
}
