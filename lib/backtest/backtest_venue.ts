import {
  type Balances,
  type BookSnapshot,
  type Candle,
  type CandleQuery,
  canLookUpOrders,
  type EventSource,
  type Exchange,
  type ExchangeEvent,
  forwardMarketCapabilities,
  type Instrument,
  isPaper,
  type Order,
  type OrderRef,
  type PaperVenue,
  type SubmitOrder,
  type Subscription,
  type TickerChanged,
  type Timers,
} from "../core/mod.ts";

/** What the backtest learns from the venue the Trader sees. */
export interface VenueTap {
  /** Every batch of events, as the Trader takes it. */
  batch(events: readonly ExchangeEvent[]): void;
  /** The venue refused an order (InvalidOrder, InsufficientFunds...). */
  refused(cmd: SubmitOrder, error: unknown): void;
}

/**
 * What the Trader of a backtest talks to: paper over the recording, each order and cancel reaching it
 * `latencyMs` later on the recording's clock (their answers and fills come back at once), every event
 * shown to the backtest's tap on the way. Market-data capabilities pass through as paper offers them.
 */
export class BacktestVenue implements Exchange, PaperVenue {
  readonly paper = true;
  readonly venue: string;
  readonly #inner: Exchange & PaperVenue;
  readonly #timers: Timers;
  readonly #latency: number;
  readonly #tap: VenueTap;
  declare readonly queryOrder?: (ref: OrderRef) => Promise<Order | null>;

  constructor(paper: Exchange, timers: Timers, latencyMs: number, tap: VenueTap) {
    if (!isPaper(paper)) throw new TypeError("A backtest needs a paper venue to fill its orders");
    this.#inner = paper;
    this.venue = paper.venue;
    this.#timers = timers;
    this.#latency = latencyMs;
    this.#tap = tap;
    forwardMarketCapabilities(this, paper);
    if (canLookUpOrders(paper)) {
      Object.defineProperty(this, "queryOrder", { value: paper.queryOrder.bind(paper), enumerable: false });
    }
  }

  instruments(): Promise<readonly Instrument[]> {
    return this.#inner.instruments();
  }

  connect(): Promise<void> {
    return this.#inner.connect();
  }

  subscribe(sub: Subscription): Promise<void> {
    return this.#inner.subscribe(sub);
  }

  events(): EventSource<ExchangeEvent> {
    const inner = this.#inner.events();
    const tap = this.#tap;
    return {
      drain: (onBatch) =>
        inner.drain((batch) => {
          tap.batch(batch);
          onBatch(batch);
        }),
      batches: () => ({
        [Symbol.asyncIterator]: () => {
          const it = inner.batches()[Symbol.asyncIterator]();
          return {
            next: async () => {
              const r = await it.next();
              if (!r.done) tap.batch(r.value);
              return r;
            },
            return: () => it.return?.() ?? Promise.resolve({ value: undefined, done: true }),
          };
        },
      }),
      [Symbol.asyncIterator]: () => {
        throw new TypeError("The backtest venue hands out its events in batches only");
      },
    };
  }

  ticker(symbol: string): Promise<TickerChanged> {
    return this.#inner.ticker(symbol);
  }

  book(symbol: string, depth: number): Promise<BookSnapshot> {
    return this.#inner.book(symbol, depth);
  }

  candles(symbol: string, query: CandleQuery): Promise<Candle[]> {
    return this.#inner.candles(symbol, query);
  }

  balances(): Promise<Balances> {
    return this.#inner.balances();
  }

  availableBalances(): Balances {
    return this.#inner.availableBalances();
  }

  openOrders(symbol?: string): Promise<Order[]> {
    return this.#inner.openOrders(symbol);
  }

  placeOrder(cmd: SubmitOrder): Promise<Order> {
    const sent = this.#later(() => this.#inner.placeOrder(cmd));
    if (!cmd.validate) sent.catch((e) => this.#tap.refused(cmd, e));
    return sent;
  }

  cancelOrder(id: string): Promise<Order> {
    return this.#later(() => this.#inner.cancelOrder(id));
  }

  close(): Promise<void> {
    return this.#inner.close();
  }

  /** `call` after the latency, on the recording's clock. */
  #later<T>(call: () => Promise<T>): Promise<T> {
    if (this.#latency <= 0) return call();
    return new Promise<T>((resolve, reject) => {
      this.#timers.setTimeout(() => call().then(resolve, reject), this.#latency);
    });
  }
}
