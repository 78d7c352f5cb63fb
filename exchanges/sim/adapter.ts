import {
  type Balances,
  type BookSnapshot,
  type Candle,
  type CandleQuery,
  type Channel,
  type Clock,
  EventStream,
  type Exchange,
  type ExchangeEvent,
  ExchangeUnavailable,
  type FrameTap,
  type Instrument,
  type MarketEvent,
  type Order,
  OrderNotFound,
  type PriceLevel,
  type Side,
  type SubmitOrder,
  type Subscription,
  systemClock,
  type TickerChanged,
  type TradePrinted,
} from "../../lib/core/mod.ts";
import { Account, type OwnOrder, snapshot } from "./account.ts";
import { levelChanges, windowEdge } from "./book_diff.ts";
import type { Fill } from "./book_side.ts";
import { DEFAULT_BALANCES, findMarket, SIM_MARKETS } from "./instruments.ts";
import { checkTimeframe, Market } from "./market.ts";
import { sweep } from "./matching.ts";
import { marketFrame, SIM_FRAME_URL, subscribedFrame } from "./frames.ts";

export interface SimOptions {
  /** Same seed and same calls give the same market; default 1. */
  seed?: number;
  /** The pair started right away; default "BTC/USD". Others start on first use. */
  symbol?: string;
  /** Book update messages per second when streaming on a timer; default 20. */
  updatesPerSecond?: number;
  /** Default systemClock. Every timestamp comes from it. */
  clock?: Clock;
  /**
   * Default true: connect() starts a timer that advances the market, paced by `clock` (a clock that does not
   * move means no steps); false: call step() yourself.
   */
  auto?: boolean;
  /** Starting balances by asset; default USD 10000, BTC 1, ETH 10. */
  balances?: Record<string, string>;
  /** Fees in percent as decimal text; default "0.16" (maker) and "0.26" (taker), Kraken's base tier. */
  makerFee?: string;
  takerFee?: string;
}

/** What a subscriber asked to see of one pair. */
interface Watch {
  /** Book levels per side (Infinity: all), null when the book is not watched. */
  depth: number | null;
  trades: boolean;
  ticker: boolean;
  timeframe: number | null;
}

/** Window edges of a watched book before a change. */
interface BookTx {
  readonly bid: number | undefined;
  readonly ask: number | undefined;
}

const CHANNELS: readonly Channel[] = ["book", "trades", "ticker", "candles"];

/**
 * The simulated venue: synthetic markets that move on their own (on a timer, or step() by step()) and a
 * matching engine for own orders against them, with holds, fees and balances. Deterministic for a seed.
 */
export class SimExchange implements Exchange {
  readonly venue = "sim";
  /** The pair started at construction. */
  readonly symbol: string;
  readonly updatesPerSecond: number;
  readonly #seed: number;
  readonly #clock: Clock;
  readonly #auto: boolean;
  readonly #dt: number;
  readonly #account: Account;
  readonly #markets = new Map<string, Market>();
  readonly #watch = new Map<string, Watch>();
  readonly #stream = new EventStream<ExchangeEvent>();
  #connected = false;
  #closed = false;
  #timer: ReturnType<typeof setInterval> | undefined;
  #timerStart = 0;
  #timerSteps = 0;
  #tradeSeq = 0;
  #taps = new Set<FrameTap>();

  constructor(options: SimOptions = {}) {
    this.#seed = options.seed ?? 1;
    if (!Number.isSafeInteger(this.#seed)) throw new RangeError(`Seed must be an integer, got ${this.#seed}`);
    const ups = options.updatesPerSecond ?? 20;
    if (!(ups > 0 && ups <= 100_000)) {
      throw new RangeError(`Updates per second must be above 0 and at most 100000, got ${ups}`);
    }
    this.updatesPerSecond = ups;
    this.#dt = 1 / ups;
    this.#clock = options.clock ?? systemClock;
    this.#auto = options.auto ?? true;
    this.#account = new Account({
      balances: options.balances ?? DEFAULT_BALANCES,
      makerFee: options.makerFee ?? "0.16",
      takerFee: options.takerFee ?? "0.26",
    });
    this.symbol = this.#market(options.symbol ?? "BTC/USD").symbol;
  }

