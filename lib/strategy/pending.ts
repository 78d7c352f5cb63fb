/**
 * What changed since a worker's last delivery. Changes of state (book, ticker, candles, wallet, orders) are
 * flags: the delivery carries the latest state, however many changes there were. Trades are facts and queue,
 * up to a bound; a strategy too slow to take them is told how many it missed.
 */

import type { TradePrinted } from "../core/mod.ts";
import type { MarketSignal } from "./port.ts";

export const MAX_QUEUED_TRADES = 1_000;

export class Pending {
  book = false;
  ticker = false;
  candles = false;
  wallet = false;
  owns = false;
  trades: TradePrinted[] = [];
  droppedTrades = 0;

  add(signal: MarketSignal): void {
    switch (signal.kind) {
      case "trade":
        if (this.trades.length >= MAX_QUEUED_TRADES) {
          this.trades.shift();
          this.droppedTrades++;
        }
        this.trades.push(signal.trade);
        return;
      default:
        this[signal.kind] = true;
    }
  }

  get any(): boolean {
    return this.book || this.ticker || this.candles || this.wallet || this.owns || this.trades.length > 0;
  }

  /** Takes everything noted so far and starts afresh. */
  take(): Taken {
    const t: Taken = {
      book: this.book,
      ticker: this.ticker,
      candles: this.candles,
      wallet: this.wallet,
      owns: this.owns,
      trades: this.trades,
      droppedTrades: this.droppedTrades,
    };
    this.book =
      this.ticker =
      this.candles =
      this.wallet =
      this.owns =
        false;
    this.trades = [];
    this.droppedTrades = 0;
    return t;
  }
}

export interface Taken {
  readonly book: boolean;
  readonly ticker: boolean;
  readonly candles: boolean;
  readonly wallet: boolean;
  readonly owns: boolean;
  readonly trades: readonly TradePrinted[];
  readonly droppedTrades: number;
}
