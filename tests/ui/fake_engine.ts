/** An order engine for UI tests: records what the UI asks, answers when the test says. */

import { OrderDenied, OrderNotFound } from "../../lib/core/errors.ts";
import type { Instrument } from "../../lib/core/instrument.ts";
import { isTerminal, type OrderStatus } from "../../lib/core/orders.ts";
import { parseTicks } from "../../lib/core/ticks.ts";
import type { MarketState } from "../../lib/engine/market_state.ts";
import type { OrderPort, PortOrder, PortOrderRequest, PortSubmit } from "../../lib/ui/port.ts";

/** What the engine lists: a PortOrder plus the engine's paper flag (MarketState.orders holds these). */
export type FakeOrder = PortOrder & { readonly paper: boolean };

export class FakeEngine implements OrderPort {
  readonly submits: PortOrderRequest[] = [];
  readonly cancels: string[] = [];
  /** The next submit throws OrderDenied with this message (nothing is recorded). */
  deny: string | null = null;
  #orders: FakeOrder[];
  #settle = new Map<string, (o: PortOrder) => void>();
  #listeners = new Set<() => void>();
  #n = 0;

  constructor(readonly instrument: Instrument, orders: readonly FakeOrder[] = []) {
    this.#orders = [...orders];
  }

  submit(req: PortOrderRequest): PortSubmit {
    if (this.deny !== null) {
      const message = this.deny;
      this.deny = null;
      throw new OrderDenied(message);
    }
    this.submits.push(req);
    const i = this.instrument;
    const clientId = `ui-${++this.#n}`;
    this.#orders = [...this.#orders, {
      id: "",
      clientId,
      symbol: i.symbol,
      side: req.side,
      type: req.price === null ? "market" : "limit",
      price: req.price === null ? null : parseTicks(req.price, i.pricePrecision),
      qty: parseTicks(req.volume, i.qtyPrecision),
      filled: 0,
      status: "pending",
      time: 0,
      owner: req.owner,
      paper: false,
    }];
    this.#changed();
    const settled = new Promise<PortOrder>((resolve) => this.#settle.set(clientId, resolve));
    return { clientId, settled };
  }

  /** The venue's answer to a submitted order. */
  settle(clientId: string, status: OrderStatus, extra: Partial<PortOrder> = {}): void {
    const old = this.#orders.find((o) => o.clientId === clientId);
    if (old === undefined) throw new Error(`no order ${clientId}`);
    const order: FakeOrder = { ...old, id: `O-${clientId}`, status, ...extra };
    this.#orders = this.#orders.filter((o) => o !== old);
    if (!isTerminal(status)) this.#orders.push(order);
    this.#changed();
    this.#settle.get(clientId)?.(order);
  }

  cancel(id: string): Promise<PortOrder> {
    this.cancels.push(id);
    const order = this.#orders.find((o) => o.id === id || (o.id === "" && o.clientId === id));
    if (order === undefined) return Promise.reject(new OrderNotFound(`Cannot cancel order ${id}: not found`));
    this.#orders = this.#orders.filter((o) => o !== order);
    this.#changed();
    return Promise.resolve({ ...order, status: "canceled" });
  }

  orders(): readonly FakeOrder[] {
    return this.#orders;
  }

  onChange(fn: () => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  #changed(): void {
    for (const fn of this.#listeners) fn();
  }
}

/** An own order for tests, by price and volume text. */
export function ownOrder(
  i: Instrument,
  side: "buy" | "sell",
  price: string,
  qty: string,
  extra: Partial<FakeOrder> = {},
): FakeOrder {
  return {
    id: `O-${side}-${price}`,
    clientId: `c-${side}-${price}`,
    symbol: i.symbol,
    side,
    type: "limit",
    price: parseTicks(price, i.pricePrecision),
    qty: parseTicks(qty, i.qtyPrecision),
    filled: 0,
    status: "open",
    time: 0,
    owner: "ui",
    paper: false,
    ...extra,
  };
}

/** A market that does not move, with the engine's orders in it (as the Trader does). */
export class StillMarket {
  #listeners = new Set<() => void>();
  /** `engine` may be set later, as the Trader's appears once the account is loaded. */
  constructor(public base: MarketState, public engine: FakeEngine | null = null) {
    engine?.onChange(() => this.changed());
  }
  get state(): MarketState {
    return this.engine === null ? this.base : { ...this.base, orders: this.engine.orders() };
  }
  set state(s: MarketState) {
    this.base = s;
  }
  onChange(fn: () => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }
  changed(): void {
    for (const fn of this.#listeners) fn();
  }
}
