/**
 * The worker side: wires a strategy module's handlers to the host's messages. Handlers run one at a time in
 * message order; an exception is reported with its stack and the strategy keeps running.
 */

import {
  clearTimer,
  heapUsed,
  interval,
  isClass,
  listen,
  onVirtualTime,
  post,
  setConsoleSink,
  setVirtualTime,
  setVirtualTimer,
  stringify,
  timeout,
} from "./lockdown.ts";
import { loadErrorText, stackText } from "./error_text.ts";
import { HANDLERS, type HostMessage, LIMITS, type MarketData, PROTOCOL_VERSION } from "./protocol.ts";
import type { ConfigDefaults, ConfigValue, DepthChange, Strategy } from "./sdk.ts";
import { formatArgs, typedConfig, WorkerApi } from "./worker_api.ts";

/** This module's URL: the worker entry imports it from here (embedded in a compiled binary). */
export const RUNTIME_URL: string = import.meta.url;

/** How long an async handler may run before the runtime stops waiting for it (and says so). */
const HANDLER_WAIT_MS = 10_000;
const MAX_TIMERS = 1_000;

type Handler = keyof Strategy;

export function runStrategy(mod: Record<string, unknown>): void {
  new Runtime(mod).begin();
}

/** The strategy module at `moduleUrl` did not load (syntax error, missing import, top-level throw). */
export function loadFailed(e: unknown, moduleUrl: string): void {
  post({ t: "error", where: "load", text: loadErrorText(e, moduleUrl) });
}

class Runtime {
  #mod: Record<string, unknown>;
  #defaults: ConfigDefaults;
  #api: WorkerApi | null = null;
  #instance: Strategy | null = null;
  #queue: Promise<void> = Promise.resolve();
  #timers = new Set<ReturnType<typeof setTimeout>>();
  /** In a backtest (lockstep): each delivery answered by `done`, timers kept by the host, by id. */
  #lockstep = onVirtualTime();
  #virtualTimers = new Map<number, { readonly fn: () => void; readonly repeat: boolean }>();
  #timerSeq = 0;

  constructor(mod: Record<string, unknown>) {
    this.#mod = mod;
    this.#defaults = readDefaults(mod);
  }

