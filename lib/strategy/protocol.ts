/**
 * Messages between the strategy host and a strategy worker. The host trusts nothing a worker sends:
 * `readWorkerMessage` checks shape, types and sizes of every message before anything acts on it.
 */

import type {
  CandleView,
  ConfigValue,
  InstrumentView,
  OrderView,
  Side,
  StrategyMode,
  Ticker,
  Trade,
} from "./sdk.ts";

export const PROTOCOL_VERSION = 1;

export const LIMITS = Object.freeze({
  /** Longest log line kept (longer ones are cut). */
  logChars: 8_192,
  /** Largest message text a worker may send at all (log, error). */
  textChars: 65_536,
  /** Largest JSON state from onBeforeUnload. */
  stateChars: 1_048_576,
  /** Most settings a strategy may declare. */
  defaults: 100,
  keyChars: 64,
  /** Longest delay of a timer (setTimeout's own limit). */
  timerMs: 2_147_483_647,
});

/** The handlers a strategy may have; a worker reports which ones it has. */
export const HANDLERS = Object.freeze(
  [
    "onStart",
    "onTick",
    "onDepth",
    "onTrade",
    "onBookChanged",
    "onOwnsChanged",
    "onHistoryChanged",
    "onWalletChanged",
    "onKeypress",
    "onBeforeUnload",
  ] as const,
);

export type HandlerName = (typeof HANDLERS)[number];

/**
 * Book levels as flat [price, volume, ownVolume, ...] triples in base/quote units, best first. The host sends
 * Float64Arrays (a message copies them as one block of memory, where an array of numbers is cloned one by
 * one: most of a delivery's cost with 100 levels a side).
 */
export interface BookData {
  readonly bids: ArrayLike<number>;
  readonly asks: ArrayLike<number>;
  /** Exact totals as numbers: bids' price × volume (quote), asks' volume (base). */
  readonly totalBid: number;
  readonly totalAsk: number;
  readonly ok: boolean;
}

/** Everything a worker mirrors; sent whole at start and in parts (what changed) in each batch. */
export interface MarketData {
  readonly book?: BookData;
  /** Only levels that changed since the last delivery: [side, price, volume] with side 0 = bid, 1 = ask. */
  readonly depth?: readonly number[];
  readonly ticker?: Ticker;
  readonly trades?: readonly Trade[];
  /** Trades left out because the strategy was too slow to take them. */
  readonly droppedTrades?: number;
  readonly candles?: CandleDelta;
  readonly timeframe?: number;
  readonly wallet?: Readonly<Record<string, number>> | null;
  readonly owns?: OwnsData;
  readonly fee?: number | null;
}

/** Candles from index `from` on replace the worker's; usually only the newest one. */
export interface CandleDelta {
  readonly from: number;
  readonly items: readonly CandleView[];
}

export interface OwnsData {
  /** All working own orders of the account on the pair. */
  readonly all: readonly OrderView[];
  /** This strategy's orders that changed (including ones that just ended), with the fill since last time. */
  readonly changes: readonly { readonly order: OrderView; readonly filledNow: number }[];
}

export type HostMessage =
  | {
    readonly t: "start";
    readonly v: number;
    readonly name: string;
    readonly idPrefix: string;
    readonly config: Readonly<Record<string, string>>;
    readonly state: unknown;
    readonly reloaded: boolean;
    readonly instrument: InstrumentView;
    readonly market: MarketData;
    /** What `api.mode` says; "backtest" runs in lockstep: a `done` after onStart, timers on the host. */
    readonly mode: StrategyMode;
    /** Answered by `done` once onStart has run, in a backtest. */
    readonly seq: number;
    /** The recording's clock (ms) in a backtest: what Date.now() says in the worker. */
    readonly now?: number;
  }
  | {
    readonly t: "batch";
    readonly seq: number;
    readonly market: MarketData;
    /** In a backtest: the recording's clock (ms), and the timers due, called after the handlers. */
    readonly now?: number;
    readonly timers?: readonly number[];
  }
  | { readonly t: "key"; readonly key: string }
  | { readonly t: "ping"; readonly seq: number }
  | { readonly t: "unload"; readonly seq: number };

export type LogLevel = "debug" | "info" | "warn" | "error";

