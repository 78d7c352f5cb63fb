import {
  type Balances,
  type BookSnapshot,
  type Clock,
  type Exchange,
  type ExchangeEvent,
  type ReplayDecoder,
  type SubmitOrder,
  UsageError,
} from "../core/mod.ts";
import { Trader } from "../engine/mod.ts";
import type { Logger } from "../log/mod.ts";
import { readLineChunks, RecordingDecoder } from "../record/mod.ts";
import {
  type ConfigSource,
  MemoryStateStore,
  nextTask,
  readIniConfig,
  strategyFolders,
  StrategyHost,
  TraderPort,
  type WorkerLimits,
} from "../strategy/mod.ts";
import type { LoadedConfig } from "../config/mod.ts";
import { BacktestVenue } from "./backtest_venue.ts";
import { Equity } from "./equity.ts";
import { Ledger } from "./ledger.ts";
import { RecordedVenue } from "./recorded_venue.ts";
import { type BacktestReport, buildReport, type Moment } from "./report.ts";
import { VirtualClock } from "./virtual_clock.ts";

/** How paper is put over the recording (exchanges/paper, wired by main.ts). */
export interface PaperSetup {
  readonly balances: Readonly<Record<string, string>>;
  /** Percent as decimal text. */
  readonly makerFee: string;
  readonly takerFee: string;
  readonly clock: Clock;
  /** Venue order ids: the same in every run. */
  readonly idPrefix: string;
}

export type PaperFactory = (live: Exchange, setup: PaperSetup) => Promise<Exchange>;

export interface BacktestOptions {
  readonly file: string;
  /** Each venue's own decoder by name (exchanges/mod.ts replayDecoders). */
  readonly decoderFor: (venue: string) => ReplayDecoder | undefined;
  readonly paper: PaperFactory;
  /** `--strategy`: "balancer,buy" or a list of names. */
  readonly strategies: string | readonly string[];
  /** The pair to trade; default the first pair with a book in the recording. */
  readonly pair?: string;
  readonly balances: Readonly<Record<string, string>>;
  readonly makerFee: string;
  readonly takerFee: string;
  /** An order (and a cancel) reaches the matching engine this long after it was sent; default 0. */
  readonly latencyMs?: number;
  /** Candle length in minutes (`onHistoryChanged`). */
  readonly timeframe: number;
  /** Book levels wanted per side (the recording's own depth wins when it says). */
  readonly depth: number;
  readonly priceBandPct?: number;
  /** Engine, strategy host and strategies log here. */
  readonly logger: Logger;
  /**
   * pytrader.ini: `[strategy.<name>]` sections are read from it (never written), and strategy names are
   * looked up beside it after the working directory.
   */
  readonly ini?: LoadedConfig;
  /** `[strategy.<name>]` sections otherwise (tests); default: the declared defaults. */
  readonly config?: ConfigSource | null;
  readonly cwd?: string;
  readonly folders?: readonly string[];
  readonly limits?: Partial<WorkerLimits>;
  /** Called after each chunk of the file with the characters read so far. */
  readonly onProgress?: (read: number) => void;
}

/** Frames kept while waiting for the pair's first book; older ones are dropped. */
const MAX_EARLY_FRAMES = 10_000;

interface Run {
  readonly venue: string;
  readonly trader: Trader;
  readonly market: RecordedVenue;
  readonly host: StrategyHost;
  readonly ledger: Ledger;
  readonly strategies: readonly string[];
  readonly startedAt: Moment;
}

/**
 * `pytrader backtest`: the recording's frames through the venue's own decoder into a recording-as-venue,
 * paper over it (the same fills as a live paper run), the Trader with its verified book, order engine and
 * journal (in memory), and the strategies in their Workers in lockstep on the recording's clock. The
 * strategies start at the pair's first book; each frame is delivered and answered (orders placed, filled,
 * their news delivered in turn) before the next; timers and an order's latency run in time order between
 * frames. As fast as the CPU allows, and the same in every run.
 */
