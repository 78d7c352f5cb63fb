/**
 * The strategy host: loads strategies into sandboxed Workers, feeds them market and order changes, routes
 * their orders, passes letter keys, reloads them with their state (`l`) and keeps that state across
 * restarts. It implements the UI's StrategyHooks. Live, deliveries coalesce (a slow strategy gets the newest
 * state); in a backtest (`lockstep`) the caller advances the recording and calls settle(), which delivers
 * and waits for every answer, with the strategies' timers on the recording's clock.
 */

import { dirname } from "node:path";
import type { MarketState } from "../engine/market_state.ts";
import type { Log } from "../log/mod.ts";
import { type LoadMessage, loadMessage } from "./entry.ts";
import { bookData, ownVolumes } from "./market_data.ts";
import { OrderRouter } from "./order_router.ts";
import type { ConfigSource, StateStore, StrategyPort } from "./port.ts";
import type { BookData } from "./protocol.ts";
import { isFileOnDisk, resolveStrategies, SHARED_ROOTS, type StrategySpec } from "./resolve.ts";
import { MemoryStateStore } from "./state_store.ts";
import { nextTask } from "./next_task.ts";
import type { StrategyMode } from "./sdk.ts";
import {
  DEFAULT_LIMITS,
  type Lockstep,
  StrategyWorker,
  type WorkerContext,
  type WorkerLimits,
} from "./strategy_worker.ts";

export interface HostOptions {
  readonly port: StrategyPort;
  /** Lifecycle lines (loaded, unloaded, terminated, load errors): the main log. */
  readonly log: Log;
  /** Strategies' own output; `child(name)` per strategy. Use a log whose source is "strategy". */
  readonly strategyLog?: Log;
  /** Default: in memory only. */
  readonly store?: StateStore;
  /** `[strategy.<name>]` sections; default: declared defaults only. */
  readonly config?: ConfigSource | null;
  /** Where names are looked up: the working directory, then these folders (resolve.ts). */
  readonly cwd?: string;
  readonly folders?: readonly string[];
  readonly limits?: Partial<WorkerLimits>;
  /** The watchdog's clock (heartbeats, deadlines, load timeout, message rates, log budget), in ms. */
  readonly now?: () => number;
  /** Where strategy files are read from; default: the disk. */
  readonly files?: StrategyFiles;
  /**
   * Runs the watchdog's `check` every `ms` and returns a stop function; default an unref'd setInterval.
   * Tests pass a manual one, with `now`, to move time by hand.
   */
  readonly every?: (check: () => void, ms: number) => () => void;
  /** What `api.mode` says; default: the port's mode ("paper" over a paper venue), else "live". */
  readonly mode?: StrategyMode;
  /** A backtest: deliveries in lockstep through settle(), strategy timers and Date on `timers`. */
  readonly lockstep?: Lockstep;
}

/** Reading strategy files: nothing of a strategy is ever imported from disk, only read through this. */
export interface StrategyFiles {
  readText(path: string): Promise<string>;
  /** Absolute path with symlinks resolved, or null when the file does not exist. */
  realPath(path: string): Promise<string | null>;
  isFile(path: string): boolean;
}

const DISK: StrategyFiles = {
  readText: (p) => Deno.readTextFile(p),
  realPath: (p) => Deno.realPath(p).catch(() => null),
  isFile: isFileOnDisk,
};

export interface LoadReport {
  readonly loaded: readonly string[];
  readonly failed: readonly { readonly name: string; readonly error: string }[];
}

interface Entry {
  readonly spec: StrategySpec;
  readonly router: OrderRouter;
  readonly log: Log;
  worker: StrategyWorker | null;
  /** The state to hand to the next instance. */
  state: unknown;
}

export class StrategyHost {
  #o: HostOptions;
  #limits: WorkerLimits;
  #store: StateStore;
  #now: () => number;
  #entries = new Map<string, Entry>();
  #instance = 0;
  #stopWatchdog: (() => void) | undefined;
  #unsubscribe: Array<() => void> = [];
  #flushQueued = false;
  #ownsVersion = 0;
  #bookKey = "";
  #book: BookData | null = null;
  #busy: Promise<unknown> = Promise.resolve();
  #closed = false;
  #closing = new AbortController();
  #ctxs = new Map<string, WorkerContext>();
  #mode: StrategyMode;
  #lockstep: Lockstep | null;
  #marketNow: () => number;
  /** settle() waiting for an answer (or anything else that may let it go on). */
  #waiters: (() => void)[] = [];