export type WorkerMessage =
  | {
    readonly t: "hello";
    readonly v: number;
    readonly defaults: Readonly<Record<string, ConfigValue>>;
  }
  /** `handlers`: which of HANDLERS the strategy has. */
  | { readonly t: "started"; readonly handlers: readonly HandlerName[] }
  | { readonly t: "done"; readonly seq: number }
  /** `heap`: the worker's V8 heap in use (bytes). */
  | { readonly t: "pong"; readonly seq: number; readonly heap: number }
  /** The worker's heap went above the limit it was given. */
  | { readonly t: "heap"; readonly bytes: number }
  | { readonly t: "state"; readonly seq: number; readonly json: string | null }
  | { readonly t: "log"; readonly level: LogLevel; readonly text: string }
  | { readonly t: "error"; readonly where: string; readonly text: string }
  | {
    readonly t: "order";
    readonly id: string;
    readonly side: Side;
    readonly price: string | null;
    readonly volume: string;
    readonly validate: boolean;
  }
  | { readonly t: "cancel"; readonly id: string }
  | { readonly t: "cancelAll" }
  /** In a backtest timers run on the recording's clock, kept by the host. */
  | { readonly t: "timer"; readonly id: number; readonly ms: number; readonly repeat: boolean }
  | { readonly t: "clearTimer"; readonly id: number };

const SHAPES: Record<WorkerMessage["t"], Record<string, (v: unknown) => boolean>> = {
  hello: { v: isCount, defaults: isDefaults },
  started: { handlers: isHandlerList },
  done: { seq: isCount },
  pong: { seq: isCount, heap: isCount },
  heap: { bytes: isCount },
  state: { seq: isCount, json: (v) => v === null || isText(v, LIMITS.stateChars) },
  log: { level: (v) => v === "debug" || v === "info" || v === "warn" || v === "error", text: isAnyText },
  error: { where: (v) => isText(v, 64), text: isAnyText },
  order: {
    id: isId,
    side: (v) => v === "buy" || v === "sell",
    price: (v) => v === null || isDecimalText(v),
    volume: isDecimalText,
    validate: (v) => typeof v === "boolean",
  },
  cancel: { id: isId },
  cancelAll: {},
  timer: {
    id: isCount,
    ms: (v) => typeof v === "number" && Number.isFinite(v) && v >= 0 && v <= LIMITS.timerMs,
    repeat: (v) => typeof v === "boolean",
  },
  clearTimer: { id: isCount },
};

/** The message if it is well-formed, else a short reason why not. Extra or missing fields are refused. */
export function readWorkerMessage(raw: unknown): WorkerMessage | string {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return "not an object";
  if (Object.getPrototypeOf(raw) !== Object.prototype) return "not a plain object";
  const t = (raw as { t?: unknown }).t;
  if (typeof t !== "string" || !Object.hasOwn(SHAPES, t)) return `unknown type ${describe(t)}`;
  const shape = SHAPES[t as WorkerMessage["t"]];
  const keys = Object.keys(raw);
  if (keys.length !== Object.keys(shape).length + 1) return `${t}: wrong fields ${keys.join(",")}`;
  for (const [key, ok] of Object.entries(shape)) {
    if (!Object.hasOwn(raw, key)) return `${t}: missing ${key}`;
    if (!ok((raw as Record<string, unknown>)[key])) return `${t}: bad ${key}`;
  }
  return raw as WorkerMessage;
}

/** Plain decimal text a venue accepts: digits, at most one dot, no sign or exponent. */
export function isDecimalText(v: unknown): v is string {
  return typeof v === "string" && v.length <= 40 && /^\d+(\.\d+)?$/.test(v);
}

export function isOrderId(v: unknown): v is string {
  return isId(v);
}

function isId(v: unknown): v is string {
  return typeof v === "string" && /^[A-Za-z0-9_.:-]{1,64}$/.test(v);
}

function isCount(v: unknown): boolean {
  return typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
}

function isHandlerList(v: unknown): boolean {
  return Array.isArray(v) && v.length <= HANDLERS.length &&
    v.every((h) => (HANDLERS as readonly unknown[]).includes(h)) && new Set(v).size === v.length;
}

function isText(v: unknown, max: number): boolean {
  return typeof v === "string" && v.length <= max;
}

function isAnyText(v: unknown): boolean {
  return isText(v, LIMITS.textChars);
}

function isDefaults(v: unknown): boolean {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const entries = Object.entries(v);
  if (entries.length > LIMITS.defaults) return false;
  return entries.every(([k, x]) =>
    /^[a-z][a-z0-9_]{0,63}$/.test(k) &&
    (typeof x === "boolean" || (typeof x === "number" && Number.isFinite(x)) ||
      (typeof x === "string" && x.length <= 1024 && !/[\r\n]/.test(x)))
  );
}

function describe(v: unknown): string {
  return typeof v === "string" ? JSON.stringify(v.slice(0, 32)) : typeof v;
}
