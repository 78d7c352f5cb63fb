/**
 * The bridge from lib/engine's Trader to the strategy host. The Trader calls its listeners once per applied
 * burst of events (one venue message), so comparing what changed in its state tells what the burst did. Orders go to the Trader's order
 * engine, which exists once the account could be read (`trader.engine`); until then, and in view-only mode,
 * strategies' orders are denied.
 */

import { type Exchange, isPaper, OrderDenied } from "../core/mod.ts";
import type { MarketState } from "../engine/market_state.ts";
import { bookTicker } from "./market_data.ts";
import type {
  CancelAllResult,
  MarketSignal,
  OrderPort,
  PortOrder,
  PortOrderRequest,
  PortSubmitResult,
  StrategyPort,
} from "./port.ts";

/** What the bridge reads of lib/engine's Trader. */
export interface TraderSource {
  /** Throws until the trader has started. */
  readonly state: MarketState;
  onChange(fn: () => void): () => void;
  /** lib/engine OrderEngine; null in view-only mode. */
  readonly engine: OrderPort | null;
  /** The venue (for `api.mode`: paper or live). */
  readonly exchange?: Exchange;
}

export interface TraderPortOptions {
  /** Maker fee in percent, when the app knows it. */
  readonly fee?: () => number | null;
}

export class TraderPort implements StrategyPort {
  readonly orders: EngineOrders;
  #trader: TraderSource;
  #fee: (() => number | null) | undefined;
  #listeners = new Set<(s: MarketSignal) => void>();
  #off: (() => void) | null = null;
  #seen: Snapshot | null = null;
  /** The last tick strategies got: the venue's ticker, or the book's best after a change of it. */
  #tick: MarketState["ticker"] = null;
  #view:
    | { readonly state: MarketState; readonly tick: MarketState["ticker"]; readonly view: MarketState }
    | null = null;

  constructor(trader: TraderSource, options: TraderPortOptions = {}) {
    this.#trader = trader;
    this.#fee = options.fee;
    this.orders = new EngineOrders(() => trader.engine);
  }

  /** The trader's state, with the last tick as its ticker while strategies are subscribed. */
  market(): MarketState | null {
    let m: MarketState;
    try {
      m = this.#trader.state;
    } catch {
      return null;
    }
    const tick = this.#tick;
    if (tick === null || tick === m.ticker) return m;
    const v = this.#view;
    if (v !== null && v.state === m && v.tick === tick) return v.view;
    // The state object is live (the Trader updates it in place): the view reads through to it.
    const view = new Proxy(m, { get: (t, k) => (k === "ticker" ? tick : Reflect.get(t, k)) });
    this.#view = { state: m, tick, view };
    return view;
  }

  fee(): number | null {
    return this.#fee?.() ?? null;
  }

  mode(): "live" | "paper" {
    const x = this.#trader.exchange;
    return x && isPaper(x) ? "paper" : "live";
  }

  onMarket(fn: (s: MarketSignal) => void): () => void {
    this.#listeners.add(fn);
    if (!this.#off) {
      // Changes are relative to the state at subscription: a listener reads what is there already itself.
      const m = this.market();
      this.#seen = m ? snapshot(m) : null;
      this.#tick = m?.ticker ?? null;
      this.#off = this.#trader.onChange(() => this.#changed());
    }
    return () => {
      this.#listeners.delete(fn);
      if (this.#listeners.size === 0) {
        this.#off?.();
        this.#off = null;
        this.#seen = null;
        this.#tick = null;
      }
    };
  }

