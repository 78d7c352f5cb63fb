/**
 * The UI runtime: feeds keys through `update`, runs the effects, and paints the latest market state at a
 * capped frame rate. Market changes only mark the screen dirty, so the engine never waits for the screen.
 */

import process from "node:process";
import type { LoadedConfig } from "../config/mod.ts";
import type { Timers } from "../core/clock.ts";
import { formatTicks } from "../core/ticks.ts";
import type { MarketState } from "../engine/market_state.ts";
import type { Log, LogRecord } from "../log/logger.ts";
import type { Terminal } from "./terminal.ts";
import type { FrameStats } from "./frame_stats.ts";
import type { Glyphs } from "./glyphs.ts";
import { LogPanes } from "./log_panes.ts";
import type { Effect, Msg } from "./msg.ts";
import { cancelOrders, submitOrder } from "./order_actions.ts";
import type { LogLine } from "./order_text.ts";
import type { OrderPort } from "./port.ts";
import { initialState, type UiState, viewSettings } from "./state.ts";
import { update } from "./update.ts";
import { renderFrame } from "./views/frame.ts";
import { FrameCache } from "./views/frame_cache.ts";

/** What the UI reads of the engine (lib/engine Trader fits). `state` may throw until the trader has started. */
export interface MarketFeed {
  readonly state: MarketState;
  onChange(fn: () => void): () => void;
  /**
   * The order engine (the Trader's `engine`); null or absent: view-only, F4/F5/F6 say why. Read at every
   * key and frame, so it may appear once the trader has started.
   */
  readonly engine?: OrderPort | null;
}

/** Where log lines for the panes come from (lib/log MemorySink fits). */
export interface LogFeed {
  records(): readonly LogRecord[];
  onLine(fn: (r: LogRecord) => void): () => void;
}

/** The frame scheduler's clock (monotonic) and timeouts, in ms; tests pass manual ones. */
const REAL_TIMERS: Timers = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as number),
};

/** The hook for the strategy host: letters a–z except q and l, and `l` to reload. */
export interface StrategyHooks {
  keypress(key: string): void;
  reload(): void | Promise<void>;
}

export type SaveSetting = (
  config: LoadedConfig,
  section: string,
  key: string,
  value: string,
) => Promise<LoadedConfig>;

export interface UiAppOptions {
  readonly terminal: Terminal;
  readonly trader: MarketFeed;
  readonly config: LoadedConfig;
  readonly save: SaveSetting;
  readonly glyphs: Glyphs;
  readonly logs?: LogFeed;
  /** Where the UI's own messages go; without it they go straight into the main pane. */
  readonly log?: Log;
  readonly strategies?: StrategyHooks;
  /** Wall clock in ms (the "last message" age); default Date.now. */
  readonly now?: () => number;
  /** Minimum time between frames, ms (default 50: at most 20 frames per second). */
  readonly frameInterval?: number;
  /** Default: performance.now and the global timers. */
  readonly frameTimers?: Timers;
  /** Whether to set the terminal title (set_xterm_title and an xterm-like terminal). */
  readonly titles?: boolean;
  readonly offsetMinutes?: number;
  readonly startingText?: string;
  /** Records every frame's time and the heap around it (measuring the running screen). */
  readonly stats?: FrameStats;
}

export class UiApp {
  readonly done: Promise<void>;
  /** Frames painted so far. */
  frames = 0;
  #o: UiAppOptions;
  #state: UiState;
  #config: LoadedConfig;
  #panes: LogPanes;
  #now: () => number;
  #interval: number;
  #timers: Timers;
  #timer: unknown;
  #tick: unknown;
  #lastPaint = -Infinity;
  #titleAt = -Infinity;
  /** The parts of the last frame, so that the next recomputes only what changed. */
  #cache = new FrameCache();
  #saving: Promise<void> = Promise.resolve();
  #unsubscribe: Array<() => void> = [];
  #stopped = false;
  #resolve!: () => void;
  #reject!: (e: unknown) => void;
  #knowsInstrument = false;
  #engine: OrderPort | null = null;
  #engineUnsubscribe: (() => void) | undefined;
  /** The engine's orders changed since the open order list last read them. */
  #ordersDirty = false;

