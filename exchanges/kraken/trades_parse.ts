import { ExchangeError } from "../../lib/core/errors.ts";
import type { TradePrinted } from "../../lib/core/events.ts";
import type { Instrument } from "../../lib/core/instrument.ts";
import { numberTextTicks, plainDecimalText } from "../../lib/core/number_text.ts";
import type { Num } from "./frames.ts";
import { onlyPair } from "./rest_parse.ts";

/**
 * A row of REST Trades (protocols.md §1.3): [price, volume, time (s, decimals), "b"/"s" (taker side),
 * "m"/"l", misc, trade_id]. Numbers arrive as their source text (parseLexemeJson).
 */
export type RestTradeRow = readonly [string, string, Num, string, string, string, Num];

/** The Trades result: one pair's rows, plus `last` (a nanosecond cursor as text). */
export type RestTrades = Readonly<Record<string, readonly RestTradeRow[] | string>>;

/**
 * Trades rows to TradePrinted, in the venue's order (oldest first). Prices and volumes become ticks
 * exactly; a value with non-zero digits beyond the pair's precision is an error, never rounded.
 */
export function tradesFromRest(result: RestTrades, inst: Instrument): TradePrinted[] {
  const rows = onlyPair(result, inst, "trades");
  if (!Array.isArray(rows)) throw new ExchangeError(`Cannot load trades for "${inst.symbol}": no rows`);
  return rows.map((r: RestTradeRow) => tradeFromRow(r, inst));
}

function tradeFromRow(r: RestTradeRow, inst: Instrument): TradePrinted {
  if (!Array.isArray(r) || r.length < 7) {
    throw new RangeError(`a trade row is not [price, volume, time, ...]`);
  }
  return {
    kind: "TradePrinted",
    symbol: inst.symbol,
    price: numberTextTicks(String(r[0]), inst.pricePrecision),
    qty: numberTextTicks(String(r[1]), inst.qtyPrecision),
    side: takerSide(r[3]),
    time: secondsTextToMs(String(r[2])),
    id: String(r[6]),
  };
}

function takerSide(code: string): "buy" | "sell" {
  if (code === "b") return "buy";
  if (code === "s") return "sell";
  throw new RangeError(`a trade side is ${JSON.stringify(code)}, not "b" or "s"`);
}

/**
 * Seconds as decimal text ("1688669597.8277369") to whole milliseconds, truncated, from the digits
 * themselves: 1688669597827. No float is involved, so no digit moves.
 */
export function secondsTextToMs(text: string): number {
  const m = /^(\d+)(?:\.(\d*))?$/.exec(plainDecimalText(text));
  if (!m) throw new RangeError(`Cannot read the time "${text}": not a non-negative decimal number`);
  const ms = Number(m[1]) * 1000 + Number((m[2] ?? "").slice(0, 3).padEnd(3, "0"));
  if (!Number.isSafeInteger(ms)) throw new RangeError(`Cannot read the time "${text}": too large`);
  return ms;
}
