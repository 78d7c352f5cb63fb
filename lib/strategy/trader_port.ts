/**
 * The bridge from lib/engine's Trader to the strategy host. The Trader calls its listeners once per applied
 * event, so comparing what changed in its state tells which event it was. Orders go through the Trader's
 * order engine when it has one, else through DirectOrders straight to the venue.
 */

import type { Exchange } from "../core/mod.ts";
import type { MarketState } from "../engine/market_state.ts";
import { DirectOrders } from "./direct_orders.ts";
import type { MarketSignal, OrderPort, StrategyPort } from "./port.ts";

/** What the bridge reads of lib/engine's Trader. */
export interface TraderSource {
  /** Throws until the trader has started. */
  readonly state: MarketState;
  onChange(fn: () => void): () => void;
  readonly exchange?: Exchange;
  /** lib/engine OrderEngine, when the trader has one. */
  readonly engine?: OrderPort | null;
}

export interface TraderPortOptions {
  /** Overrides the trader's engine (e.g. null for view-only). */
  readonly orders?: OrderPort | null;
  readonly fee?: () => number | null;
}

export class TraderPort implements StrategyPort {
  readonly orders: OrderPort | null;
  #trader: TraderSource;
  #fee: (() => number | null) | undefined;
  #listeners = new Set<(s: MarketSignal) => void>();
  #off: (() => void) | null = null;
  #seen: Snapshot | null = null;

  constructor(trader: TraderSource, options: TraderPortOptions = {}) {
    this.#trader = trader;
    this.#fee = options.fee;
    this.orders = options.orders !== undefined ? options.orders : trader.engine ??
      (trader.exchange ? new DirectOrders(trader as TraderSource & { exchange: Exchange }) : null);
  }

  market(): MarketState | null {
    try {
      return this.#trader.state;
    } catch {
      return null;
    }
  }

  fee(): number | null {
    return this.#fee?.() ?? null;
  }

  onMarket(fn: (s: MarketSignal) => void): () => void {
    this.#listeners.add(fn);
    this.#off ??= this.#trader.onChange(() => this.#changed());
    return () => {
      this.#listeners.delete(fn);
      if (this.#listeners.size === 0) {
        this.#off?.();
        this.#off = null;
        this.#seen = null;
      }
    };
  }

  /** Stops DirectOrders' own subscription, if it made one. */
  close(): void {
    if (this.orders instanceof DirectOrders) this.orders.close();
  }

  #changed(): void {
    const m = this.market();
    if (!m) return;
    const now = snapshot(m);
    const before = this.#seen;
    this.#seen = now;
    const signals: MarketSignal[] = [];
    if (!before || before.book !== now.book || before.bookStatus !== now.bookStatus) {
      signals.push({ kind: "book" });
    }
    if (now.ticker && before?.ticker !== now.ticker) signals.push({ kind: "ticker" });
    if (now.trade && before?.trade !== now.trade) signals.push({ kind: "trade", trade: now.trade });
    if (
      !before || before.candles !== now.candles || before.candleCount !== now.candleCount ||
      before.lastCandle !== now.lastCandle
    ) signals.push({ kind: "candles" });
    if (!before || before.balances !== now.balances) signals.push({ kind: "wallet" });
    for (const s of signals) for (const fn of this.#listeners) fn(s);
  }
}

interface Snapshot {
  readonly book: number;
  readonly bookStatus: string;
  readonly ticker: MarketState["ticker"];
  readonly trade: MarketState["lastTrade"];
  readonly candles: MarketState["candles"];
  readonly candleCount: number;
  readonly lastCandle: unknown;
  readonly balances: MarketState["balances"];
}

function snapshot(m: MarketState): Snapshot {
  return {
    book: m.book.version,
    bookStatus: m.bookStatus,
    ticker: m.ticker,
    trade: m.lastTrade,
    candles: m.candles,
    candleCount: m.candles.length,
    lastCandle: m.candles[m.candles.length - 1],
    balances: m.balances,
  };
}
