/** The `api` object inside a strategy worker: a mirror of the market the host keeps up to date, and commands. */

import { WorkerBook } from "./book_view.ts";
import { isZeroText, numberToDecimal, type TextRounding } from "./decimal_text.ts";
import { EMPTY_BOOK } from "./book_view.ts";
import { type BookData, isDecimalText, LIMITS, type MarketData, type WorkerMessage } from "./protocol.ts";
import type {
  BookView,
  CandleView,
  ConfigDefaults,
  ConfigValue,
  InstrumentView,
  OrderChange,
  OrderOptions,
  OrderView,
  Side,
  StrategyApi,
  StrategyMode,
  Ticker,
} from "./sdk.ts";

export interface ApiDeps {
  send(message: WorkerMessage): void;
  /** Runs `fn` after `ms`, reporting errors; returns a cancel function. */
  timer(ms: number, fn: () => void, repeat: boolean): () => void;
}

export interface ApiInit {
  readonly name: string;
  readonly idPrefix: string;
  readonly instrument: InstrumentView;
  readonly config: Readonly<Record<string, ConfigValue>>;
  readonly reloaded: boolean;
  readonly mode: StrategyMode;
}

/** What one delivery changed, for the runtime to call the handlers. */
export interface Applied {
  readonly changes: readonly OrderChange[];
  readonly ownsChanged: boolean;
}

const WORKING = new Set(["pending", "open", "unknown"]);

export class WorkerApi implements StrategyApi {
  readonly name: string;
  readonly instrument: InstrumentView;
  readonly config: Readonly<Record<string, ConfigValue>>;
  readonly reloaded: boolean;
  readonly mode: StrategyMode;
  wallet: Readonly<Record<string, number>> = Object.freeze({});
  hasAccount = false;
  candles: readonly CandleView[] = Object.freeze([]);
  timeframe = 0;
  ticker: Ticker | null = null;
  fee: number | null = null;
  #deps: ApiDeps;
  #prefix: string;
  #seq = 0;
  #bookData: BookData = EMPTY_BOOK;
  #book: WorkerBook | null = null;
  #all: readonly OrderView[] = [];
  /** Sent by this instance and not yet reported back by the host. */
  #sent = new Map<string, OrderView>();
  #orders: readonly OrderView[] | null = null;

  constructor(init: ApiInit, deps: ApiDeps) {
    this.name = init.name;
    this.instrument = init.instrument;
    this.config = init.config;
    this.reloaded = init.reloaded;
    this.mode = init.mode;
    this.#prefix = init.idPrefix;
    this.#deps = deps;
  }

  get book(): BookView {
    return this.#book ??= new WorkerBook(this.#bookData, this.#all);
  }

