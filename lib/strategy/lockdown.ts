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
 *   to the host as errors and the strategy keeps running.
 *
 * It exports the originals the runtime needs, captured before strategy code could replace them, and maps
 * error stacks back to the strategy's files (stack_map.ts).
 */

import { errorText } from "./error_text.ts";
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

/** Closes the worker (see above) and maps stacks with `sources`; a second call does nothing. */
export function lockDown(sources: SourceTable): void {
  if (locked) return;
  locked = true;
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
  for (const name of ["clearTimeout", "clearInterval"]) {
    pin(g, name, (id?: number) => {
      if (!protectedTimers.has(id)) clearTimer(id);
    });
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

function reportUncaught(reason: unknown): void {
  post({ t: "error", where: "uncaught", text: errorText(reason) });
}