  begin(): void {
    setConsoleSink((level, args) => post({ t: "log", level, text: formatArgs(args) }));
    if (this.#lockstep) setVirtualTimer((ms, fn, repeat) => this.#timer(ms, fn, repeat));
    listen("message", (e) => {
      const msg = e.data as HostMessage;
      if (msg.t === "ping") post({ t: "pong", seq: msg.seq, heap: heapUsed() });
      else this.#queue = this.#queue.then(() => this.#handle(msg));
    });
    post({ t: "hello", v: PROTOCOL_VERSION, defaults: this.#defaults });
  }

  async #handle(msg: HostMessage): Promise<void> {
    switch (msg.t) {
      case "start":
        return await this.#start(msg);
      case "batch":
        if (msg.now !== undefined) setVirtualTime(msg.now);
        await this.#batch(msg.market);
        for (const id of msg.timers ?? []) await this.#fire(id);
        post({ t: "done", seq: msg.seq });
        return;
      case "key":
        await this.#call("onKeypress", msg.key);
        return;
      case "unload":
        post({ t: "state", seq: msg.seq, json: this.#stateJson(await this.#call("onBeforeUnload")) });
        return;
    }
  }

  async #start(msg: Extract<HostMessage, { t: "start" }>): Promise<void> {
    if (msg.now !== undefined) setVirtualTime(msg.now);
    const warn = (text: string) => post({ t: "log", level: "warn", text });
    const config: Record<string, ConfigValue> = typedConfig(
      `strategy.${msg.name}`,
      this.#defaults,
      msg.config,
      warn,
    );
    const api = new WorkerApi({
      name: msg.name,
      idPrefix: msg.idPrefix,
      instrument: msg.instrument,
      config: Object.freeze(config),
      reloaded: msg.reloaded,
      mode: msg.mode,
    }, { send: post, timer: (ms, fn, repeat) => this.#timer(ms, fn, repeat) });
    api.apply(msg.market);
    this.#api = api;
    try {
      this.#instance = instantiate(this.#mod.default, api);
    } catch (e) {
      post({ t: "error", where: "load", text: stackText(e) });
      return;
    }
    const inst = this.#instance as Record<string, unknown>;
    post({ t: "started", handlers: HANDLERS.filter((h) => typeof inst[h] === "function") });
    await this.#call("onStart", api, msg.state);
    if (this.#lockstep) post({ t: "done", seq: msg.seq });
  }

  async #batch(m: MarketData): Promise<void> {
    const api = this.#api;
    if (!api || !this.#instance) return;
    const { changes, ownsChanged } = api.apply(m);
    const inst = this.#instance;
    if (m.depth && typeof inst.onDepth === "function") {
      const d = m.depth;
      for (let i = 0; i + 2 < d.length; i += 3) {
        const change: DepthChange = { side: d[i] === 0 ? "bid" : "ask", price: d[i + 1]!, volume: d[i + 2]! };
        await this.#call("onDepth", change);
      }
    }
    if (m.book) await this.#call("onBookChanged", api.book);
    for (const trade of m.trades ?? []) await this.#call("onTrade", trade);
    if (m.ticker) await this.#call("onTick", m.ticker);
    if (m.candles) await this.#call("onHistoryChanged", api.candles);
    // Orders before the wallet: when a fill's new balance arrives, the fill is already known.
    if (ownsChanged) await this.#call("onOwnsChanged", api.orders, changes);
    if (m.wallet !== undefined) await this.#call("onWalletChanged", api.wallet);
  }

  /** Calls a handler if the strategy has it; reports what it throws; waits a bounded time for a promise. */
  async #call(name: Handler, ...args: unknown[]): Promise<unknown> {
    const inst = this.#instance;
    const fn = inst?.[name] as ((...a: unknown[]) => unknown) | undefined;
    if (typeof fn !== "function") return undefined;
    try {
      const r = fn.apply(inst, args);
      if (!(r instanceof Promise)) return r;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<typeof LATE>((resolve) =>
        timer = timeout(() => resolve(LATE), HANDLER_WAIT_MS)
      );
      const out = await Promise.race([r, late]);
      clearTimer(timer);
      if (out === LATE) {
        post({
          t: "log",
          level: "warn",
          text: `${name} still running after ${HANDLER_WAIT_MS} ms; going on`,
        });
        r.catch((e) => post({ t: "error", where: name, text: stackText(e) }));
        return undefined;
      }
      return out;
    } catch (e) {
      post({ t: "error", where: name, text: stackText(e) });
      return undefined;
    }
  }

  #stateJson(state: unknown): string | null {
    if (state === undefined) return null;
    try {
      const json = stringify(state);
      if (json === undefined) return null;
      if (json.length <= LIMITS.stateChars) return json;
      post({ t: "error", where: "onBeforeUnload", text: `state of ${json.length} characters is too large` });
    } catch (e) {
      post({ t: "error", where: "onBeforeUnload", text: `state is not JSON: ${stackText(e)}` });
    }
    return null;
  }

  #timer(ms: number, fn: () => void, repeat: boolean): () => void {
    if (this.#lockstep) return this.#virtualTimer(ms, fn, repeat);
    if (this.#timers.size >= MAX_TIMERS) throw new RangeError(`Cannot have more than ${MAX_TIMERS} timers`);
    const run = () => {
      if (!repeat) this.#timers.delete(id);
      this.#queue = this.#queue.then(async () => {
        try {
          await fn();
        } catch (e) {
          post({ t: "error", where: "timer", text: stackText(e) });
        }
      });
    };
    const id = repeat ? interval(run, ms) : timeout(run, ms);
    this.#timers.add(id);
    return () => {
      clearTimer(id);
      this.#timers.delete(id);
    };
  }

  /** A timer on the recording's clock: the host keeps it and names it in the delivery when it is due. */
  #virtualTimer(ms: number, fn: () => void, repeat: boolean): () => void {
    if (this.#virtualTimers.size >= MAX_TIMERS) {
      throw new RangeError(`Cannot have more than ${MAX_TIMERS} timers`);
    }
    const id = ++this.#timerSeq;
    this.#virtualTimers.set(id, { fn, repeat });
    post({ t: "timer", id, ms, repeat });
    return () => {
      if (this.#virtualTimers.delete(id)) post({ t: "clearTimer", id });
    };
  }

  async #fire(id: number): Promise<void> {
    const t = this.#virtualTimers.get(id);
    if (!t) return;
    if (!t.repeat) this.#virtualTimers.delete(id);
    try {
      await t.fn();
    } catch (e) {
      post({ t: "error", where: "timer", text: stackText(e) });
    }
  }
}

const LATE = Symbol("late");

function readDefaults(mod: Record<string, unknown>): ConfigDefaults {
  const d = mod.defaults ?? (mod.default as { defaults?: unknown } | undefined)?.defaults;
  if (typeof d !== "object" || d === null) return {};
  const out: Record<string, ConfigValue> = {};
  for (const [k, v] of Object.entries(d)) {
    if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") out[k] = v;
  }
  return out;
}

/** A default-exported class (constructed with api), factory (called with api) or plain handler object. */
function instantiate(exp: unknown, api: WorkerApi): Strategy {
  if (typeof exp === "function") {
    const made = isClass(exp)
      ? new (exp as new (a: WorkerApi) => Strategy)(api)
      : (exp as (a: WorkerApi) => Strategy)(api);
    if (typeof made !== "object" || made === null) {
      throw new TypeError("the default export returned no object");
    }
    return made;
  }
  if (typeof exp === "object" && exp !== null) return exp as Strategy;
  throw new TypeError("the module has no default export (a class, a factory function or a handler object)");
}