  instruments(): Promise<readonly Instrument[]> {
    return Promise.resolve(SIM_MARKETS.map((m) => m.instrument));
  }

  connect(): Promise<void> {
    return this.#later(() => {
      this.#ensureOpen("connect to");
      if (this.#connected) return;
      this.#connected = true;
      this.#stream.push({ kind: "ConnectionChanged", state: "connected", time: this.#clock.now() });
      if (this.#auto) this.#startTimer();
    });
  }

  subscribe(sub: Subscription): Promise<void> {
    return this.#later(() => {
      this.#ensureOpen("subscribe on");
      const m = this.#market(sub.symbol);
      for (const ch of sub.channels) {
        if (!CHANNELS.includes(ch)) throw new RangeError(`Cannot subscribe on sim: unknown channel "${ch}"`);
      }
      const depth = sub.depth ?? Infinity;
      if (depth !== Infinity && (!Number.isSafeInteger(depth) || depth < 1)) {
        throw new RangeError(`Book depth must be a positive whole number, got ${depth}`);
      }
      const timeframe = sub.timeframe ?? 1;
      if (sub.channels.includes("candles")) checkTimeframe(m.symbol, timeframe);
      let w = this.#watch.get(m.symbol);
      if (!w) this.#watch.set(m.symbol, w = { depth: null, trades: false, ticker: false, timeframe: null });
      const now = this.#clock.now();
      for (const ch of sub.channels) {
        switch (ch) {
          case "book":
            w.depth = depth;
            this.#tap(subscribedFrame(m.symbol, depth === Infinity ? null : depth));
            this.#emit(m.snapshot(depth, now));
            break;
          case "trades":
            w.trades = true;
            break;
          case "ticker":
            w.ticker = true;
            this.#emit(m.ticker(now));
            break;
          case "candles": {
            w.timeframe = timeframe;
            const candle = m.watchTimeframe(timeframe);
            if (candle) this.#emit({ kind: "CandleUpdated", symbol: m.symbol, timeframe, candle });
            break;
          }
        }
      }
    });
  }

  /** The single event stream (the same object on every call); `size` is how many events are waiting. */
  events(): EventStream<ExchangeEvent> {
    return this.#stream;
  }

  ticker(symbol: string): Promise<TickerChanged> {
    return this.#later(() => this.#market(symbol).ticker(this.#clock.now()));
  }

  book(symbol: string, depth: number): Promise<BookSnapshot> {
    return this.#later(() => {
      const m = this.#market(symbol);
      if (!Number.isSafeInteger(depth) || depth < 1) {
        throw new RangeError(`Book depth must be a positive whole number, got ${depth}`);
      }
      return m.snapshot(depth, this.#clock.now());
    });
  }

  candles(symbol: string, query: CandleQuery): Promise<Candle[]> {
    return this.#later(() => this.#market(symbol).candles(query));
  }

  /** The newest trades, oldest first: live prints, preceded by trades made up from the history. */
  trades(symbol: string, limit: number): Promise<TradePrinted[]> {
    return this.#later(() => {
      const m = this.#market(symbol);
      return m.tape.recent(limit, m.minutes);
    });
  }

  /** The simulated venue runs on the local clock. */
  serverTime(): Promise<number> {
    return this.#later(() => this.#clock.now());
  }

  /** Total balances per asset (what the venue reports); see availableBalances() for what is not held. */
  balances(): Promise<Balances> {
    return Promise.resolve(this.#account.wallet.balances());
  }

  /** Balances minus what open orders hold. */
  availableBalances(): Balances {
    return this.#account.wallet.availableBalances();
  }

  openOrders(symbol?: string): Promise<Order[]> {
    return this.#later(() => {
      const sym = symbol === undefined ? undefined : findMarket(symbol).instrument.symbol;
      return this.#account.openOrders(sym).map(snapshot);
    });
  }

  placeOrder(cmd: SubmitOrder): Promise<Order> {
    return this.#later(() => {
      this.#ensureOpen("place order on");
      const m = this.#market(cmd.symbol);
      const opposite = cmd.side === "buy" ? m.asks : m.bids;
      const plan = this.#account.prepare(m.instrument, cmd, opposite);
      const now = this.#clock.now();
      if (cmd.validate) return this.#account.preview(plan, now);
      const order = this.#account.open(plan, now);
      this.#stream.push({ kind: "OrderAccepted", order: snapshot(order) });
      const tx = this.#begin(m);
      const fills = sweep(opposite, order.qty, order.price);
      const account: ExchangeEvent[] = [];
      const prints = this.#settle(m, order.side, fills, order, now, account);
      if (order.status === "open") {
        if (order.type === "limit") {
          const own = order.side === "buy" ? m.bids : m.asks;
          own.addOwn(order.price!, order.qty - order.filled, order);
        } else account.push(this.#account.cancel(order, now)); // market orders: the rest is canceled (IOC)
      }
      this.#publish(m, tx, prints, now);
      this.#flush(account, now);
      return snapshot(order);
    });
  }

  /**
   * The venue's record of one order, open or closed, by client id (or venue id); null when there is none.
   * What the order engine asks to settle an order whose outcome it does not know.
   */
  queryOrder(ref: { clientId: string; venueId?: string }): Promise<Order | null> {
    return this.#later(() => {
      const o = (ref.clientId ? this.#account.lookup(ref.clientId) : undefined) ??
        (ref.venueId ? this.#account.lookup(ref.venueId) : undefined);
      return o ? snapshot(o) : null;
    });
  }

  /** Orders with these client ids, open or closed (Exchange.ordersByClientId). */
  ordersByClientId(clientIds: readonly string[]): Promise<Order[]> {
    return this.#later(() =>
      clientIds.flatMap((id) => {
        const o = id ? this.#account.lookup(id) : undefined;
        return o && o.clientId === id ? [snapshot(o)] : [];
      })
    );
  }

  cancelOrder(id: string): Promise<Order> {
    return this.#later(() => {
      this.#ensureOpen("cancel order on");
      const order = this.#account.find(id);
      if (!order) throw new OrderNotFound(`Cannot cancel order "${id}" on sim: no open order has this id`);
      const m = this.#markets.get(order.instrument.symbol)!;
      const tx = this.#begin(m);
      if (order.price !== null) (order.side === "buy" ? m.bids : m.asks).removeOwn(order.price, order);
      const now = this.#clock.now();
      const ev = this.#account.cancel(order, now);
      this.#publish(m, tx, [], now);
      this.#stream.push(ev);
      return ev.order;
    });
  }

  close(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#closed = true;
    this.#stopTimer();
    if (this.#connected) {
      this.#stream.push({
        kind: "ConnectionChanged",
        state: "down",
        detail: "closed",
        time: this.#clock.now(),
      });
    }
    this.#stream.close();
    return Promise.resolve();
  }

  /** Advances every started market by `n` steps, synchronously, pushing what happens. No-op once closed. */
  step(n = 1): void {
    if (!Number.isSafeInteger(n) || n < 0) {
      throw new RangeError(`Steps must be a whole number >= 0, got ${n}`);
    }
    if (this.#closed) return;
    for (let i = 0; i < n; i++) {
      for (const m of this.#markets.values()) this.#stepMarket(m);
    }
  }

  /**
   * Scenario control: replaces the synthetic book of `symbol` (best first or not) and recenters the market
   * on its mid. Refused while own orders are open on the pair.
   */
  setBook(symbol: string, bids: readonly PriceLevel[], asks: readonly PriceLevel[]): void {
    const m = this.#market(symbol);
    if (this.#account.openOrders(m.symbol).length > 0) {
      throw new TypeError(`Cannot set the book of "${m.symbol}": own orders are open on it`);
    }
    for (const l of [...bids, ...asks]) {
      if (!Number.isSafeInteger(l.price) || l.price < 1 || !Number.isSafeInteger(l.qty) || l.qty < 1) {
        throw new RangeError(`Cannot set the book of "${m.symbol}": bad level ${JSON.stringify(l)}`);
      }
    }
    const bestBid = Math.max(...bids.map((l) => l.price));
    const bestAsk = Math.min(...asks.map((l) => l.price));
    if (bestBid >= bestAsk) {
      throw new RangeError(`Cannot set the book of "${m.symbol}": bid ${bestBid} crosses ask ${bestAsk}`);
    }
    m.setBook(bids, asks);
    const w = this.#watch.get(m.symbol);
    if (w?.depth != null) this.#emit(m.snapshot(w.depth, this.#clock.now()));
  }

  /** Scenario control: a market order of another participant, taking `qty` from the book. */
  takeLiquidity(symbol: string, side: Side, qty: number): void {
    const m = this.#market(symbol);
    if (!Number.isSafeInteger(qty) || qty < 1) {
      throw new RangeError(`Quantity must be positive ticks, got ${qty}`);
    }
    const now = this.#clock.now();
    const tx = this.#begin(m);
    const fills = sweep(side === "buy" ? m.asks : m.bids, qty, null);
    const account: ExchangeEvent[] = [];
    const prints = this.#settle(m, side, fills, null, now, account);
    this.#publish(m, tx, prints, now);
    this.#flush(account, now);
  }

  #stepMarket(m: Market): void {
    const tx = this.#begin(m);
    const trade = m.liquidity.step(this.#dt);
    const now = this.#clock.now();
    if (!trade) {
      this.#publish(m, tx, [], now);
      return;
    }
    const account: ExchangeEvent[] = [];
    const prints = this.#settle(m, trade.side, trade.fills, null, now, account);
    this.#publish(m, tx, prints, now);
    this.#flush(account, now);
  }

  #market(symbol: string): Market {
    const spec = findMarket(symbol);
    let m = this.#markets.get(spec.instrument.symbol);
    if (!m) {
      m = new Market(spec, this.#seed, this.#clock.now(), this.#dt);
      this.#markets.set(m.symbol, m);
    }
    return m;
  }

  /** Starts noting book changes of `m`, remembering where a watcher's window ends. */
  #begin(m: Market): BookTx {
    m.bids.touched.clear();
    m.asks.touched.clear();
    const depth = this.#watch.get(m.symbol)?.depth;
    if (depth == null) return { bid: undefined, ask: undefined };
    return { bid: windowEdge(m.bids, depth), ask: windowEdge(m.asks, depth) };
  }

  /** Counts fills as trades and settles own orders in them; returns the prints. */
  #settle(
    m: Market,
    side: Side,
    fills: readonly Fill<OwnOrder>[],
    taker: OwnOrder | null,
    now: number,
    account: ExchangeEvent[],
  ): TradePrinted[] {
    const prints: TradePrinted[] = [];
    for (const f of fills) {
      if (f.qty === 0) continue;
      m.recordTrade(f.price, f.qty, now);
      const print: TradePrinted = {
        kind: "TradePrinted",
        symbol: m.symbol,
        price: f.price,
        qty: f.qty,
        side,
        time: now,
        id: `TSIM-${++this.#tradeSeq}`,
      };
      m.tape.add(print);
      prints.push(print);
      if (f.maker) account.push(this.#account.fill(f.maker, f.price, f.qty, "maker", now));
      if (taker) account.push(this.#account.fill(taker, f.price, f.qty, "taker", now));
    }
    return prints;
  }

  /** Pushes what a watcher of `m` sees of the changes since #begin. */
  #publish(m: Market, tx: BookTx, prints: readonly TradePrinted[], now: number): void {
    const w = this.#watch.get(m.symbol);
    if (!w) return;
    if (w.depth !== null) {
      const bids = levelChanges(m.bids, w.depth, tx.bid);
      const asks = levelChanges(m.asks, w.depth, tx.ask);
      if (bids.length > 0 || asks.length > 0) {
        this.#emit({ kind: "BookUpdate", symbol: m.symbol, bids, asks, time: now });
      }
    }
    if (prints.length === 0) return;
    if (w.trades) { for (const p of prints) this.#emit(p); }
    if (w.ticker) this.#emit(m.ticker(now));
    if (w.timeframe !== null) {
      const candle = m.currentCandle(w.timeframe);
      if (candle) {
        this.#emit({ kind: "CandleUpdated", symbol: m.symbol, timeframe: w.timeframe, candle });
      }
    }
  }

  /** Every market event as a frame (frames.ts), for `pytrader record`; account events are never frames. */
  onFrame(tap: FrameTap): () => void {
    this.#taps.add(tap);
    return () => this.#taps.delete(tap);
  }

  #emit(ev: MarketEvent): void {
    this.#stream.push(ev);
    if (this.#taps.size > 0) {
      const data = marketFrame(ev);
      if (data !== null) this.#tap(data);
    }
  }

  #tap(data: string): void {
    if (this.#taps.size === 0) return;
    const frame = { t: this.#clock.now(), src: "ws" as const, url: SIM_FRAME_URL, data };
    for (const tap of this.#taps) tap(frame);
  }

  /** Pushes account events, then the wallet if anything was filled. */
  #flush(account: readonly ExchangeEvent[], now: number): void {
    if (account.length === 0) return;
    for (const ev of account) this.#stream.push(ev);
    if (account.some((ev) => ev.kind === "OrderFilled")) {
      this.#stream.push({ kind: "WalletChanged", balances: this.#account.wallet.balances(), time: now });
    }
  }

  #startTimer(): void {
    const period = Math.max(10, Math.round(1000 / this.updatesPerSecond));
    this.#timerStart = this.#clock.now();
    this.#timerSteps = 0;
    this.#timer = setInterval(() => this.#tick(period), period);
  }

  /** Catches up with the wall clock, never by more than a few periods at once (e.g. after a suspend). */
  #tick(period: number): void {
    try {
      const elapsed = this.#clock.now() - this.#timerStart;
      if (elapsed < 0) {
        this.#timerStart = this.#clock.now();
        this.#timerSteps = 0;
        return;
      }
      let due = Math.floor(elapsed * this.updatesPerSecond / 1000) - this.#timerSteps;
      const burst = Math.max(1, Math.ceil(this.updatesPerSecond * period / 1000)) * 4;
      if (due > burst) {
        this.#timerSteps += due - burst;
        due = burst;
      }
      if (due <= 0) return;
      this.#timerSteps += due;
      this.step(due);
    } catch (e) {
      this.#stopTimer();
      const detail = `simulation failed: ${e instanceof Error ? e.message : String(e)}`;
      this.#stream.push({ kind: "ConnectionChanged", state: "down", detail, time: this.#clock.now() });
    }
  }

  #stopTimer(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #ensureOpen(action: string): void {
    if (this.#closed) throw new ExchangeUnavailable(`Cannot ${action} sim: the exchange is closed`);
  }

  /** Runs `fn` now; its result or error as a promise (one-shot calls never throw synchronously). */
  #later<T>(fn: () => T): Promise<T> {
    try {
      return Promise.resolve(fn());
    } catch (e) {
      return Promise.reject(e);
    }
  }
}
