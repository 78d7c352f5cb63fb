/**
 * `lockDown()` runs first in every strategy worker, before the strategy module is evaluated (importing this
 * file changes nothing, so the host can import it too and `deno compile` embeds it). The Worker already has no
 * permissions (files, network, environment, processes, FFI); this closes what permissions do not cover:
 *
 * - code from strings (`eval`, `Function`, the internal `evalContext`): the way around the import guard,
 *   since Deno lets a worker's dynamic `import()` reach the network when the process may (denoland/deno#29503);
 * - nested workers, which would start without the lockdown;
 * - writes to the terminal (`console`, `Deno.stdout`), which would corrupt the screen: console goes to the
 *   strategy log instead;
 * - `Deno.exit` and `close()`, which would end the worker silently;
 * - memory: Deno has no per-Worker heap limit and a runaway heap ends the whole process, so the heap is
 *   measured on a short timer (and with each heartbeat) and reported to the host, which terminates the
 *   worker; strategies cannot clear that timer (`clearTimeout`/`clearInterval` leave it alone);
 * - uncaught errors and rejections, which would end the worker and print on the terminal: they are reported
 *   to the host as errors and the strategy keeps running;
 * - in a backtest, time: `Date`, `performance.now()` and the timer functions follow the recording's clock,
 *   which the host hands over with each delivery (timers run on the host, in lockstep with the recording).
 *
 * It exports the originals the runtime needs, captured before strategy code could replace them, and maps
 * error stacks back to the strategy's files (stack_map.ts).
 */

import { stackText } from "./error_text.ts";
import { installStackMap, type SourceTable } from "./stack_map.ts";

/** This module's URL: the worker entry imports it from here (embedded in a compiled binary). */
export const LOCKDOWN_URL: string = import.meta.url;

const g = globalThis as unknown as Record<string | symbol, unknown>;

const postMessage = (globalThis as unknown as { postMessage?(m: unknown): void }).postMessage;
export const post: (message: unknown) => void = postMessage ? postMessage.bind(globalThis) : () => {};
export const listen: (type: "message", fn: (e: MessageEvent) => void) => void = globalThis.addEventListener
  .bind(globalThis) as (type: "message", fn: (e: MessageEvent) => void) => void;
export const timeout: typeof setTimeout = setTimeout;
export const interval: typeof setInterval = setInterval;
export const clearTimer: typeof clearTimeout = clearTimeout;
export const stringify: typeof JSON.stringify = JSON.stringify;
const RealDate = Date;
const realNow = performance.now.bind(performance);
const functionToString = Function.prototype.toString;
const memoryUsage = (globalThis as unknown as { Deno: { memoryUsage(): { heapUsed: number } } }).Deno
  .memoryUsage;

/** The worker's V8 heap in use, in bytes. */
export function heapUsed(): number {
  return memoryUsage().heapUsed;
}

/** How often the heap is measured. */
export const HEAP_CHECK_MS = 20;
const protectedTimers = new Set<unknown>();