  get orders(): readonly OrderView[] {
    if (this.#orders) return this.#orders;
    const mine = this.#all.filter((o) => o.mine);
    for (const o of this.#sent.values()) if (!mine.some((m) => m.id === o.id)) mine.push(o);
    return this.#orders = Object.freeze(mine);
  }

  /** Takes in what the host sent; returns the order changes to report. */
  apply(m: MarketData): Applied {
    if (m.book) {
      this.#bookData = m.book;
      this.#book = null;
    }
    if (m.ticker) this.ticker = m.ticker;
    if (m.candles) {
      const kept = m.candles.from >= this.candles.length
        ? this.candles
        : this.candles.slice(0, m.candles.from);
      this.candles = Object.freeze(kept.concat(m.candles.items));
    }
    if (m.timeframe !== undefined) this.timeframe = m.timeframe;
    if (m.fee !== undefined) this.fee = m.fee;
    if (m.wallet !== undefined) {
      this.hasAccount = m.wallet !== null;
      this.wallet = Object.freeze({ ...(m.wallet ?? {}) });
    }
    if (!m.owns) return { changes: [], ownsChanged: false };
    this.#all = Object.freeze(m.owns.all);
    for (const c of m.owns.changes) this.#sent.delete(c.order.id);
    for (const o of m.owns.all) this.#sent.delete(o.id);
    this.#book = null;
    this.#orders = null;
    return { changes: m.owns.changes, ownsChanged: true };
  }

  buy(price: number | string | null, volume: number | string, opts?: OrderOptions): string {
    return this.#order("buy", price, volume, opts);
  }

  sell(price: number | string | null, volume: number | string, opts?: OrderOptions): string {
    return this.#order("sell", price, volume, opts);
  }

  cancel(id: string): void {
    if (typeof id !== "string" || id === "") {
      throw new TypeError(`Cannot cancel: ${String(id)} is not an order id`);
    }
    this.#deps.send({ t: "cancel", id });
  }

  cancelAll(): void {
    this.#deps.send({ t: "cancelAll" });
  }

  log(...args: unknown[]): void {
    this.#deps.send({ t: "log", level: "info", text: formatArgs(args) });
  }

  setTimer(ms: number, fn: () => void, repeat = false): () => void {
    if (typeof fn !== "function") throw new TypeError("setTimer needs a function");
    if (!(ms >= 0)) throw new RangeError(`setTimer needs a delay >= 0 ms, got ${ms}`);
    return this.#deps.timer(Math.min(ms, 2_147_483_647), fn, repeat);
  }

  #order(side: Side, price: number | string | null, volume: number | string, opts?: OrderOptions): string {
    const i = this.instrument;
    const priceText = price === null ? null : amountText(price, i.pricePrecision, "nearest", "price");
    const volumeText = amountText(volume, i.qtyPrecision, "down", "volume");
    if (isZeroText(volumeText)) throw new RangeError(`Cannot ${side} a volume of ${String(volume)}`);
    // Only an explicit null is a market order: a price of 0 is more likely an empty book side (bid or ask 0).
    if (priceText !== null && (isZeroText(priceText) || priceText.startsWith("-"))) {
      throw new RangeError(`Cannot ${side} at a price of ${String(price)}: use null for a market order`);
    }
    const market = priceText === null;
    const id = `${this.#prefix}${++this.#seq}`;
    this.#deps.send({
      t: "order",
      id,
      side,
      price: market ? null : priceText,
      volume: volumeText,
      validate: opts?.validate === true,
    });
    this.#sent.set(
      id,
      Object.freeze({
        id,
        clientId: "",
        venueId: "",
        side,
        price: market ? null : Number(priceText),
        volume: Number(volumeText),
        filled: 0,
        status: "pending",
        mine: true,
      }),
    );
    this.#orders = null;
    return id;
  }
}

/** Whether an order still works (pending, open, unknown). */
export function isWorking(o: OrderView): boolean {
  return WORKING.has(o.status);
}

function amountText(v: number | string, precision: number, rounding: TextRounding, what: string): string {
  if (typeof v === "number") return numberToDecimal(v, precision, rounding);
  if (typeof v === "string" && (v === "" || isDecimalText(v))) return v === "" ? "0" : v;
  throw new RangeError(`Cannot use ${JSON.stringify(v)} as a ${what}: not a number or decimal text`);
}

/** Settings from ini text, typed by the declared defaults; unreadable values fall back with a warning. */
export function typedConfig(
  section: string,
  defaults: ConfigDefaults,
  text: Readonly<Record<string, string>>,
  warn: (message: string) => void,
): Record<string, ConfigValue> {
  const out: Record<string, ConfigValue> = {};
  for (const [key, raw] of Object.entries(text)) out[key] = raw;
  for (const [key, def] of Object.entries(defaults)) {
    const t = text[key];
    if (t === undefined) {
      out[key] = def;
      continue;
    }
    const v = readValue(def, t.trim());
    if (v === undefined) {
      warn(`[${section}] ${key} = ${JSON.stringify(t)} is not a ${typeof def}; using ${String(def)}`);
      out[key] = def;
    } else out[key] = v;
  }
  return out;
}

function readValue(def: ConfigValue, t: string): ConfigValue | undefined {
  if (typeof def === "string") return t;
  if (typeof def === "number") {
    const n = t === "" ? NaN : Number(t);
    return Number.isFinite(n) ? n : undefined;
  }
  if (/^(true|yes|on|1)$/i.test(t)) return true;
  if (/^(false|no|off|0)$/i.test(t)) return false;
  return undefined;
}

/** Log arguments as text: strings as they are, errors with their stack, the rest as JSON where possible. */
export function formatArgs(args: readonly unknown[]): string {
  const text = args.map((a) => {
    if (typeof a === "string") return a;
    if (a instanceof Error) return a.stack ?? `${a.name}: ${a.message}`;
    if (typeof a === "object" && a !== null) {
      try {
        return JSON.stringify(a);
      } catch {
        return String(a);
      }
    }
    return String(a);
  }).join(" ");
  return text.length > LIMITS.logChars ? text.slice(0, LIMITS.logChars) + "…" : text;
}
