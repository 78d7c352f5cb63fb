/**
 * A minimal order path for when the Trader has no order engine (lib/engine/order_engine.ts) yet: places and
 * cancels through the venue adapter, tags orders with their owner, follows them in the Trader's state. It
 * keeps no journal, so it is a stand-in: the engine replaces it as soon as `trader.engine` exists.
 */

import {
  type Exchange,
  ExchangeError,
  isTerminal,
  type Order,
  OrderDenied,
  parseTicks,
  type SubmitOrder,
} from "../core/mod.ts";
import type { MarketState } from "../engine/market_state.ts";
import type { CancelAllResult, OrderPort, PortOrder, PortOrderRequest, PortSubmitResult } from "./port.ts";

export interface DirectTrader {
  readonly state: MarketState;
  readonly exchange: Exchange;
  onChange(fn: () => void): () => void;
}

let seq = 0;

export class DirectOrders implements OrderPort {
  #trader: DirectTrader;
  #orders = new Map<string, PortOrder>();
  /** Orders seen open in the trader's state (so their disappearing means they ended). */
  #seenOpen = new Set<string>();
  #canceling = new Set<string>();
  #listeners = new Set<() => void>();
  #off: () => void;
  #prefix = `pt${Date.now().toString(36)}`;

  constructor(trader: DirectTrader) {
    this.#trader = trader;
    this.#off = trader.onChange(() => this.#sync());
  }

  close(): void {
    this.#off();
  }

  submit(req: PortOrderRequest): PortSubmitResult {
    const m = this.#trader.state;
    const i = m.instrument;
    const deny = (why: string): never => {
      throw new OrderDenied(`Cannot place order on "${i.symbol}": ${why}`);
    };
    const market = req.price === null || req.price === "" || /^0*(\.0*)?$/.test(req.price);
    let price: number | null = null;
    let qty = 0;
    try {
      price = market ? null : parseTicks(req.price!, i.pricePrecision);
      qty = parseTicks(req.volume, i.qtyPrecision);
    } catch (e) {
      deny((e as Error).message);
    }
    if (qty <= 0) deny(`volume ${req.volume} is not above 0`);
    if (qty < i.minQty) {
      deny(
        `volume ${req.volume} is below the minimum ${
          (i.minQty / 10 ** i.qtyPrecision).toFixed(i.qtyPrecision)
        }`,
      );
    }
    if (price !== null && (price <= 0 || price % i.priceIncrement !== 0)) {
      deny(`price ${req.price} is not allowed`);
    }
    const clientId = `${this.#prefix}${(++seq).toString(36)}`;
    const cmd: SubmitOrder = {
      kind: "SubmitOrder",
      clientId,
      symbol: i.symbol,
      side: req.side,
      type: market ? "market" : "limit",
      price,
      qty,
      validate: req.validate,
    };
    const owner = req.owner ?? "";
    this.#put({
      id: "",
      clientId,
      symbol: i.symbol,
      side: req.side,
      type: cmd.type,
      price,
      qty,
      filled: 0,
      status: "pending",
      time: Date.now(),
      owner,
    });
    const settled = this.#trader.exchange.placeOrder(cmd).then(
      (o) => this.#put({ ...this.#merge(o), owner }),
      (e) => {
        const status = e instanceof ExchangeError ? "rejected" : "unknown";
        const error = e instanceof Error ? e.message : String(e);
        const o = { ...this.#orders.get(clientId)!, status, error } as PortOrder;
        this.#put(o);
        if (status === "rejected") throw e;
        return o;
      },
    );
    return { clientId, settled };
  }

  async cancel(id: string): Promise<PortOrder> {
    const o = [...this.#orders.values()].find((x) => x.clientId === id || (x.id !== "" && x.id === id)) ??
      this.#foreign().find((x) => x.clientId === id || x.id === id);
    if (!o) throw new OrderDenied(`Cannot cancel order "${id}": no such order`);
    this.#canceling.add(o.clientId);
    try {
      const done = await this.#trader.exchange.cancelOrder(o.id || o.clientId);
      return this.#put({ ...this.#merge(done), owner: o.owner });
    } finally {
      this.#canceling.delete(o.clientId);
    }
  }

  async cancelAll(filter: { owner?: string } = {}): Promise<CancelAllResult> {
    const targets = this.orders().filter((o) =>
      !isTerminal(o.status) && o.status !== "pending" &&
      (filter.owner === undefined || o.owner === filter.owner)
    );
    const results = await Promise.allSettled(targets.map((o) => this.cancel(o.clientId)));
    const failed = results.flatMap((r, k) =>
      r.status === "rejected"
        ? [{
          id: targets[k]!.clientId,
          reason: r.reason instanceof Error ? r.reason.message : String(r.reason),
        }]
        : []
    );
    return { canceled: results.length - failed.length, failed };
  }

  orders(): readonly PortOrder[] {
    return [...this.#orders.values(), ...this.#foreign()];
  }

  onChange(fn: () => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  /** Orders of the account that did not go through here (manual, earlier runs): owner "". */
  #foreign(): PortOrder[] {
    let m: MarketState;
    try {
      m = this.#trader.state;
    } catch {
      return [];
    }
    return m.orders.filter((o) => !this.#orders.has(o.clientId)).map((o) => ({ ...o, owner: "" }));
  }

  #merge(o: Order): Order {
    const mine = this.#orders.get(o.clientId);
    return mine && mine.filled > o.filled ? { ...o, filled: mine.filled } : o;
  }

  #put(o: PortOrder): PortOrder {
    const before = this.#orders.get(o.clientId);
    // Never move an order back from an end state: late answers arrive after the stream told the outcome.
    if (before && isTerminal(before.status) && !isTerminal(o.status)) return before;
    this.#orders.set(o.clientId, o);
    if (isTerminal(o.status)) this.#prune();
    for (const fn of this.#listeners) fn();
    return o;
  }

  /** Follows fills and cancels in the trader's state; an order that vanished from it ended. */
  #sync(): void {
    let m: MarketState;
    try {
      m = this.#trader.state;
    } catch {
      return;
    }
    const live = new Map(m.orders.map((o) => [o.clientId, o]));
    for (const o of this.#orders.values()) {
      if (isTerminal(o.status)) continue;
      const now = live.get(o.clientId);
      if (now) {
        this.#seenOpen.add(o.clientId);
        if (now.filled !== o.filled || now.status !== o.status || now.id !== o.id) {
          this.#put({ ...now, owner: o.owner });
        }
      } else if (this.#seenOpen.has(o.clientId) && !this.#canceling.has(o.clientId)) {
        // The Trader drops orders that ended; without a cancel of ours, it was filled.
        this.#seenOpen.delete(o.clientId);
        this.#put({ ...o, filled: o.qty, status: "filled", time: Date.now() });
      }
    }
  }

  #prune(): void {
    if (this.#orders.size < 500) return;
    for (const [id, o] of this.#orders) {
      if (this.#orders.size < 250) break;
      if (isTerminal(o.status)) this.#orders.delete(id);
    }
  }
}