/** Reports the heap to the host whenever it is above `limit` bytes (checked every HEAP_CHECK_MS). */
export function watchHeap(limit: number): void {
  if (!(limit > 0)) return;
  const check = () => {
    const bytes = heapUsed();
    if (bytes > limit) post({ t: "heap", bytes });
  };
  protectedTimers.add(interval(check, HEAP_CHECK_MS));
  check();
}
/** Whether `f` is a class (its source starts with `class`); `Function` itself is replaced below. */
export function isClass(f: unknown): boolean {
  return typeof f === "function" && /^class[\s{]/.test(functionToString.call(f));
}

/** Log lines written before the runtime took over (console calls during module evaluation). */
type Sink = (level: "debug" | "info" | "warn" | "error", args: unknown[]) => void;
let sink: Sink = (level, args) => post({ t: "log", level, text: args.map(String).join(" ").slice(0, 8192) });

/** The runtime formats console output like api.log. */
export function setConsoleSink(fn: Sink): void {
  sink = fn;
}

function refuse(what: string): never {
  throw new TypeError(`${what} is not available to strategies`);
}

function blocked(what: string): () => never {
  return function () {
    refuse(what);
  };
}

function pin(target: object, key: PropertyKey, value: unknown): void {
  try {
    Object.defineProperty(target, key, { value, writable: false, configurable: false, enumerable: false });
  } catch {
    // Already pinned (a second lockdown in the same worker): nothing to do.
  }
}

let locked = false;

/** A timer on the recording's clock (the runtime's); returns its cancel. */
export type VirtualTimer = (ms: number, fn: () => void, repeat: boolean) => () => void;
let virtual = false;
let virtualTime = NaN;
let virtualOrigin = NaN;
let virtualTimer: VirtualTimer | null = null;

/** Whether this worker runs on the recording's clock (a backtest). */
export function onVirtualTime(): boolean {
  return virtual;
}

/** The recording's clock (ms since the epoch), as the host last said. */
export function setVirtualTime(ms: number): void {
  if (!Number.isFinite(ms)) return;
  if (Number.isNaN(virtualOrigin)) virtualOrigin = ms;
  virtualTime = ms;
}

/** Where setTimeout and setInterval go in a backtest. */
export function setVirtualTimer(fn: VirtualTimer): void {
  virtualTimer = fn;
}

function now(): number {
  return Number.isNaN(virtualTime) ? RealDate.now() : virtualTime;
}

/** Closes the worker (see above) and maps stacks with `sources`; a second call does nothing. */
export function lockDown(sources: SourceTable, onRecordingClock = false): void {
  if (locked) return;
  locked = true;
  virtual = onRecordingClock;
  installStackMap(sources);
  const noEval = blocked("eval");
  pin(g, "eval", noEval);
  const noFunction = blocked("Function()");
  for (const sample of [function () {}, async function () {}, function* () {}, async function* () {}]) {
    const proto = Object.getPrototypeOf(sample) as object;
    pin(proto, "constructor", noFunction);
  }
  pin(g, "Function", noFunction);
  for (const name of ["Worker", "SharedWorker", "BroadcastChannel", "close"]) pin(g, name, blocked(name));
  if (virtual) installVirtualTime();
  else {
    for (const name of ["clearTimeout", "clearInterval"]) {
      pin(g, name, (id?: number) => {
        if (!protectedTimers.has(id)) clearTimer(id);
      });
    }
  }

  const deno = g.Deno as Record<string | symbol, unknown> | undefined;
  if (deno) {
    const internal = deno.internal;
    if (typeof internal === "symbol") delete deno[internal];
    for (const name of ["stdin", "stdout", "stderr"]) {
      try {
        delete deno[name];
      } catch { /* not configurable */ }
      if (deno[name] !== undefined) pin(deno, name, undefined);
    }
    pin(deno, "exit", blocked("Deno.exit"));
  }

  const con = console as unknown as Record<string, unknown>;
  for (
    const [name, level] of [
      ["log", "info"],
      ["info", "info"],
      ["debug", "debug"],
      ["warn", "warn"],
      ["error", "error"],
      ["trace", "debug"],
    ] as const
  ) {
    con[name] = (...args: unknown[]) => sink(level, args);
  }
  globalThis.addEventListener("error", (e: ErrorEvent) => {
    e.preventDefault();
    reportUncaught(e.error ?? e.message);
  });
  globalThis.addEventListener("unhandledrejection", (e: PromiseRejectionEvent) => {
    e.preventDefault();
    reportUncaught(e.reason);
  });
}

/** Date, performance.now() and the timer functions on the recording's clock. */
function installVirtualTime(): void {
  const VirtualDate = function (this: unknown, ...args: unknown[]): unknown {
    if (!new.target) return new RealDate(now()).toString();
    return args.length === 0
      ? new RealDate(now())
      : new (RealDate as unknown as new (...a: unknown[]) => Date)(...args);
  } as unknown as DateConstructor;
  Object.defineProperty(VirtualDate, "prototype", { value: RealDate.prototype });
  for (const name of ["parse", "UTC"] as const) pin(VirtualDate, name, RealDate[name]);
  pin(VirtualDate, "now", () => now());
  pin(g, "Date", VirtualDate);
  pin(performance, "now", () => Number.isNaN(virtualOrigin) ? realNow() : virtualTime - virtualOrigin);
  const cancels = new Map<number, () => void>();
  let nextId = 1;
  const start = (repeat: boolean) => (fn: unknown, ms?: unknown, ...args: unknown[]): number => {
    if (typeof fn !== "function") throw new TypeError("Timers need a function in a backtest");
    if (!virtualTimer) throw new TypeError("Timers are not available before the strategy starts");
    const id = nextId++;
    const delay = Math.min(Math.max(0, Number(ms) || 0), 2_147_483_647);
    cancels.set(
      id,
      virtualTimer(delay, () => {
        if (!repeat) cancels.delete(id);
        (fn as (...a: unknown[]) => void)(...args);
      }, repeat),
    );
    return id;
  };
  pin(g, "setTimeout", start(false));
  pin(g, "setInterval", start(true));
  for (const name of ["clearTimeout", "clearInterval"]) {
    pin(g, name, (id?: number) => {
      if (protectedTimers.has(id)) return;
      const cancel = id === undefined ? undefined : cancels.get(id);
      if (cancel) {
        cancels.delete(id!);
        cancel();
      } else clearTimer(id);
    });
  }
}

function reportUncaught(reason: unknown): void {
  post({ t: "error", where: "uncaught", text: stackText(reason) });
}
