/**
 * A scripted venue for the order engine: it holds orders like a venue does, and each placeOrder answers as
 * the test scripted it: accepted, refused, never answered, dropped after accepting, 5xx, rate limited...
 */
import {
  type Balances,
  type BookSnapshot,
  type Candle,
  EventStream,
  type Exchange,
  type ExchangeEvent,
  ExchangeUnavailable,
  type Instrument,
  InvalidOrder,
  type Order,
  OrderNotFound,
  RateLimited,
  RequestTimeout,
  type SubmitOrder,
  type TickerChanged,
} from "../../lib/core/mod.ts";
import type { OrderRef, TimerHandle, Timers } from "../../lib/core/mod.ts";
import { INSTRUMENT } from "./scripted_exchange.ts";

/**
 * How the venue answers the next placeOrder:
 * - accept: places it, answers with the open order
 * - reject: refuses it (InvalidOrder with `reason`), places nothing
 * - hang: places it, never answers (until `answerLate()`)
 * - lost: never reaches the venue, never answered
 * - drop: places it, then the connection drops before the answer (ExchangeUnavailable)
 * - fill-drop: places and fills it at once, then the answer times out (RequestTimeout)
 * - 5xx: places nothing, answers HTTP 503 (ExchangeUnavailable)
 * - rate-limit: places nothing, answers RateLimited
 */
export type Script =
  | "accept"
  | { reject: string }
  | "hang"
  | "lost"
  | "drop"
  | "fill-drop"
  | "5xx"
  | "rate-limit";

export interface FakeVenueOptions {
  /** Offer the OrderLookup capability (queryOrder); default not. */
  readonly lookup?: boolean;
  readonly balances?: Balances;
  readonly instrument?: Instrument;
}

export class FakeVenue implements Exchange {
  readonly venue = "fake";
  readonly stream = new EventStream<ExchangeEvent>();
  readonly instrument: Instrument;
  /** Orders the venue holds, by venue id; open and closed. */
  readonly orders = new Map<string, Order>();
  readonly placed: SubmitOrder[] = [];
  readonly canceled: string[] = [];
  /** Scripts for the next placeOrder calls, in order; "accept" when empty. */
  readonly scripts: Script[] = [];
  /** Called first thing in placeOrder: what the venue sees when the request arrives. */
  onPlace: ((cmd: SubmitOrder) => void) | null = null;
  /** Errors cancelOrder throws, by id. */
  readonly cancelErrors = new Map<string, Error>();
  balancesValue: Balances;
  openOrdersCalls = 0;
  queryCalls = 0;
  readonly queryOrder?: (ref: OrderRef) => Promise<Order | null>;
  readonly #late = new Map<string, (o: Order) => void>();
  #seq = 0;

  constructor(options: FakeVenueOptions = {}) {
    this.instrument = options.instrument ?? INSTRUMENT;
    this.balancesValue = options.balances ?? { ETH: "100", BTC: "10" };
    if (options.lookup) {
      this.queryOrder = (ref) => {
        this.queryCalls++;
        const o = [...this.orders.values()].find((x) => x.clientId === ref.clientId) ??
          (ref.venueId ? this.orders.get(ref.venueId) : undefined);
        return Promise.resolve(o ?? null);
      };
    }
  }

