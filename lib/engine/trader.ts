import {
  AuthenticationError,
  type BookProblem,
  type BookSnapshot,
  type BookUpdate,
  type Candle,
  canResync,
  type Clock,
  errorText,
  type Exchange,
  type ExchangeEvent,
  isTerminal,
  keptDepth,
  type Order,
  systemClock,
  type Timers,
  verifiesBook,
} from "../core/mod.ts";
import { VerifiedBook } from "../book/mod.ts";
import { applyTrade, upsertCandle } from "../market/mod.ts";
import { type Log, nullLog } from "../log/mod.ts";
import type { MarketState } from "./market_state.ts";
import { Journal } from "./journal.ts";
import { OrderEngine } from "./order_engine.ts";
import type { OwnOrder } from "./order_types.ts";
import { findInstrument } from "./find_instrument.ts";

export interface TraderOptions {
  readonly symbol: string;
  /** Book levels wanted per side; the book keeps what the venue streams for it (StreamedDepth). */
  readonly depth: number;
  /** Candle length in minutes. */
  readonly timeframe: number;
  /** Candles of history to load at start. */
  readonly historyLimit?: number;
  /** Time for state stamps; default `timers`, else the system clock. */
  readonly clock?: Clock;
  readonly log?: Log;
  /** The order journal file (beside the ini); none = an in-memory journal, for one-shot use and tests. */
  readonly journalPath?: string;
  /** Largest distance of a limit price from the mid, in percent; default 10. */
  readonly priceBandPct?: number;
  /** How long the engine waits for the venue to answer an order before it counts as unknown; default 15 s. */
  readonly replyTimeoutMs?: number;
  /** The engine's timers for that wait (a backtest runs them on the recording's clock); default the system's. */
  readonly timers?: Timers;
}

export { findInstrument } from "./find_instrument.ts";

/**
 * One venue and one market: loads the instrument and history, streams events into the book, candles,
 * ticker and account state, and tells listeners something changed. Listeners never slow the stream down:
 * they are called synchronously and must only take note (the UI repaints on its own schedule).
 */
export class Trader {
  readonly exchange: Exchange;
  readonly options: TraderOptions;
  #clock: Clock;
  #log: Log;
  /** Replaced, never changed, when a listener comes or goes: a report may remove a listener safely. */
  #listeners: readonly (() => void)[] = [];
  #state: Internal | null = null;
  /** Times the book was found or reported wrong since start (checksum, gap, stale, crossed, reconnect). */
  resyncs = 0;
  #book: VerifiedBook | null = null;
  #loop: Promise<void> | null = null;
  #stopped = false;
  /** Once the venue streams candles itself, trades no longer build them (no double count). */
  #venueCandles = false;
  #engine: OrderEngine | null = null;
  #journal: Journal | null = null;
  /** True while an event is being applied: the loop reports the change once. */
  #applying = false;
  /** Why the book was last found wrong, for the order engine's refusal. */
  #lastLoss = "";

  constructor(exchange: Exchange, options: TraderOptions) {
    this.exchange = exchange;
    this.options = options;
    this.#clock = options.clock ?? options.timers ?? systemClock;
    this.#log = options.log ?? nullLog;
  }

