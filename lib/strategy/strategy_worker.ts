/**
 * One running strategy: its Worker, the handshake, the deliveries of market changes (one batch in flight at
 * a time, so a slow strategy gets coalesced state instead of a growing queue), and the checks on everything
 * it sends. A strategy that blocks (no heartbeat answer), floods (message rate) or keeps sending garbage is
 * terminated with a log line; nothing it does can stop the host.
 */

import type { Timers } from "../core/mod.ts";
import type { MarketState } from "../engine/market_state.ts";
import { ENTRY_URL, type LoadMessage } from "./entry.ts";
import type { Log } from "../log/mod.ts";
import {
  candleView,
  depthChanges,
  instrumentView,
  tickerView,
  tradeView,
  walletView,
} from "./market_data.ts";
import type { OrderRouter } from "./order_router.ts";
import { Pending } from "./pending.ts";
import type { ConfigSource, MarketSignal, StrategyPort } from "./port.ts";
import {
  type BookData,
  type CandleDelta,
  type HandlerName,
  type HostMessage,
  LIMITS,
  type MarketData,
  PROTOCOL_VERSION,
  readWorkerMessage,
  type WorkerMessage,
} from "./protocol.ts";
import { RateCounter } from "./rate_counter.ts";
import type { ConfigValue, StrategyMode } from "./sdk.ts";

export interface WorkerLimits {
  /** How often the host asks each worker for a heartbeat. */
  readonly heartbeatMs: number;
  /** A worker that has not answered a heartbeat for this long is terminated (blocked). */
  readonly deadlineMs: number;
  /** From Worker creation to the strategy's onStart. */
  readonly loadTimeoutMs: number;
  /** How long onBeforeUnload may take. */
  readonly unloadTimeoutMs: number;
  /** More messages than this in one second: terminated (flooding). */
  readonly messagesPerSecond: number;
  /** More orders than this in one second are denied. */
  readonly ordersPerSecond: number;
  /** This many malformed messages: terminated. */
  readonly invalidMessages: number;
  /** Book levels per side a strategy sees. */
  readonly bookLevels: number;
  /** Candles a strategy sees (the newest). */
  readonly candles: number;
  /** What a strategy may write to its log on average (bytes of text per second); more is dropped. */
  readonly logBytesPerSecond: number;
  /** How much above the average a strategy may write at once. */
  readonly logBurstBytes: number;
  /** A worker whose V8 heap grows above this is terminated (Deno has no per-Worker limit). */
  readonly maxHeapBytes: number;
}

export const DEFAULT_LIMITS: WorkerLimits = Object.freeze({
  heartbeatMs: 1_000,
  deadlineMs: 5_000,
  loadTimeoutMs: 15_000,
  unloadTimeoutMs: 1_000,
  messagesPerSecond: 1_000,
  ordersPerSecond: 20,
  invalidMessages: 10,
  bookLevels: 100,
  candles: 1_000,
  maxHeapBytes: 512 * 1024 * 1024,
  logBytesPerSecond: 64 * 1024,
  logBurstBytes: 256 * 1024,
});

/**
 * A backtest: deliveries go one at a time, each answered before the recording moves on; strategies' timers
 * run on `timers`, the recording's clock, which also paces the rate limits.
 */
export interface Lockstep {
  readonly timers: Timers;
}

export interface WorkerContext {
  readonly port: StrategyPort;
  /** What `api.mode` says. */
  readonly mode: StrategyMode;
  /** null: live (deliveries coalesce, timers are the Worker's own). */
  readonly lockstep: Lockstep | null;
  /** Lifecycle lines: loaded, unloaded, terminated. */
  readonly log: Log;
  /** The strategy's own output (strategy log pane). */
  readonly strategyLog: Log;
  readonly limits: WorkerLimits;
  readonly config: ConfigSource | null;
  /** Real time (ms): heartbeats and deadlines. */
  now(): number;
  /** The market's time (ms): rate limits and the log budget; the recording's clock in a backtest. */
  marketNow(): number;
  /** The book as strategies see it, shared between workers for one book and orders version. */
  bookData(market: MarketState): BookData;
  /** Asks the host to deliver pending changes soon. */
  wake(): void;
  /** The worker ended (terminated or unloaded). */
  exited(worker: StrategyWorker): void;
}