  #changed(): void {
    this.orders.attach();
    let m: MarketState;
    try {
      m = this.#trader.state;
    } catch {
      return;
    }
    const now = snapshot(m);
    const before = this.#seen;
    this.#seen = now;
    const signals: MarketSignal[] = [];
    if (!before || before.book !== now.book || before.bookStatus !== now.bookStatus) {
      signals.push({ kind: "book" });
    }
    // A tick for every ticker of the venue, and for every change of the best bid or ask in the book, which
    // venues send far more often than tickers (then bid and ask are the book's).
    const bestMoved = !Object.is(before?.bestBid, now.bestBid) || !Object.is(before?.bestAsk, now.bestAsk);
    const bookTick = now.bookStatus === "ok" && bestMoved;
    if (now.ticker && before?.ticker !== now.ticker) {
      // A burst that moved the book and brought a ticker that disagrees with it: the book is the newer word.
      const t = now.ticker;
      const agrees = t.bid === (Number.isNaN(now.bestBid) ? 0 : now.bestBid) &&
        t.ask === (Number.isNaN(now.bestAsk) ? 0 : now.bestAsk);
      this.#tick = bookTick && !agrees ? bookTicker(m, t) : t;
      signals.push({ kind: "ticker" });
    } else if (bookTick) {
      this.#tick = bookTicker(m, this.#tick ?? m.ticker);
      signals.push({ kind: "ticker" });
    }
    if (now.trade && before?.trade !== now.trade) signals.push({ kind: "trade", trade: now.trade });
    if (
      !before || before.candles !== now.candles || before.candleCount !== now.candleCount ||
      before.lastCandle !== now.lastCandle
    ) signals.push({ kind: "candles" });
    if (!before || before.balances !== now.balances) signals.push({ kind: "wallet" });
    for (const s of signals) for (const fn of this.#listeners) fn(s);
  }
}

/** The trader's engine as it is at each call: it appears only after the account was read. */
export class EngineOrders implements OrderPort {
  #engine: () => OrderPort | null;
  #listeners = new Set<() => void>();
  #attached: OrderPort | null = null;
  #off: (() => void) | null = null;

  constructor(engine: () => OrderPort | null) {
    this.#engine = engine;
  }

  submit(req: PortOrderRequest): PortSubmitResult {
    return this.#need("place order").submit(req);
  }

  cancel(id: string, by?: { owner?: string }): Promise<PortOrder> {
    try {
      return this.#need(`cancel order "${id}"`).cancel(id, by);
    } catch (e) {
      return Promise.reject(e);
    }
  }

  cancelAll(filter?: { owner?: string }): Promise<CancelAllResult> {
    const e = this.#engine();
    return e ? e.cancelAll(filter) : Promise.resolve({ canceled: 0, failed: [] });
  }

  orders(): readonly PortOrder[] {
    return this.#engine()?.orders() ?? [];
  }

  order(id: string): PortOrder | undefined {
    return this.#engine()?.order?.(id);
  }

  onChange(fn: () => void): () => void {
    this.#listeners.add(fn);
    this.attach();
    return () => this.#listeners.delete(fn);
  }

  /** Follows the engine's changes once it exists (called on every trader change). */
  attach(): void {
    const e = this.#engine();
    if (e === this.#attached) return;
    this.#off?.();
    this.#attached = e;
    this.#off = e ? e.onChange(() => this.#emit()) : null;
    this.#emit();
  }

  #emit(): void {
    for (const fn of this.#listeners) fn();
  }

  #need(action: string): OrderPort {
    const e = this.#engine();
    if (!e) throw new OrderDenied(`Cannot ${action}: trading is not available (no account)`);
    return e;
  }
}

interface Snapshot {
  readonly book: number;
  readonly bookStatus: string;
  /** The venue's ticker (its identity tells a new one). */
  readonly ticker: MarketState["ticker"];
  /** Best prices in ticks while the book is usable, else NaN. */
  readonly bestBid: number;
  readonly bestAsk: number;
  readonly trade: MarketState["lastTrade"];
  readonly candles: MarketState["candles"];
  readonly candleCount: number;
  readonly lastCandle: unknown;
  readonly balances: MarketState["balances"];
}

function snapshot(m: MarketState): Snapshot {
  const ok = m.bookStatus === "ok";
  return {
    book: m.book.version,
    bookStatus: m.bookStatus,
    ticker: m.ticker,
    bestBid: ok ? m.book.bestBid() : NaN,
    bestAsk: ok ? m.book.bestAsk() : NaN,
    trade: m.lastTrade,
    candles: m.candles,
    candleCount: m.candles.length,
    lastCandle: m.candles[m.candles.length - 1],
    balances: m.balances,
  };
}