export class Backtest {
  readonly #o: BacktestOptions;
  readonly #clock = new VirtualClock();
  readonly #lines: RecordingDecoder;
  readonly #equity = new Equity();
  #run: Run | null = null;
  #early: { readonly t: number; readonly venue: string; readonly events: readonly ExchangeEvent[] }[] = [];
  #last: Moment | null = null;
  #balances: { readonly ref: Balances | null; readonly base: number; readonly quote: number } = {
    ref: null,
    base: 0,
    quote: 0,
  };
  /** The last event of the frame pushed, whether the Trader has taken its batch and reported it. */
  #awaited: ExchangeEvent | null = null;
  #taken = false;
  #reported = false;

  constructor(options: BacktestOptions) {
    const latency = options.latencyMs ?? 0;
    if (!(latency >= 0)) throw new RangeError(`Latency must be 0 ms or more, got ${latency}`);
    this.#o = options;
    this.#lines = new RecordingDecoder(options.decoderFor);
  }

  async run(): Promise<BacktestReport> {
    let read = 0;
    try {
      for await (const text of readLineChunks(this.#o.file)) {
        await this.#chunk(text);
        read += text.length;
        this.#o.onProgress?.(read);
      }
      const run = this.#run;
      if (!run) throw this.#noBook();
      return await this.#report(run);
    } finally {
      await this.#close();
    }
  }

  async #chunk(text: string): Promise<void> {
    const lines = this.#lines;
    const n = text.length;
    let start = 0;
    while (start < n) {
      let nl = text.indexOf("\n", start);
      if (nl < 0) nl = n;
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      const events = lines.line(text, start, end);
      start = nl + 1;
      if (events === null) continue;
      const run = this.#run;
      if (run) {
        if (lines.venue === run.venue) await this.#frame(run, lines.t, events);
        continue;
      }
      if (events.length === 0) continue;
      this.#early.push({ t: lines.t, venue: lines.venue, events });
      if (this.#early.length > MAX_EARLY_FRAMES) this.#early.shift();
      const book = this.#firstBook(events);
      if (book) this.#run = await this.#begin(book);
    }
  }

  /** The pair's first book in a frame whose venue's decoder knows the pair. */
  #firstBook(events: readonly ExchangeEvent[]): BookSnapshot | null {
    const wanted = this.#o.pair?.toUpperCase();
    const decoder = this.#lines.decoder(this.#lines.venue);
    for (const ev of events) {
      if (ev.kind !== "BookSnapshot" || !decoder?.instrument(ev.symbol)) continue;
      if (wanted === undefined || ev.symbol.toUpperCase() === wanted) return ev;
    }
    return null;
  }

  /** Builds the market on the recording and starts the strategies once the pair's first book is in. */
  async #begin(book: BookSnapshot): Promise<Run> {
    const o = this.#o;
    const venue = this.#lines.venue;
    const decoder = this.#lines.decoder(venue)!;
    const instrument = decoder.instrument(book.symbol)!;
    // Frames before the first book, of this venue only: a file may hold several venues' frames.
    const early = this.#early.filter((f) => f.venue === venue);
    this.#early = [];
    this.#clock.set(early[0]?.t ?? this.#lines.t);
    const depth = decoder.bookDepth?.(book.symbol) ?? Math.max(book.bids.length, book.asks.length, 1);
    const market = new RecordedVenue(decoder, instrument, depth, this.#clock);
    const paper = await o.paper(market, {
      balances: o.balances,
      makerFee: o.makerFee,
      takerFee: o.takerFee,
      clock: this.#clock,
      idPrefix: "BT-",
    });
    const ledger = new Ledger(instrument);
    const timers = this.#clock;
    const tap = {
      batch: (events: readonly ExchangeEvent[]) => {
        this.#took(events);
        ledger.batch(events);
      },
      refused: (cmd: SubmitOrder) => ledger.refused(cmd),
    };
    const trader = new Trader(new BacktestVenue(paper, timers, o.latencyMs ?? 0, tap), {
      symbol: instrument.symbol,
      depth: o.depth,
      timeframe: o.timeframe,
      timers,
      log: o.logger.log("engine"),
      priceBandPct: o.priceBandPct,
    });
    trader.onChange(() => {
      if (this.#taken) this.#reported = true;
    });
    try {
      await trader.start();
      for (const f of early) {
        this.#clock.set(f.t);
        await this.#push(market, f.events, null);
      }
    } catch (e) {
      await trader.stop();
      throw e;
    }
    const host = new StrategyHost({
      port: ledger.port(new TraderPort(trader)),
      log: o.logger.log("strategies"),
      strategyLog: o.logger.log("strategy"),
      config: o.config ?? (o.ini ? readIniConfig(o.ini) : null),
      store: new MemoryStateStore(),
      cwd: o.cwd,
      folders: o.folders ?? (o.ini ? strategyFolders(o.ini.path) : []),
      limits: o.limits,
      lockstep: { timers: this.#clock },
    });
    const partial: Omit<Run, "host" | "strategies" | "startedAt"> = { venue, trader, market, ledger };
    // Closed with the run even when loading fails.
    this.#run = { ...partial, host, strategies: [], startedAt: this.#moment(trader) };
    // A backtest without one of its strategies would report on something else than asked.
    const loaded = await host.load(o.strategies);
    if (loaded.failed.length > 0 || loaded.loaded.length === 0) {
      const why = loaded.failed.map((f) => f.error).join("; ");
      throw new UsageError(`Cannot backtest: not every strategy loaded${why ? ` (${why})` : ""}`);
    }
    ledger.register(loaded.loaded);
    await host.settle();
    const startedAt = this.#moment(trader);
    this.#sample(trader, this.#clock.now());
    return { ...partial, host, strategies: loaded.loaded, startedAt };
  }

  /**
   * One recorded frame: what is due before it (timers, orders on their way), then the frame itself. A frame
   * that carries nothing (a heartbeat) still moves the clock on.
   */
  async #frame(run: Run, t: number, events: readonly ExchangeEvent[]): Promise<void> {
    const clock = this.#clock;
    while (clock.runNext(t)) {
      await nextTask();
      await run.host.settle();
    }
    clock.set(t);
    if (events.length > 0) await this.#push(run.market, events, run.host);
    this.#sample(run.trader, t);
  }

  /** Pushes a frame's events and waits until the Trader has applied them and the strategies have answered. */
  async #push(
    market: RecordedVenue,
    events: readonly ExchangeEvent[],
    host: StrategyHost | null,
  ): Promise<void> {
    this.#awaited = events[events.length - 1]!;
    this.#taken = false;
    this.#reported = false;
    market.push(events);
    // The events pass paper and reach the Trader in a short chain of promises: by the next task at most.
    for (let i = 0; !this.#reported && i < 64; i++) await null;
    for (let i = 0; !this.#reported && i < 4; i++) await nextTask();
    this.#awaited = null;
    if (!this.#reported) {
      throw new Error(`Backtest: the market did not take the frame of ${iso(this.#clock.now())}`);
    }
    await host?.settle();
  }

  /** The Trader's batches as they go by: the one with the frame's last event counts as taken. */
  #took(events: readonly ExchangeEvent[]): void {
    if (this.#awaited !== null && !this.#taken && events.includes(this.#awaited)) this.#taken = true;
  }

  #moment(trader: Trader): Moment {
    const s = trader.state;
    return {
      time: this.#clock.now(),
      bid: s.book.bestBid(),
      ask: s.book.bestAsk(),
      balances: s.balances ?? {},
    };
  }

  /** The value at the mid after a frame, while the book is trusted and has both sides. */
  #sample(trader: Trader, t: number): void {
    const s = trader.state;
    if (s.bookStatus !== "ok") return;
    const bid = s.book.bestBid();
    const ask = s.book.bestAsk();
    if (Number.isNaN(bid) || Number.isNaN(ask)) return;
    const i = s.instrument;
    if (s.balances !== this.#balances.ref) {
      const b = s.balances ?? {};
      this.#balances = { ref: s.balances, base: Number(b[i.base] ?? 0), quote: Number(b[i.quote] ?? 0) };
    }
    const mid = (bid + ask) / 2 / 10 ** i.pricePrecision;
    this.#equity.sample(t, mid, this.#balances.base, this.#balances.quote);
    this.#last = { time: t, bid, ask, balances: s.balances ?? {} };
  }

  async #report(run: Run): Promise<BacktestReport> {
    const o = this.#o;
    const open = new Map<string, number>();
    for (const order of run.trader.engine?.orders() ?? []) {
      const name = run.ledger.strategyOf(order.clientId);
      open.set(name, (open.get(name) ?? 0) + 1);
    }
    const start = run.startedAt;
    const end = this.#last ?? start;
    const lines = this.#lines;
    return buildReport({
      file: o.file,
      venue: run.venue,
      instrument: run.trader.state.instrument,
      strategies: run.strategies,
      makerFee: o.makerFee,
      takerFee: o.takerFee,
      latencyMs: o.latencyMs ?? 0,
      replay: {
        frames: lines.frames,
        events: lines.events,
        malformed: lines.malformed,
        resyncs: run.trader.resyncs,
      },
      start,
      end: { ...end, balances: await run.trader.exchange.balances() },
      ledger: run.ledger,
      equity: this.#equity,
      open,
    });
  }

  #noBook(): UsageError {
    const l = this.#lines;
    const what = this.#o.pair ? `no book of ${this.#o.pair}` : "no order book";
    return new UsageError(
      `Cannot backtest "${this.#o.file}": the recording has ${what} that a venue's decoder reads ` +
        `(${l.frames} frames, ${l.malformed} malformed)`,
    );
  }

  async #close(): Promise<void> {
    const run = this.#run;
    this.#run = null;
    try {
      await run?.host.close();
    } finally {
      await run?.trader.stop();
    }
  }
}

/** Runs a backtest of `options.file` and returns its report. */
export function runBacktest(options: BacktestOptions): Promise<BacktestReport> {
  return new Backtest(options).run();
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