  constructor(options: HostOptions) {
    this.#o = options;
    this.#limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.#store = options.store ?? new MemoryStateStore();
    this.#now = options.now ?? (() => performance.now());
    this.#lockstep = options.lockstep ?? null;
    this.#mode = this.#lockstep ? "backtest" : options.mode ?? options.port.mode?.() ?? "live";
    const lockstep = this.#lockstep;
    this.#marketNow = lockstep ? () => lockstep.timers.now() : this.#now;
    const port = options.port;
    this.#unsubscribe.push(port.onMarket((signal) => {
      for (const e of this.#entries.values()) if (e.worker?.running) e.worker.signal(signal);
      this.#wake();
    }));
    const orders = port.orders;
    if (orders) {
      this.#unsubscribe.push(orders.onChange(() => {
        this.#ownsVersion++;
        for (const e of this.#entries.values()) e.worker?.ordersChanged();
        this.#wake();
      }));
    }
  }

  /** Names of the strategies in the list (loaded or failed, reload retries them). */
  get names(): string[] {
    return [...this.#entries.keys()];
  }

  /** Names of the strategies whose Worker is running now. */
  get running(): string[] {
    return [...this.#entries.values()].filter((e) => e.worker?.running).map((e) => e.spec.name);
  }

  /** What strategies see as `api.mode`. */
  get mode(): StrategyMode {
    return this.#mode;
  }

  /** No delivery is waiting for a strategy's answer. */
  get idle(): boolean {
    return this.#workers().every((w) => !w.inFlight);
  }

  /**
   * Lockstep (a backtest): delivers what is pending to every strategy that has a handler for it (and the
   * timers due), waits until all have answered, hands their orders and cancels to the engine (strategy by
   * strategy in the order of the list, each in the order it asked, so every run is the same), lets what
   * those bring back arrive and be delivered in turn, and resolves once nothing is left at the recording's
   * present time. Live it only waits for the deliveries in flight.
   */
  async settle(): Promise<void> {
    for (;;) {
      const workers = this.#workers();
      for (const w of workers) w.flush();
      if (workers.some((w) => w.inFlight)) {
        await new Promise<void>((resolve) => this.#waiters.push(resolve));
        continue;
      }
      let handed = false;
      for (const w of workers) handed = w.drain() || handed;
      if (!handed) return;
      // The engine and the venue answer in promise chains: they have all run by the next task.
      await nextTask();
    }
  }

  #workers(): StrategyWorker[] {
    const out: StrategyWorker[] = [];
    for (const e of this.#entries.values()) if (e.worker && !e.worker.ended) out.push(e.worker);
    return out;
  }

  /** Loads `--strategy=a,b,c`; each failure is logged and reported, the others still load. */
  load(list: string | readonly string[]): Promise<LoadReport> {
    return this.#serial(async () => {
      const text = typeof list === "string" ? list : list.join(",");
      let specs: StrategySpec[];
      try {
        specs = resolveStrategies(text, {
          cwd: this.#o.cwd ?? Deno.cwd(),
          folders: this.#o.folders,
          isFile: (this.#o.files ?? DISK).isFile,
        });
      } catch (e) {
        const error = (e as Error).message;
        this.#o.log.error(error);
        return { loaded: [], failed: [{ name: text, error }] };
      }
      const fresh = specs.filter((s) => !this.#entries.has(s.name));
      for (const spec of fresh) {
        const log = (this.#o.strategyLog ?? this.#o.log).child(spec.name);
        this.#entries.set(spec.name, {
          spec,
          router: new OrderRouter(spec.name, this.#o.port, log),
          log,
          worker: null,
          state: await this.#loadState(spec.name),
        });
      }
      await this.#marketKnown();
      const names = fresh.map((s) => s.name);
      return report(names, await Promise.all(names.map((n) => this.#start(this.#entries.get(n)!, false))));
    });
  }

  /** Letters a–z except q and l, to every running strategy. */
  keypress(key: string): void {
    if (!/^[a-z]$/.test(key) || key === "q" || key === "l") return;
    for (const e of this.#entries.values()) e.worker?.key(key);
  }

  /** `l` (the UI's StrategyHooks): see reloadStrategies. */
  async reload(): Promise<void> {
    await this.reloadStrategies();
  }

  /** Every strategy hands over its state, its Worker ends, a new one starts from the files on disk. */
  reloadStrategies(): Promise<LoadReport> {
    return this.#serial(async () => {
      const entries = [...this.#entries.values()];
      await Promise.all(entries.map((e) => this.#stop(e)));
      const errors = await Promise.all(entries.map((e) => this.#start(e, true)));
      return report(entries.map((e) => e.spec.name), errors);
    });
  }

  /** Unloads every strategy (state saved) and stops the host. */
  close(): Promise<void> {
    this.#closing.abort();
    return this.#serial(async () => {
      if (this.#closed) return;
      this.#closed = true;
      await Promise.all([...this.#entries.values()].map((e) => this.#stop(e)));
      for (const u of this.#unsubscribe) u();
      this.#unsubscribe = [];
      this.#stopWatchdog?.();
      this.#stopWatchdog = undefined;
      this.#release();
    });
  }

  #serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#busy.then(() => {
      if (this.#closed) throw new Error("The strategy host is closed");
      return task();
    });
    this.#busy = run.catch(() => {});
    return run;
  }

  async #start(e: Entry, reloaded: boolean): Promise<string | null> {
    const { spec } = e;
    let load: LoadMessage;
    try {
      // The type stripper and the linker load on the first strategy, not with the app.
      const { readStrategy } = await import("./sources.ts");
      const files = this.#o.files ?? DISK;
      const linked = await readStrategy(spec.path, {
        roots: [dirname(spec.path), ...SHARED_ROOTS],
        readText: (p) => files.readText(p),
        realPath: (p) => files.realPath(p),
      });
      load = loadMessage(linked, linked.entryUrl, this.#limits.maxHeapBytes, this.#lockstep !== null);
    } catch (err) {
      const error = `Cannot load strategy "${spec.name}": ${(err as Error).message}`;
      this.#o.log.error(error);
      return error;
    }
    const worker = new StrategyWorker(
      { name: spec.name, path: spec.path, load, instance: ++this.#instance },
      e.router,
      this.#context(e),
      e.state,
      reloaded,
    );
    e.worker = worker;
    this.#watchdog();
    try {
      await worker.ready;
      return null;
    } catch {
      const error = worker.failure ?? `Cannot load strategy "${spec.name}"`;
      if (!worker.failure?.includes(" terminated: ")) this.#o.log.error(error);
      return error;
    }
  }

  async #stop(e: Entry): Promise<void> {
    const w = e.worker;
    if (!w) return;
    e.worker = null;
    const state = await w.unload();
    if (state === undefined) return;
    e.state = state;
    try {
      await this.#store.save(e.spec.name, state);
    } catch (err) {
      this.#o.log.warn(`Cannot save the state of ${e.spec.name}: ${(err as Error).message}`);
    }
  }

  async #loadState(name: string): Promise<unknown> {
    try {
      return await this.#store.load(name);
    } catch (e) {
      this.#o.log.warn(`Cannot read the saved state of ${name}: ${(e as Error).message}`);
      return undefined;
    }
  }

  #context(e: Entry): WorkerContext {
    let ctx = this.#ctxs.get(e.spec.name);
    if (ctx) return ctx;
    ctx = {
      port: this.#o.port,
      mode: this.#mode,
      lockstep: this.#lockstep,
      marketNow: this.#marketNow,
      log: this.#o.log,
      strategyLog: e.log,
      limits: this.#limits,
      config: this.#o.config ?? null,
      now: this.#now,
      bookData: (m) => this.#bookData(m),
      wake: () => this.#wake(),
      exited: () => this.#wake(),
    };
    this.#ctxs.set(e.spec.name, ctx);
    return ctx;
  }

  #bookData(m: MarketState): BookData {
    const key = `${m.book.version}|${this.#ownsVersion}|${m.bookStatus}`;
    if (key !== this.#bookKey || !this.#book) {
      const own = ownVolumes(this.#o.port.orders?.orders() ?? [], m.instrument.symbol);
      this.#book = bookData(m.book, m.bookStatus === "ok", this.#limits.bookLevels, own);
      this.#bookKey = key;
    }
    return this.#book;
  }

  #wake(): void {
    this.#release();
    if (this.#flushQueued) return;
    this.#flushQueued = true;
    queueMicrotask(() => {
      this.#flushQueued = false;
      for (const e of this.#entries.values()) e.worker?.flush();
    });
  }

  /** Lets settle() look again. */
  #release(): void {
    if (this.#waiters.length === 0) return;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const w of waiters) w();
  }

  #watchdog(): void {
    if (this.#stopWatchdog !== undefined) return;
    const l = this.#limits;
    const ms = Math.max(5, Math.min(l.heartbeatMs, l.deadlineMs, l.loadTimeoutMs) / 4);
    this.#stopWatchdog = (this.#o.every ?? unrefInterval)(() => {
      const now = this.#now();
      for (const e of this.#entries.values()) e.worker?.check(now);
    }, ms);
  }

  /** Strategies start once the instrument is known (the trader has started). */
  #marketKnown(): Promise<void> {
    if (this.#o.port.market()) return Promise.resolve();
    const signal = this.#closing.signal;
    return new Promise((resolve, reject) => {
      const done = () => {
        off();
        signal.removeEventListener("abort", closed);
      };
      const closed = () => {
        done();
        reject(new Error("The strategy host closed before the market was known"));
      };
      const off = this.#o.port.onMarket(() => {
        if (!this.#o.port.market()) return;
        done();
        resolve();
      });
      signal.addEventListener("abort", closed);
    });
  }
}

function unrefInterval(fn: () => void, ms: number): () => void {
  const timer = setInterval(fn, ms);
  Deno.unrefTimer(timer);
  return () => clearInterval(timer);
}

function report(names: readonly string[], errors: readonly (string | null)[]): LoadReport {
  const loaded: string[] = [];
  const failed: { name: string; error: string }[] = [];
  names.forEach((name, i) => {
    const error = errors[i] ?? null;
    if (error === null) loaded.push(name);
    else failed.push({ name, error });
  });
  return { loaded, failed };
}
