import type { Candle, Side, TradePrinted } from "../../lib/core/mod.ts";
import { deriveSeed, Rng } from "./prng.ts";

/** Live prints kept per market; also the most `trades()` hands out. */
export const TAPE_SIZE = 1000;

const MINUTE = 60_000;

/**
 * The recent public trades of one market: the live prints, and before them trades made up from the
 * generated history's newest minutes, so that a market that has just started already has a tape. Each
 * minute's made-up trades depend only on the seed and the candle: the same on every call, whatever the limit.
 */
export class Tape {
  readonly #live: TradePrinted[] = [];

  constructor(readonly symbol: string, readonly seed: number) {}

  add(print: TradePrinted): void {
    this.#live.push(print);
    if (this.#live.length > TAPE_SIZE) this.#live.splice(0, this.#live.length - TAPE_SIZE);
  }

  /** The newest `limit` trades, oldest first; `history` is the one-minute history, oldest first. */
  recent(limit: number, history: readonly Candle[]): TradePrinted[] {
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > TAPE_SIZE) {
      throw new RangeError(`Trade limit must be a whole number from 1 to ${TAPE_SIZE}, got ${limit}`);
    }
    const live = this.#live.slice(-limit);
    const older: TradePrinted[][] = [];
    let missing = limit - live.length;
    for (let i = history.length - 1; i >= 0 && missing > 0; i--) {
      const c = history[i]!;
      const trades = tradesOfCandle(
        this.symbol,
        c,
        new Rng(deriveSeed(this.seed, `${this.symbol} tape ${c.time}`)),
      );
      older.push(trades.slice(-missing));
      missing -= trades.length;
    }
    return [...older.reverse().flat(), ...live];
  }
}

/**
 * Trades that add up to one candle: `trades` of them (at most one per quantity tick), the first at the
 * open, the last at the close, the high and the low each touched, quantities summing to the volume, times
 * inside the candle's minute, the taker's side following the price's direction.
 */
export function tradesOfCandle(symbol: string, c: Candle, rng: Rng): TradePrinted[] {
  const n = Math.max(1, Math.min(c.trades, c.volume));
  const prices = new Array<number>(n);
  for (let i = 0; i < n; i++) prices[i] = c.low + rng.int(c.high - c.low + 1);
  prices[0] = n === 1 ? c.close : c.open;
  prices[n - 1] = c.close;
  if (n >= 4) {
    const hi = 1 + rng.int(n - 2);
    const lo = hi === 1 ? 2 : 1;
    prices[hi] = c.high;
    prices[lo] = c.low;
  }
  const qtys = split(c.volume, n, rng);
  const out: TradePrinted[] = [];
  let prev = c.open;
  for (let i = 0; i < n; i++) {
    const price = prices[i]!;
    const side: Side = price > prev ? "buy" : price < prev ? "sell" : rng.chance(0.5) ? "buy" : "sell";
    prev = price;
    out.push({
      kind: "TradePrinted",
      symbol,
      price,
      qty: qtys[i]!,
      side,
      time: c.time + Math.floor(((i + rng.next()) * MINUTE) / n),
      id: `HSIM-${c.time / MINUTE}-${i + 1}`,
    });
  }
  return out;
}

/** `total` ticks in `n` positive parts (n <= total), randomly sized. */
function split(total: number, n: number, rng: Rng): number[] {
  const weights = Array.from({ length: n }, () => rng.exponential(1));
  const sum = weights.reduce((a, b) => a + b, 0);
  const spare = total - n;
  const parts = weights.map((w) => 1 + Math.floor((spare * w) / sum));
  parts[n - 1]! += total - parts.reduce((a, b) => a + b, 0);
  return parts;
}