export interface WorkerSpec {
  readonly name: string;
  readonly path: string;
  /** The linked strategy, sent to the Worker first (entry.ts). */
  readonly load: LoadMessage;
  /** Distinguishes this instance's order ids from earlier ones. */
  readonly instance: number;
}

type Phase = "loading" | "running" | "unloading" | "ended";
type Command = Extract<WorkerMessage, { t: "order" | "cancel" | "cancelAll" }>;

/** Which handlers take which kind of change (lockstep delivers only what a strategy handles). */
const TAKES: Readonly<
  Record<"book" | "ticker" | "trades" | "candles" | "owns" | "wallet", readonly HandlerName[]>
> = {
  book: ["onBookChanged", "onDepth"],
  ticker: ["onTick"],
  trades: ["onTrade"],
  candles: ["onHistoryChanged"],
  owns: ["onOwnsChanged"],
  wallet: ["onWalletChanged"],
};
type Start = { resolve(): void; reject(e: Error): void; state: unknown; reloaded: boolean };

export class StrategyWorker {
  readonly name: string;
  readonly spec: WorkerSpec;
  /** Set when the worker ended other than by unload: why. */
  failure: string | null = null;
  #ctx: WorkerContext;
  #router: OrderRouter;
  #worker: Worker;
  #phase: Phase = "loading";
  #createdAt: number;
  #prefix: string;
  #lastOrderSeq = 0;
  #pending = new Pending();
  #inFlight = false;
  #batchSeq = 0;
  #ping: { seq: number; at: number } | null = null;
  #lastPing: number;
  #pingSeq = 0;
  #messages = new RateCounter();
  #orders = new RateCounter();
  #invalid = 0;
  #helloSeen = false;
  #startSent = false;
  #start: Start;
  #unload: { seq: number; resolve(state: unknown): void } | null = null;
  #lastBook: BookData | null = null;
  #candles = { first: NaN, count: 0 };
  #walletRef: unknown = undefined;
  #log: { bytes: number; at: number; dropped: number; reportAt: number };
  /** Lockstep: the handlers the strategy has, the commands it sent during a delivery, its timers. */
  #handles: ReadonlySet<HandlerName> | null = null;
  #commands: Command[] = [];
  #timers = new Map<number, { handle: unknown; readonly repeat: boolean }>();
  #due: number[] = [];

  /** Starts the Worker; `ready` settles when the strategy has started or failed to. */
  readonly ready: Promise<void>;