  /** Places an order at the venue that PyTrader did not send. */
  addForeign(side: "buy" | "sell", price: number, qty: number, clientId = ""): Order {
    const o = this.#order({
      kind: "SubmitOrder",
      clientId,
      symbol: this.instrument.symbol,
      side,
      type: "limit",
      price,
      qty,
    }, "open");
    return o;
  }

  /** Answers a "hang" order now, as it is at the venue. */
  answerLate(clientId: string): void {
    const resolve = this.#late.get(clientId);
    const o = [...this.orders.values()].find((x) => x.clientId === clientId);
    if (resolve && o) resolve(o);
  }

  /** Sets the venue's record of an order (a fill or cancel behind the engine's back). */
  setStatus(id: string, status: Order["status"], filled?: number): Order {
    const o = this.orders.get(id)!;
    const next = { ...o, status, filled: filled ?? o.filled };
    this.orders.set(id, next);
    return next;
  }

  byClientId(clientId: string): Order | undefined {
    return [...this.orders.values()].find((o) => o.clientId === clientId);
  }

  instruments(): Promise<readonly Instrument[]> {
    return Promise.resolve([this.instrument]);
  }
  connect(): Promise<void> {
    return Promise.resolve();
  }
  subscribe(): Promise<void> {
    return Promise.resolve();
  }
  events(): EventStream<ExchangeEvent> {
    return this.stream;
  }
  ticker(): Promise<TickerChanged> {
    return Promise.reject(new ExchangeUnavailable("no ticker on the fake venue"));
  }
  book(): Promise<BookSnapshot> {
    return Promise.reject(new ExchangeUnavailable("no book on the fake venue"));
  }
  candles(): Promise<Candle[]> {
    return Promise.resolve([]);
  }
  balances(): Promise<Balances> {
    return Promise.resolve(this.balancesValue);
  }
  openOrders(): Promise<Order[]> {
    this.openOrdersCalls++;
    return Promise.resolve([...this.orders.values()].filter((o) => o.status === "open"));
  }

  placeOrder(cmd: SubmitOrder): Promise<Order> {
    this.placed.push(cmd);
    this.onPlace?.(cmd);
    if (cmd.validate) return Promise.resolve({ ...this.#shape(cmd, ""), status: "pending" });
    const script = this.scripts.shift() ?? "accept";
    if (script === "accept") return Promise.resolve(this.#order(cmd, "open"));
    if (typeof script === "object") return Promise.reject(new InvalidOrder(script.reject));
    switch (script) {
      case "hang":
        this.#order(cmd, "open");
        return new Promise((resolve) => this.#late.set(cmd.clientId, resolve));
      case "lost":
        return new Promise(() => {});
      case "drop":
        this.#order(cmd, "open");
        return Promise.reject(new ExchangeUnavailable("Cannot place order on fake: the connection dropped"));
      case "fill-drop":
        this.#order(cmd, "filled");
        return Promise.reject(new RequestTimeout("Cannot place order on fake: no answer within 10 s"));
      case "5xx":
        return Promise.reject(new ExchangeUnavailable("Cannot place order on fake: HTTP 503"));
      case "rate-limit":
        return Promise.reject(new RateLimited("Cannot place order on fake: rate limit exceeded", 1000));
    }
  }

  cancelOrder(id: string): Promise<Order> {
    this.canceled.push(id);
    const err = this.cancelErrors.get(id);
    if (err) return Promise.reject(err);
    const o = this.orders.get(id) ?? this.byClientId(id);
    if (!o || o.status !== "open") {
      return Promise.reject(
        new OrderNotFound(`Cannot cancel order "${id}" on fake: no open order has this id`),
      );
    }
    return Promise.resolve(this.setStatus(o.id, "canceled"));
  }

  close(): Promise<void> {
    this.stream.close();
    return Promise.resolve();
  }

  #order(cmd: SubmitOrder, status: Order["status"]): Order {
    const id = `OFAKE-${++this.#seq}`;
    const o: Order = { ...this.#shape(cmd, id), status, filled: status === "filled" ? cmd.qty : 0 };
    this.orders.set(id, o);
    return o;
  }

  #shape(cmd: SubmitOrder, id: string): Order {
    return {
      id,
      clientId: cmd.clientId,
      symbol: cmd.symbol,
      side: cmd.side,
      type: cmd.type,
      price: cmd.price,
      qty: cmd.qty,
      filled: 0,
      status: "open",
      time: 0,
    };
  }
}

/** Timers the test fires by hand, at a time the test sets (`now`). */
export class ManualTimers implements Timers {
  readonly #pending = new Set<() => void>();
  now: () => number;

  constructor(now: () => number = () => 0) {
    this.now = now;
  }

  setTimeout(fn: () => void, _ms: number): TimerHandle {
    const entry = () => fn();
    this.#pending.add(entry);
    return entry;
  }

  clearTimeout(handle: TimerHandle): void {
    this.#pending.delete(handle as () => void);
  }

  get size(): number {
    return this.#pending.size;
  }

  /** Fires every pending timer. */
  fireAll(): void {
    const fns = [...this.#pending];
    this.#pending.clear();
    for (const fn of fns) fn();
  }
}

/** A log that keeps its lines. */
export function memoryLog(): { lines: string[]; log: import("../../lib/log/mod.ts").Log } {
  const lines: string[] = [];
  const write = (level: string) => (m: string) => lines.push(`${level} ${m}`);
  const log = {
    debug: write("debug"),
    info: write("info"),
    warn: write("warn"),
    error: write("error"),
    child: () => log,
  };
  return { lines, log };
}