  get state(): MarketState {
    if (!this.#state) throw new TypeError("Trader.state read before start()");
    return this.#state;
  }

  /** The order engine, once the account is available (balances could be read); null in view-only mode. */
  get engine(): OrderEngine | null {
    return this.#engine;
  }

  onChange(fn: () => void): () => void {
    if (!this.#listeners.includes(fn)) this.#listeners = [...this.#listeners, fn];
    return () => {
      this.#listeners = this.#listeners.filter((l) => l !== fn);
    };
  }

  async start(): Promise<void> {
    const { symbol, depth, timeframe } = this.options;
    const instrument = await findInstrument(this.exchange, symbol);
    const now = this.#clock.now();
    const kept = keptDepth(this.exchange, depth);
    const book = VerifiedBook.create(instrument, kept, verifiesBook(this.exchange) ? this.exchange : null);
    this.#book = book;
    this.#state = {
      venue: this.exchange.venue,
      instrument,
      book: book.book,
      bookStatus: "empty",
      candles: [],
      timeframe,
      ticker: null,
      lastTrade: null,
      connection: "connecting",
      connectionSince: now,
      lastMessageAt: 0,
      balances: null,
      orders: [],
      version: 0,
    };
    this.#loop = this.#consume();
    await this.exchange.connect();
    await this.exchange.subscribe({
      symbol: instrument.symbol,
      channels: ["book", "trades", "ticker", "candles"],
      depth: kept,
      timeframe,
    });
    await Promise.all([this.#loadHistory(), this.#loadAccount()]);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    await this.exchange.close();
    await this.#loop;
    this.#engine?.close();
    this.#journal?.close();
  }

  async #loadHistory(): Promise<void> {
    const s = this.#state!;
    try {
      const history = await this.exchange.candles(s.instrument.symbol, {
        timeframe: s.timeframe,
        limit: this.options.historyLimit ?? 720,
      });
      // Live candles already built from the stream are newer than (or equal to) the history's last one.
      const live = s.candles.filter((c) => c.time > (history[history.length - 1]?.time ?? -1));
      s.candles = [...history, ...live];
      this.#log.info(`Loaded ${history.length} candles of ${s.timeframe} min`);
      this.#changed();
    } catch (e) {
      this.#log.warn(`Cannot load candle history: ${errorText(e)}`);
    }
  }

  async #loadAccount(): Promise<void> {
    const s = this.#state!;
    try {
      s.balances = await this.exchange.balances();
    } catch (e) {
      if (e instanceof AuthenticationError) this.#log.info("No account: view-only mode");
      else this.#log.warn(`Cannot load account: ${errorText(e)}`);
      return;
    }
    if (this.#stopped) return;
    const o = this.options;
    let journal: Journal;
    try {
      journal = o.journalPath === undefined ? Journal.memory() : Journal.open(o.journalPath);
    } catch (e) {
      this.#log.error(`${errorText(e)}: trading is off, the market stays visible`);
      this.#changed();
      return;
    }
    this.#journal = journal;
    const engine = new OrderEngine({
      exchange: this.exchange,
      instrument: s.instrument,
      journal,
      book: s.book,
      bookTrusted: () => this.#state?.bookStatus !== "resyncing",
      bookProblem: () => this.#lastLoss,
      balances: () => s.balances,
      clock: this.#clock,
      log: this.#log.child("orders"),
      priceBandPct: o.priceBandPct,
      replyTimeoutMs: o.replyTimeoutMs,
      timers: o.timers,
    });
    this.#engine = engine;
    engine.apply({ kind: "ConnectionChanged", state: s.connection, time: this.#clock.now() });
    engine.onChange(() => {
      s.orders = engine.orders();
      if (!this.#applying) this.#changed();
    });
    this.#changed();
    try {
      await engine.reconcile();
    } catch (e) {
      this.#log.warn(`Cannot reconcile orders with ${this.exchange.venue}: ${errorText(e)}`);
    }
  }

  async #consume(): Promise<void> {
    try {
      // Each burst (a socket message's events) is applied as a whole, synchronously, and reported once.
      await this.exchange.events().drain(this.#applyBatch);
    } catch (e) {
      if (!this.#stopped) this.#log.error(`Event stream failed: ${errorText(e)}`);
    }
  }

  readonly #applyBatch = (batch: readonly ExchangeEvent[]): void => {
    const s = this.#state!;
    s.lastMessageAt = this.#clock.now();
    this.#applying = true;
    try {
      for (let i = 0; i < batch.length; i++) {
        const ev = batch[i]!;
        // The book update of our market, nearly every event of a live stream, without the dispatch.
        if (ev.kind === "BookUpdate" && ev.symbol === s.instrument.symbol) this.#applyBook(s, ev);
        else this.#apply(ev);
      }
    } finally {
      this.#applying = false;
    }
    this.#changed();
  };

  #apply(ev: ExchangeEvent): void {
    const s = this.#state!;
    switch (ev.kind) {
      case "BookSnapshot":
      case "BookUpdate":
        if (ev.symbol === s.instrument.symbol) this.#applyBook(s, ev);
        return;
      case "BookIntegrityLost":
        if (ev.symbol === s.instrument.symbol) this.#lost(ev.reason, ev.detail, false);
        return;
      case "TradePrinted":
        if (ev.symbol !== s.instrument.symbol) return;
        s.lastTrade = ev;
        if (!this.#venueCandles) applyTrade(s.candles, ev, s.timeframe);
        return;
      case "CandleUpdated":
        if (ev.symbol !== s.instrument.symbol || ev.timeframe !== s.timeframe) return;
        this.#venueCandles = true;
        upsertCandle(s.candles, ev.candle);
        return;
      case "TickerChanged":
        if (ev.symbol === s.instrument.symbol) s.ticker = ev;
        return;
      case "ConnectionChanged":
        if (ev.state !== s.connection) {
          s.connection = ev.state;
          s.connectionSince = ev.time;
          this.#log.info(`Connection ${ev.state}${ev.detail ? `: ${ev.detail}` : ""}`);
        }
        this.#engine?.apply(ev);
        return;
      case "WalletChanged":
        s.balances = ev.balances;
        return;
      case "OrderAccepted":
      case "OrderFilled":
      case "OrderCanceled":
        if (this.#engine) this.#engine.apply(ev);
        else s.orders = upsertOrder(s.orders, ev.order);
        return;
      case "OrderRejected":
        if (this.#engine) this.#engine.apply(ev);
        else this.#log.warn(`Order ${ev.clientId} rejected: ${ev.reason}`);
        return;
    }
  }

  /** A snapshot or update of our market's book; a loss it reveals asks the venue for a fresh snapshot. */
  #applyBook(s: Internal, ev: BookSnapshot | BookUpdate): void {
    const loss = this.#book!.apply(ev);
    if (loss) this.#lost(loss.reason, loss.detail, true);
    else s.bookStatus = this.#book!.status;
  }

  /**
   * The book is wrong or incomplete: nothing is shown as verified or traded on it until the venue's next
   * snapshot. `ask`: the problem was found here, so the venue is asked for that snapshot; otherwise the
   * adapter that reported it (or its reconnect) already did.
   */
  #lost(reason: BookProblem, detail: string, ask: boolean): void {
    const s = this.#state!;
    this.#book!.lose();
    s.bookStatus = this.#book!.status;
    this.#lastLoss = REASONS[reason];
    this.resyncs++;
    this.#log.warn(
      `Book ${s.instrument.symbol} is not trusted until a fresh snapshot (${REASONS[reason]}: ${detail})`,
    );
    if (!ask) return;
    if (!canResync(this.exchange)) return;
    this.exchange.resync(s.instrument.symbol).catch((e) =>
      this.#log.error(`Cannot resync ${s.instrument.symbol}: ${errorText(e)}`)
    );
  }

  #changed(): void {
    const s = this.#state!;
    s.version++;
    const listeners = this.#listeners;
    for (let i = 0; i < listeners.length; i++) listeners[i]!();
  }
}

/** Without an engine (no account), venue order events are shown as they come, as foreign orders. */
function upsertOrder(orders: readonly Order[], order: Order): Order[] {
  const rest = orders.filter((o) => o.id !== order.id);
  if (isTerminal(order.status)) return rest;
  const foreign: OwnOrder = { ...order, owner: "foreign", paper: false };
  return [...rest, foreign];
}

const REASONS: Readonly<Record<BookProblem, string>> = {
  checksum: "checksum mismatch",
  "sequence-gap": "sequence gap",
  "stale-snapshot": "stale snapshot",
  crossed: "crossed book",
  invalid: "invalid levels",
  reconnect: "reconnected",
};

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Internal = Mutable<Omit<MarketState, "candles">> & { candles: Candle[] };