  constructor(spec: WorkerSpec, router: OrderRouter, ctx: WorkerContext, state: unknown, reloaded: boolean) {
    this.spec = spec;
    this.name = spec.name;
    this.#ctx = ctx;
    this.#router = router;
    this.#createdAt = this.#lastPing = ctx.now();
    this.#log = { bytes: ctx.limits.logBurstBytes, at: ctx.marketNow(), dropped: 0, reportAt: 0 };
    this.#prefix = `${spec.name.replace(/[^A-Za-z0-9_-]/g, "").slice(0, 24)}.${spec.instance}.`;
    let start!: Start;
    this.ready = new Promise<void>((resolve, reject) => start = { resolve, reject, state, reloaded });
    this.ready.catch(() => {});
    this.#start = start;
    this.#worker = new Worker(ENTRY_URL, {
      type: "module",
      name: `strategy ${spec.name}`,
      deno: { permissions: "none" },
    });
    this.#worker.postMessage(spec.load);
    this.#worker.addEventListener("message", (e) => this.#receive(e.data));
    this.#worker.addEventListener("messageerror", (e) => {
      e.preventDefault();
      this.#refuse("a message that cannot be read");
    });
    this.#worker.addEventListener("error", (e) => {
      e.preventDefault();
      this.#end(`worker error: ${e.message}`);
    });
  }

  get running(): boolean {
    return this.#phase === "running";
  }

  get ended(): boolean {
    return this.#phase === "ended";
  }

  /** A delivery (or, in lockstep, the start) is waiting for the strategy's answer. */
  get inFlight(): boolean {
    return this.#inFlight && this.#phase !== "ended";
  }

  signal(s: MarketSignal): void {
    // In lockstep, trades nobody handles are not kept (they would only fill the queue).
    if (s.kind === "trade" && this.#handles !== null && !this.#handles.has("onTrade")) return;
    this.#pending.add(s);
  }

  ordersChanged(): void {
    this.#pending.owns = true;
  }

  key(key: string): void {
    if (this.#phase === "running") this.#post({ t: "key", key });
  }

  /**
   * Sends what is pending, if the strategy has taken the previous delivery. In lockstep only what the
   * strategy has a handler for (or a timer due) makes a delivery; the rest waits for the next one.
   */
  flush(): void {
    if (this.#phase !== "running" || this.#inFlight) return;
    if (this.#ctx.lockstep ? !this.#wanted() : !this.#pending.any && !this.#router.hasDenied) return;
    const market = this.#ctx.port.market();
    if (!market) return;
    this.#inFlight = true;
    const seq = ++this.#batchSeq;
    if (!this.#ctx.lockstep) {
      this.#post({ t: "batch", seq, market: this.#delta(market) });
      return;
    }
    const timers = this.#due;
    this.#due = [];
    this.#post({
      t: "batch",
      seq,
      market: this.#delta(market),
      now: this.#ctx.lockstep.timers.now(),
      ...(timers.length > 0 ? { timers } : {}),
    });
  }

  /** Lockstep: whether anything pending is for a handler the strategy has, or a timer is due. */
  #wanted(): boolean {
    if (this.#due.length > 0) return true;
    const h = this.#handles;
    if (!h) return false;
    const p = this.#pending;
    const takes = (kind: keyof typeof TAKES) => TAKES[kind].some((name) => h.has(name));
    return (p.book && takes("book")) || (p.ticker && takes("ticker")) ||
      (p.trades.length > 0 && takes("trades")) || (p.candles && takes("candles")) ||
      ((p.owns || this.#router.hasDenied) && takes("owns")) || (p.wallet && takes("wallet"));
  }

  /**
   * Lockstep: hands the engine what the strategy asked for during the last delivery (orders, cancels), in
   * the order it asked. The host calls this for each strategy in turn once all have answered, so the engine
   * sees the same sequence in every run. Returns whether there was anything.
   */
  drain(): boolean {
    if (this.#commands.length === 0) return false;
    const commands = this.#commands;
    this.#commands = [];
    for (const c of commands) this.#command(c, this.#ctx.marketNow());
    return true;
  }

  /** Watchdog: heartbeats and deadlines. */
  check(now: number): void {
    const l = this.#ctx.limits;
    const t = this.#ctx.marketNow();
    if (this.#log.dropped > 0 && t >= this.#log.reportAt) this.#reportDropped(t);
    if (this.#phase === "loading") {
      if (now - this.#createdAt > l.loadTimeoutMs) this.#end(`did not start within ${l.loadTimeoutMs} ms`);
      return;
    }
    if (this.#phase === "ended") return;
    if (this.#ping) {
      if (now - this.#ping.at > l.deadlineMs) {
        this.#end(`no heartbeat for ${l.deadlineMs} ms (blocked in a handler?)`);
      }
    } else if (now - this.#lastPing >= l.heartbeatMs) {
      this.#ping = { seq: ++this.#pingSeq, at: now };
      this.#lastPing = now;
      this.#post({ t: "ping", seq: this.#ping.seq });
    }
  }

  /** Asks for onBeforeUnload's state (bounded wait), then ends the Worker. Undefined if none came. */
  async unload(): Promise<unknown> {
    if (this.#phase !== "running") {
      this.#end(null);
      return undefined;
    }
    this.#phase = "unloading";
    const seq = ++this.#batchSeq;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const state = await new Promise<unknown>((resolve) => {
      this.#unload = { seq, resolve };
      timer = setTimeout(() => {
        this.#ctx.log.warn(
          `${this.name} did not hand over its state within ${this.#ctx.limits.unloadTimeoutMs} ms`,
        );
        resolve(undefined);
      }, this.#ctx.limits.unloadTimeoutMs);
      this.#post({ t: "unload", seq });
    });
    clearTimeout(timer);
    this.#unload = null;
    this.#end(null);
    return state;
  }

  /** Ends the Worker now; `reason` null means an orderly unload. */
  terminate(reason: string | null): void {
    this.#end(reason);
  }

  #post(msg: HostMessage): void {
    try {
      this.#worker.postMessage(msg);
    } catch (e) {
      this.#end(`cannot send to the worker: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  #receive(raw: unknown): void {
    if (this.#phase === "ended") return;
    const lockstep = this.#ctx.lockstep;
    // Rates are the strategy's own: in a backtest on the recording's clock, which runs as fast as the CPU.
    const now = this.#ctx.marketNow();
    const msg = readWorkerMessage(raw);
    // In lockstep the answers the host asks for (done, pong) are not the strategy's doing: not counted.
    const counted = !lockstep || typeof msg === "string" || (msg.t !== "done" && msg.t !== "pong");
    if (counted && this.#messages.hit(now) > this.#ctx.limits.messagesPerSecond) {
      this.#end(`more than ${this.#ctx.limits.messagesPerSecond} messages in a second (flooding)`);
      return;
    }
    if (typeof msg === "string") return this.#refuse(msg);
    switch (msg.t) {
      case "hello":
        return this.#hello(msg);
      case "started":
        if (!this.#startSent || this.#phase !== "loading") return this.#refuse("started out of turn");
        if (lockstep) this.#handles = new Set(msg.handlers);
        this.#phase = "running";
        this.#ctx.log.info(`${this.name} loaded`);
        this.#start.resolve();
        this.#ctx.wake();
        return;
      case "done":
        if (!this.#inFlight || msg.seq !== this.#batchSeq) return this.#refuse("done out of turn");
        this.#inFlight = false;
        this.#ctx.wake();
        return;
      case "pong":
        if (this.#ping?.seq === msg.seq) this.#ping = null;
        return this.#heap(msg.heap);
      case "heap":
        return this.#heap(msg.bytes);
      case "state":
        return this.#state(msg);
      case "log": {
        const text = clip(msg.text);
        if (this.#logAllowed(text, now)) this.#ctx.strategyLog[msg.level](text);
        return;
      }
      case "error": {
        if (msg.where === "load" && this.#phase === "loading") return this.#end(clip(msg.text));
        const text = `${msg.where} failed: ${clip(msg.text)}`;
        if (this.#logAllowed(text, now)) this.#ctx.strategyLog.error(text);
        return;
      }
      case "order":
      case "cancel":
      case "cancelAll":
        if (!lockstep) return this.#command(msg, now);
        if (!this.#startSent) return this.#refuse(`${msg.t} before start`);
        this.#commands.push(msg);
        return;
      case "timer":
        return this.#timer(msg);
      case "clearTimer":
        return this.#clearTimer(msg.id);
    }
  }

  #command(msg: Command, now: number): void {
    switch (msg.t) {
      case "order":
        return this.#order(msg, now);
      case "cancel":
        if (this.#startSent) this.#router.cancel(msg.id);
        return;
      case "cancelAll":
        if (this.#startSent) this.#router.cancelAll();
        return;
    }
  }

  /** Lockstep: a strategy timer on the recording's clock; when due, it goes with the next delivery. */
  #timer(msg: Extract<WorkerMessage, { t: "timer" }>): void {
    const lockstep = this.#ctx.lockstep;
    if (!lockstep) return this.#refuse("timer outside a backtest");
    if (this.#timers.has(msg.id)) return this.#refuse(`timer ${msg.id} twice`);
    // A repeating timer of 0 ms would keep the recording's clock from ever moving on.
    const ms = msg.repeat ? Math.max(1, msg.ms) : msg.ms;
    const arm = () =>
      lockstep.timers.setTimeout(() => {
        const t = this.#timers.get(msg.id);
        if (!t || this.#phase === "ended") return;
        this.#due.push(msg.id);
        if (t.repeat) t.handle = arm();
        else this.#timers.delete(msg.id);
        this.#ctx.wake();
      }, ms);
    this.#timers.set(msg.id, { handle: arm(), repeat: msg.repeat });
  }

  #clearTimer(id: number): void {
    const lockstep = this.#ctx.lockstep;
    if (!lockstep) return this.#refuse("clearTimer outside a backtest");
    const t = this.#timers.get(id);
    if (t) lockstep.timers.clearTimeout(t.handle);
    this.#timers.delete(id);
    this.#due = this.#due.filter((d) => d !== id);
  }

  #hello(msg: Extract<WorkerMessage, { t: "hello" }>): void {
    if (this.#helloSeen) return this.#refuse("hello twice");
    this.#helloSeen = true;
    if (msg.v !== PROTOCOL_VERSION) {
      return this.#end(`speaks protocol ${msg.v}, the host ${PROTOCOL_VERSION}`);
    }
    this.#begin(msg.defaults).catch((e) => this.#end(e instanceof Error ? e.message : String(e)));
  }

  async #begin(defaults: Readonly<Record<string, ConfigValue>>): Promise<void> {
    const entries = Object.entries(defaults).map(([k, v]) => [k, iniText(v)] as const);
    const config = this.#ctx.config
      ? await this.#ctx.config.section(this.name, entries)
      : Object.fromEntries(entries);
    const market = this.#ctx.port.market();
    if (!market) throw new Error("the market is not known yet");
    if (this.#phase !== "loading") return;
    this.#router.resetSeen(market.instrument);
    this.#pending.take();
    this.#startSent = true;
    const lockstep = this.#ctx.lockstep;
    // In lockstep the start is a delivery too: answered by `done` once onStart has run.
    if (lockstep) this.#inFlight = true;
    this.#post({
      t: "start",
      v: PROTOCOL_VERSION,
      name: this.name,
      idPrefix: this.#prefix,
      config,
      state: this.#start.state,
      reloaded: this.#start.reloaded,
      instrument: instrumentView(market.instrument),
      market: this.#full(market),
      mode: this.#ctx.mode,
      seq: ++this.#batchSeq,
      ...(lockstep ? { now: lockstep.timers.now() } : {}),
    });
  }

  #state(msg: Extract<WorkerMessage, { t: "state" }>): void {
    if (!this.#unload || msg.seq !== this.#unload.seq) return this.#refuse("state out of turn");
    let state: unknown = undefined;
    if (msg.json !== null) {
      try {
        state = JSON.parse(msg.json);
      } catch {
        this.#ctx.strategyLog.warn("onBeforeUnload returned a state that is not JSON; dropped");
      }
    }
    this.#unload.resolve(state);
  }

  #order(msg: Extract<WorkerMessage, { t: "order" }>, now: number): void {
    if (!this.#startSent) return this.#refuse("order before start");
    const seq = msg.id.startsWith(this.#prefix) ? Number(msg.id.slice(this.#prefix.length)) : NaN;
    if (!(Number.isSafeInteger(seq) && seq > this.#lastOrderSeq)) return this.#refuse(`order id "${msg.id}"`);
    this.#lastOrderSeq = seq;
    if (this.#orders.hit(now) > this.#ctx.limits.ordersPerSecond) {
      this.#router.deny(msg, `more than ${this.#ctx.limits.ordersPerSecond} orders in a second`);
    } else this.#router.submit(msg);
    if (this.#router.hasDenied) this.#ctx.wake();
  }

  /** The log byte budget: a bucket of logBurstBytes refilled at logBytesPerSecond. */
  #logAllowed(text: string, now: number): boolean {
    const l = this.#ctx.limits;
    const b = this.#log;
    b.bytes = Math.min(l.logBurstBytes, b.bytes + Math.max(0, now - b.at) * l.logBytesPerSecond / 1000);
    b.at = now;
    const cost = utf8Length(text) + 1;
    if (cost <= b.bytes) {
      b.bytes -= cost;
      return true;
    }
    // The first report a second after the first dropped line, then at most one a second.
    if (b.dropped++ === 0) b.reportAt = Math.max(b.reportAt, now + 1000);
    return false;
  }

  #reportDropped(now: number): void {
    const b = this.#log;
    const rate = this.#ctx.limits.logBytesPerSecond / 1024;
    this.#ctx.log.warn(`${this.name}: ${b.dropped} log lines dropped (over ${rate} KiB/s)`);
    b.dropped = 0;
    b.reportAt = now + 1000;
  }

  #heap(bytes: number): void {
    const limit = this.#ctx.limits.maxHeapBytes;
    if (bytes > limit) this.#end(`heap ${megabytes(bytes)} MB is above the limit of ${megabytes(limit)} MB`);
  }

  #refuse(reason: string): void {
    this.#ctx.log.warn(`${this.name} sent an invalid message: ${reason}`);
    if (++this.#invalid >= this.#ctx.limits.invalidMessages) {
      this.#end(`${this.#invalid} invalid messages`);
    }
  }

  #end(reason: string | null): void {
    if (this.#phase === "ended") return;
    const wasLoading = this.#phase === "loading";
    this.#phase = "ended";
    this.#worker.terminate();
    for (const t of this.#timers.values()) this.#ctx.lockstep?.timers.clearTimeout(t.handle);
    this.#timers.clear();
    this.#due = [];
    this.#commands = [];
    if (this.#log.dropped > 0) this.#reportDropped(this.#ctx.marketNow());
    this.#unload?.resolve(undefined);
    if (reason === null) this.#ctx.log.info(`${this.name} unloaded`);
    else if (wasLoading) this.failure = `Cannot load strategy "${this.name}": ${reason}`;
    else {
      this.failure = `${this.name} terminated: ${reason}`;
      this.#ctx.log.error(this.failure);
    }
    this.#start.reject(new Error(this.failure ?? `${this.name} ended`));
    this.#ctx.exited(this);
  }

  /** Everything, for the start message. */
  #full(m: MarketState): MarketData {
    const i = m.instrument;
    const book = this.#ctx.bookData(m);
    this.#lastBook = book;
    this.#walletRef = m.balances;
    return {
      book,
      ticker: m.ticker ? tickerView(m.ticker, i) : undefined,
      candles: this.#candleDelta(m),
      timeframe: m.timeframe,
      wallet: walletView(m.balances),
      owns: this.#router.report(i),
      fee: this.#ctx.port.fee?.() ?? null,
    };
  }

  /** What changed since the last delivery. */
  #delta(m: MarketState): MarketData {
    const t = this.#pending.take();
    const i = m.instrument;
    const out: { -readonly [K in keyof MarketData]: MarketData[K] } = {};
    if (t.book || t.owns) {
      const book = this.#ctx.bookData(m);
      if (book !== this.#lastBook) {
        if (this.#lastBook) out.depth = depthChanges(this.#lastBook, book);
        out.book = book;
        this.#lastBook = book;
      }
    }
    if (t.ticker && m.ticker) out.ticker = tickerView(m.ticker, i);
    if (t.trades.length > 0) out.trades = t.trades.map((x) => tradeView(x, i));
    if (t.droppedTrades > 0) out.droppedTrades = t.droppedTrades;
    if (t.candles) out.candles = this.#candleDelta(m);
    if (t.wallet && m.balances !== this.#walletRef) {
      this.#walletRef = m.balances;
      out.wallet = walletView(m.balances);
      out.fee = this.#ctx.port.fee?.() ?? null;
    }
    if (t.owns || this.#router.hasDenied) out.owns = this.#router.report(i);
    return out;
  }

  /** The newest candles the worker lacks: usually just the last one, all of them after a history reload. */
  #candleDelta(m: MarketState): CandleDelta {
    const all = m.candles.length > this.#ctx.limits.candles
      ? m.candles.slice(-this.#ctx.limits.candles)
      : m.candles;
    const first = all[0]?.time ?? NaN;
    const sent = this.#candles;
    const from = first === sent.first && all.length >= sent.count ? Math.max(0, sent.count - 1) : 0;
    this.#candles = { first, count: all.length };
    return { from, items: all.slice(from).map((c) => candleView(c, m.instrument)) };
  }
}

const encoder = new TextEncoder();

function utf8Length(text: string): number {
  let ascii = true;
  for (let i = 0; i < text.length && ascii; i++) ascii = text.charCodeAt(i) < 0x80;
  return ascii ? text.length : encoder.encode(text).length;
}

function megabytes(bytes: number): number {
  return Math.round(bytes / (1024 * 1024));
}

function clip(text: string): string {
  return text.length > LIMITS.logChars ? text.slice(0, LIMITS.logChars) + "…" : text;
}

function iniText(v: ConfigValue): string {
  return typeof v === "boolean" ? (v ? "True" : "False") : String(v);
}
