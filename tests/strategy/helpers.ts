/** Fakes for strategy host tests: a market, an order engine, logs, temp strategy files, a manual clock. */

import {
  type Balances,
  type Instrument,
  isTerminal,
  OrderDenied,
  parseTicks,
  type TickerChanged,
  type TradePrinted,
} from "../../lib/core/mod.ts";
import { OrderBook } from "../../lib/book/mod.ts";
import type { MarketState } from "../../lib/engine/market_state.ts";
import { Logger, type LogRecord, MemorySink } from "../../lib/log/mod.ts";
import type {
  CancelAllResult,
  MarketSignal,
  OrderPort,
  PortOrder,
  PortOrderRequest,
  PortSubmitResult,
  StateStore,
  StrategyPort,
} from "../../lib/strategy/port.ts";
import { type StrategyFiles, StrategyHost } from "../../lib/strategy/host.ts";
import type { WorkerLimits } from "../../lib/strategy/strategy_worker.ts";
import { MemoryStateStore } from "../../lib/strategy/state_store.ts";
import { eventually } from "../eventually.ts";

export const ETH_BTC: Instrument = {
  symbol: "ETH/BTC",
  base: "ETH",
  quote: "BTC",
  pricePrecision: 5,
  qtyPrecision: 8,
  priceIncrement: 1,
  minQty: 100_000,
  minCost: "0",
};

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A market the test drives by hand, and an order engine that records what it is asked. */
export class FakePort implements StrategyPort {
  readonly state: Mutable<MarketState>;
  readonly engine = new FakeOrders();
  readonly orders: OrderPort | null;
  #listeners = new Set<(s: MarketSignal) => void>();
  #known: boolean;

  constructor(options: { known?: boolean; trading?: boolean; instrument?: Instrument } = {}) {
    const instrument = options.instrument ?? ETH_BTC;
    this.#known = options.known ?? true;
    this.orders = options.trading === false ? null : this.engine;
    this.state = {
      venue: "fake",
      instrument,
      book: new OrderBook(instrument, 100),
      bookStatus: "empty",
      candles: [],
      timeframe: 15,
      ticker: null,
      lastTrade: null,
      connection: "connected",
      connectionSince: 0,
      lastMessageAt: 0,
      balances: null,
      orders: [],
      version: 0,
    };
    this.engine.symbol = instrument.symbol;
  }

  market(): MarketState | null {
    return this.#known ? this.state : null;
  }