  constructor(options: UiAppOptions) {
    this.#o = options;
    this.#config = options.config;
    this.#state = initialState(viewSettings(options.config.settings.pytrader));
    this.#panes = new LogPanes(this.#state.view.filters);
    this.#now = options.now ?? Date.now;
    this.#interval = options.frameInterval ?? 50;
    this.#timers = options.frameTimers ?? REAL_TIMERS;
    this.done = new Promise<void>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
  }

  get state(): UiState {
    return this.#state;
  }

  get config(): LoadedConfig {
    return this.#config;
  }

  start(): void {
    const o = this.#o;
    for (const r of o.logs?.records() ?? []) this.#panes.push(r);
    if (o.logs) {
      this.#unsubscribe.push(o.logs.onLine((r) => {
        this.#panes.push(r);
        this.requestPaint();
      }));
    }
    this.#unsubscribe.push(o.trader.onChange(() => this.requestPaint()));
    this.#unsubscribe.push(() => this.#engineUnsubscribe?.());
    o.terminal.onKey((key) => this.dispatch({ kind: "key", key }));
    this.#state = update(this.#state, { kind: "resize", height: o.terminal.height })[0];
    o.terminal.onResize(() => {
      this.#state = update(this.#state, { kind: "resize", height: o.terminal.height })[0];
      this.#paint();
    });
    const tick = () => {
      this.#tick = this.#timers.setTimeout(tick, 1000);
      this.requestPaint();
    };
    this.#tick = this.#timers.setTimeout(tick, 1000);
    this.#paint();
  }

  /**
   * Runs a message through `update`, then the answers of its effects (an order the engine took or
   * refused, the orders for the list); a key is painted at once (key presses are rare, latency matters).
   */
  /** Repaints the whole screen, e.g. after Workers loaded code (Deno may have written to the terminal). */
  refresh(): void {
    this.#o.terminal.refresh?.();
  }

  dispatch(msg: Msg): void {
    if (this.#stopped) return;
    try {
      this.#sync(this.#market());
    } catch (e) {
      this.stop(e);
      return;
    }
    const queue: Msg[] = [msg];
    for (let m = queue.shift(); m !== undefined; m = queue.shift()) {
      const [next, effects] = update(this.#state, m);
      this.#state = next;
      for (const e of effects) {
        const answer = this.#run(e);
        if (answer !== undefined) queue.push(answer);
      }
      if (this.#stopped) return;
    }
    if (msg.kind === "key") {
      this.#timers.clearTimeout(this.#timer);
      this.#timer = undefined;
      this.#paint();
    } else this.requestPaint();
  }

  /** Paints soon: at once if the last frame is older than the interval, else when it is. */
  requestPaint(): void {
    if (this.#timer !== undefined || this.#stopped) return;
    const wait = Math.max(0, this.#lastPaint + this.#interval - this.#timers.now());
    this.#timer = this.#timers.setTimeout(() => {
      this.#timer = undefined;
      this.#paint();
    }, wait);
  }

  /** Stops painting, waits for pending ini writes, restores the terminal and resolves `done`. */
  async stop(error?: unknown): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#timers.clearTimeout(this.#timer);
    this.#timers.clearTimeout(this.#tick);
    for (const u of this.#unsubscribe) u();
    try {
      await this.#saving;
      // The last frame reaches the terminal before it is restored (nothing of it lands after).
      await this.#o.terminal.settled?.();
    } finally {
      this.#o.terminal.destroy();
      if (error === undefined) this.#resolve();
      else this.#reject(error);
    }
  }

  #market(): MarketState | null {
    try {
      return this.#o.trader.state;
    } catch (e) {
      // Trader.state throws TypeError until start() has found the instrument.
      if (e instanceof TypeError) return null;
      throw e;
    }
  }

  #paint(): void {
    if (this.#stopped) return;
    const stats = this.#o.stats;
    if (stats === undefined) return this.#frame();
    const heap = Deno.memoryUsage().heapUsed;
    const cpu = process.cpuUsage();
    const at = performance.now();
    this.#frame();
    const ms = performance.now() - at;
    const used = process.cpuUsage(cpu);
    stats.record(at, ms, (used.user + used.system) / 1000, heap, Deno.memoryUsage().heapUsed);
  }

  #frame(): void {
    try {
      const t = this.#o.terminal;
      const market = this.#market();
      this.#sync(market);
      const lines = renderFrame({
        ui: this.#state,
        market,
        mainLog: this.#panes.main,
        strategyLog: this.#panes.strategy,
        now: this.#now(),
        width: t.width,
        height: t.height,
        glyphs: this.#o.glyphs,
        offsetMinutes: this.#o.offsetMinutes ?? 0,
        startingText: this.#o.startingText,
      }, this.#cache);
      t.paint(lines);
      if (this.#o.titles && this.#state.view.xtermTitle && market !== null) this.#title(t, market);
      this.frames++;
      this.#lastPaint = this.#timers.now();
    } catch (e) {
      this.stop(e);
    }
  }

  /**
   * The terminal title follows the market at most once a second: a title is a write of its own (blessed
   * flushes before it inside tmux), and a title bar has no use for 20 changes a second.
   */
  #title(t: Terminal, market: MarketState): void {
    const now = this.#now();
    if (now - this.#titleAt < TITLE_INTERVAL_MS && now >= this.#titleAt) return;
    this.#titleAt = now;
    t.setTitle(titleOf(market));
  }

  /** Tells `update` what it cannot see itself: the instrument, the engine, fresh orders for the list. */
  #sync(market: MarketState | null): void {
    if (market !== null && !this.#knowsInstrument) {
      this.#knowsInstrument = true;
      this.#state = update(this.#state, { kind: "instrument", instrument: market.instrument })[0];
    }
    const engine = this.#o.trader.engine ?? null;
    if (engine !== this.#engine) {
      this.#engineUnsubscribe?.();
      this.#engineUnsubscribe = engine?.onChange(() => {
        this.#ordersDirty = true;
        this.requestPaint();
      });
      this.#engine = engine;
      this.#state = update(this.#state, { kind: "trading", available: engine !== null })[0];
    }
    if (this.#ordersDirty && engine !== null && this.#state.dialog?.kind === "orders") {
      this.#ordersDirty = false;
      this.#state = update(this.#state, { kind: "orders", orders: engine.orders() })[0];
    }
  }

  #run(e: Effect): Msg | undefined {
    const o = this.#o;
    switch (e.kind) {
      case "quit":
        this.stop();
        return;
      case "save":
        this.#saving = this.#saving.then(async () => {
          try {
            this.#config = await o.save(this.#config, "pytrader", e.key, e.value);
          } catch (err) {
            this.#notice(`Cannot save ${e.key}: ${err instanceof Error ? err.message : String(err)}`, "warn");
          }
        });
        return;
      case "strategy_key":
        o.strategies?.keypress(e.key);
        return;
      case "reload_strategies":
        if (o.strategies) {
          Promise.resolve(o.strategies.reload()).then(
            () => this.refresh(),
            (err) =>
              this.#notice(
                `Cannot reload strategies: ${err instanceof Error ? err.message : String(err)}`,
                "warn",
              ),
          );
        } else this.#notice("No strategies loaded (start with --strategy NAME)", "info");
        return;
      case "notice":
        this.#notice(e.message, "info");
        return;
      case "submit":
        return submitOrder(this.#engine, this.#state.pair, e, this.#say);
      case "load_orders":
        this.#ordersDirty = false;
        return { kind: "orders", orders: this.#engine?.orders() ?? [] };
      case "cancel":
        cancelOrders(this.#engine, this.#state.pair, e.orders, this.#say);
        return;
    }
  }

  #say = (line: LogLine): void => this.#notice(line.message, line.level);

  #notice(message: string, level: "info" | "warn" | "error"): void {
    if (this.#o.log) this.#o.log[level](message);
    else this.#panes.push({ time: this.#now(), level, source: "ui", message });
    this.requestPaint();
  }
}

const TITLE_INTERVAL_MS = 1000;

/** `<last close> - PyTrader - bid:<bid> ask:<ask>`, as the original's xterm title. */
export function titleOf(m: MarketState): string {
  const pp = m.instrument.pricePrecision;
  const fmt = (t: number) => Number.isNaN(t) ? "-" : formatTicks(t, pp);
  const last = m.candles[m.candles.length - 1];
  const ok = m.bookStatus === "ok";
  return `${last ? fmt(last.close) + " - " : ""}PyTrader - bid:${fmt(ok ? m.book.bestBid() : NaN)} ask:${
    fmt(ok ? m.book.bestAsk() : NaN)
  }`;
}