  onMarket(fn: (s: MarketSignal) => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  get listeners(): number {
    return this.#listeners.size;
  }

  emit(s: MarketSignal): void {
    for (const fn of this.#listeners) fn(s);
  }

  know(): void {
    this.#known = true;
    this.emit({ kind: "book" });
  }

  /** Best bid/ask book (decimal text prices, 1 unit each) and a ticker with the same prices. */
  quote(bid: string, ask: string, time = Date.now()): void {
    const i = this.state.instrument;
    const b = parseTicks(bid, i.pricePrecision);
    const a = parseTicks(ask, i.pricePrecision);
    const q = 10 ** i.qtyPrecision;
    this.state.book.applySnapshot([{ price: b, qty: q }], [{ price: a, qty: q }]);
    this.state.bookStatus = "ok";
    this.emit({ kind: "book" });
    this.ticker(bid, ask, time);
  }

  ticker(bid: string, ask: string, time = Date.now()): void {
    const i = this.state.instrument;
    const t: TickerChanged = {
      kind: "TickerChanged",
      symbol: i.symbol,
      bid: parseTicks(bid, i.pricePrecision),
      ask: parseTicks(ask, i.pricePrecision),
      last: parseTicks(bid, i.pricePrecision),
      volume: 0,
      time,
    };
    this.state.ticker = t;
    this.emit({ kind: "ticker" });
  }

  trade(price: string, volume: string, time = Date.now()): void {
    const i = this.state.instrument;
    const t: TradePrinted = {
      kind: "TradePrinted",
      symbol: i.symbol,
      price: parseTicks(price, i.pricePrecision),
      qty: parseTicks(volume, i.qtyPrecision),
      side: "buy",
      time,
    };
    this.state.lastTrade = t;
    this.emit({ kind: "trade", trade: t });
  }

  wallet(balances: Balances): void {
    this.state.balances = balances;
    this.emit({ kind: "wallet" });
  }
}

/** Records submits and cancels; the test moves orders along with set(). */
export class FakeOrders implements OrderPort {
  symbol = "ETH/BTC";
  readonly submitted: PortOrderRequest[] = [];
  readonly canceled: string[] = [];
  denyNext: string | null = null;
  #orders = new Map<string, PortOrder>();
  #listeners = new Set<() => void>();
  #seq = 0;
  #foreignSeq = 0;

  submit(req: PortOrderRequest): PortSubmitResult {
    if (this.denyNext !== null) {
      const why = this.denyNext;
      this.denyNext = null;
      throw new OrderDenied(why);
    }
    this.submitted.push(req);
    const clientId = `c${++this.#seq}`;
    const order: PortOrder = {
      id: "",
      clientId,
      symbol: this.symbol,
      side: req.side,
      type: req.price === null ? "market" : "limit",
      price: req.price === null ? null : parseTicks(req.price, 5),
      qty: parseTicks(req.volume, 8),
      filled: 0,
      status: "pending",
      time: 0,
      owner: req.owner ?? "",
    };
    this.#orders.set(clientId, order);
    this.#changed();
    return { clientId, settled: Promise.resolve(order) };
  }

  cancel(id: string): Promise<PortOrder> {
    this.canceled.push(id);
    const o = this.#orders.get(id);
    if (!o) return Promise.reject(new Error(`no order ${id}`));
    return Promise.resolve(this.set(id, { status: "canceled" }));
  }

  async cancelAll(filter: { owner?: string } = {}): Promise<CancelAllResult> {
    const targets = [...this.#orders.values()].filter((o) =>
      !isTerminal(o.status) && (filter.owner === undefined || o.owner === filter.owner)
    );
    for (const o of targets) await this.cancel(o.clientId);
    return { canceled: targets.length, failed: [] };
  }

  orders(): readonly PortOrder[] {
    return [...this.#orders.values()];
  }

  onChange(fn: () => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  /** Changes an order (e.g. open, filled) and tells listeners. */
  set(clientId: string, change: Partial<PortOrder>): PortOrder {
    const o = { ...this.#orders.get(clientId)!, ...change } as PortOrder;
    this.#orders.set(clientId, o);
    this.#changed();
    return o;
  }

  /** An order placed by someone else (manual): owner "". */
  foreign(order: Partial<PortOrder>): PortOrder {
    const clientId = `f${++this.#foreignSeq}`;
    const o: PortOrder = {
      id: `V${clientId}`,
      clientId,
      symbol: this.symbol,
      side: "buy",
      type: "limit",
      price: 100,
      qty: 100_000_000,
      filled: 0,
      status: "open",
      time: 0,
      owner: "",
      ...order,
    };
    this.#orders.set(clientId, o);
    this.#changed();
    return o;
  }

  #changed(): void {
    for (const fn of this.#listeners) fn();
  }
}

/** A logger whose records the test can read. */
export function memoryLogs(): {
  logger: Logger;
  sink: MemorySink;
  lines(): string[];
  records(): readonly LogRecord[];
} {
  const sink = new MemorySink(10_000);
  const logger = new Logger([sink]);
  return {
    logger,
    sink,
    lines: () => sink.records().map((r) => `${r.level} ${r.source}: ${r.message}`),
    records: () => sink.records(),
  };
}

/** The first log line matching `re`, or undefined. */
export function lineMatching(logs: { lines(): string[] }, re: RegExp): string | undefined {
  return logs.lines().find((l) => re.test(l));
}

/** Waits (with eventually's generous deadline) for a log line matching `re`; returns it. */
export function waitForLine(logs: { lines(): string[] }, re: RegExp): Promise<string> {
  return eventually(() => lineMatching(logs, re), `a log line matching ${re}`);
}

/** How many log lines match `re`. */
export function countLines(logs: { lines(): string[] }, re: RegExp): number {
  return logs.lines().filter((l) => re.test(l)).length;
}

/** A temp folder with strategy files; remove() when done. */
export async function strategyDir(
  files: Record<string, string>,
): Promise<
  {
    dir: string;
    path(name: string): string;
    write(name: string, text: string): Promise<void>;
    remove(): Promise<void>;
  }
> {
  const dir = await Deno.makeTempDir({ prefix: "pytrader-strategy-" });
  const write = (name: string, text: string) => Deno.writeTextFile(`${dir}/${name}`, text);
  for (const [name, text] of Object.entries(files)) await write(name, text);
  return {
    dir,
    path: (name) => `${dir}/${name}`,
    write,
    remove: () => Deno.remove(dir, { recursive: true }),
  };
}

/**
 * Limits for tests: heartbeats often (so every test exercises the ping path) but deadlines far beyond
 * anything a loaded machine takes, so that only a strategy that really blocks is ever terminated. The
 * watchdog's own tests use a ManualClock instead of waiting for real deadlines.
 */
export const TEST_LIMITS: Partial<WorkerLimits> = {
  heartbeatMs: 50,
  deadlineMs: 120_000,
  loadTimeoutMs: 120_000,
  unloadTimeoutMs: 60_000,
};

/**
 * The watchdog's clock, moved by hand: time stands still until advance(), which then runs the watchdog
 * once, as its timer would. With it a test decides exactly when a deadline has passed.
 */
export class ManualClock {
  #now = 0;
  #checks = new Set<() => void>();

  readonly now = (): number => this.#now;

  /** HostOptions.every: registers the watchdog's check; advance() runs it. */
  readonly every = (check: () => void, _ms: number): () => void => {
    this.#checks.add(check);
    return () => this.#checks.delete(check);
  };

  /** Whether the host has started its watchdog (it does with its first Worker). */
  get watching(): boolean {
    return this.#checks.size > 0;
  }

  /** Moves the clock forward by `ms` and runs the watchdog once. */
  advance(ms: number): void {
    this.#now += ms;
    for (const check of this.#checks) check();
  }
}

/** A host on a fake port with logs in memory. */
export function fakeHost(
  options: {
    port?: FakePort;
    cwd?: string;
    limits?: Partial<WorkerLimits>;
    store?: StateStore;
    files?: StrategyFiles;
    clock?: ManualClock;
  } = {},
) {
  const port = options.port ?? new FakePort();
  const logs = memoryLogs();
  const store = options.store ?? new MemoryStateStore();
  const host = new StrategyHost({
    port,
    log: logs.logger.log("strategies"),
    strategyLog: logs.logger.log("strategy"),
    store,
    cwd: options.cwd,
    files: options.files,
    limits: { ...TEST_LIMITS, ...options.limits },
    now: options.clock?.now,
    every: options.clock?.every,
  });
  return { port, logs, host, store };
}
