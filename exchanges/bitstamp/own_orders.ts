import type { AccountEvent } from "../../lib/core/events.ts";
import type { Instrument } from "../../lib/core/instrument.ts";
import { isTerminal, type Order } from "../../lib/core/orders.ts";
import type { WsMyOrderData, WsMyTradeData } from "./frames.ts";
import { idText, microsOf, ticksOf } from "./numbers.ts";
import { clientIdOf, sideOf } from "./private_parse.ts";

const MAX_ORDERS = 10_000;
const MAX_TRADES = 10_000;

interface Tracked {
  order: Order;
  /** Quantity already reported in OrderFilled events. */
  reported: number;
  /** Seen open on the account feed before any fill: its fills are as maker. */
  rested: boolean;
}

/** What applying one account-feed message gave: events to publish, or an order id to look up first. */
export interface Applied {
  readonly events: AccountEvent[];
  readonly unknown?: string;
}

/**
 * The account's orders as Bitstamp reported them, by venue id, so that `private-my_orders` and
 * `private-my_trades` messages (protocols.md §5.1.6) become complete OrderAccepted / OrderFilled /
 * OrderCanceled events. REST answers (buy/sell, open orders, order status) are remembered too.
 *
 * `order_deleted` ends an order: with nothing left (`amount` 0) it is filled, else canceled. Fills come
 * from `my_trades` with their price and fee; a fill the feed did not show before the order was deleted
 * is reported at the order's price with no fee, and a trade arriving after that is not counted twice.
 * Bitstamp marks no fill maker or taker: an order seen resting before the fill counts as maker.
 */
export class OwnOrders {
  #byId = new Map<string, Tracked>();
  #trades = new Set<string>();
  /** Fills of orders not known yet (the feed can be ahead of the order's REST answer), by order id. */
  #orphans = new Map<string, { data: WsMyTradeData; inst: Instrument }[]>();

  get(id: string): Order | undefined {
    return this.#byId.get(id)?.order;
  }

  byClientId(clientId: string): Order | undefined {
    if (clientId === "") return undefined;
    for (const t of this.#byId.values()) if (t.order.clientId === clientId) return t.order;
    return undefined;
  }

  /** Keeps what a REST answer said, unless the feed already knows more (a fill, an end). */
  remember(order: Order): Order {
    const t = this.#byId.get(order.id);
    if (!t) {
      this.#set(order.id, { order, reported: 0, rested: false });
      return order;
    }
    const knownMore = (isTerminal(t.order.status) && !isTerminal(order.status)) ||
      t.order.filled > order.filled;
    t.order = knownMore
      ? { ...t.order, clientId: t.order.clientId || order.clientId }
      : { ...order, clientId: order.clientId || t.order.clientId, price: order.price ?? t.order.price };
    return t.order;
  }

  /** One `private-my_orders_<pair>-<uid>` message. */
  applyOrder(
    event: "order_created" | "order_changed" | "order_deleted",
    d: WsMyOrderData,
    inst: Instrument,
    now: number,
  ): Applied {
    const id = idText(d.id_str) ?? idText(d.id);
    if (!id) throw new RangeError("order event without an id");
    const known = this.#byId.get(id);
    const left = ticksOf(d.amount_str ?? d.amount, inst.qtyPrecision, "amount");
    const qty = d.amount_at_create !== undefined
      ? ticksOf(d.amount_at_create, inst.qtyPrecision, "amount_at_create")
      : known?.order.qty ?? left;
    const time = d.microtimestamp === undefined ? now : Math.floor(microsOf(d.microtimestamp) / 1000);
    const base: Order = {
      id,
      clientId: clientIdOf(d.client_order_id) || known?.order.clientId || "",
      symbol: inst.symbol,
      side: d.order_type === undefined ? known?.order.side ?? "buy" : sideOf(d.order_type),
      type: known?.order.type ?? "limit",
      price: d.price_str !== undefined || d.price !== undefined
        ? ticksOf(d.price_str ?? d.price, inst.pricePrecision, "price")
        : known?.order.price ?? null,
      qty,
      filled: Math.max(known?.order.filled ?? 0, qty - left),
      status: "open",
      time,
    };
    const t = known ?? this.#set(id, { order: base, reported: 0, rested: false });
    // Fills that came before anything else told of the order go first, at their own price and fee.
    const events = this.drain(id, now);
    if (event !== "order_deleted") {
      if (isTerminal(t.order.status)) return { events };
      if (base.filled === 0 && t.reported === 0) t.rested = true;
      t.order = { ...base, filled: Math.max(base.filled, t.order.filled) };
      events.push({ kind: "OrderAccepted", order: t.order });
      return { events };
    }
    if (left > 0) {
      t.order = { ...base, filled: Math.max(base.filled, t.order.filled), status: "canceled" };
      events.push({ kind: "OrderCanceled", order: t.order, time });
      return { events };
    }
    const wasFilled = t.order.status === "filled";
    t.order = { ...base, filled: qty, status: "filled" };
    const missing = qty - t.reported;
    if (wasFilled || missing <= 0) return { events };
    t.reported = qty;
    events.push({
      kind: "OrderFilled",
      order: t.order,
      price: base.price ?? 0,
      qty: missing,
      fee: "0",
      liquidity: t.rested ? "maker" : "taker",
      time,
    });
    return { events };
  }

  /** The fills kept for an order that was not known, now that it is (after a lookup, an order event). */
  drain(orderId: string, now: number): AccountEvent[] {
    const waiting = this.#orphans.get(orderId);
    if (!waiting || !this.#byId.has(orderId)) return [];
    this.#orphans.delete(orderId);
    return waiting.flatMap((w) => this.applyTrade(w.data, w.inst, now).events);
  }

  /** One `private-my_trades_<pair>-<uid>` message; an order never seen is to be looked up first. */
  applyTrade(d: WsMyTradeData, inst: Instrument, now: number): Applied {
    const orderId = idText(d.order_id);
    if (!orderId) throw new RangeError("trade without an order id");
    const tradeId = idText(d.id);
    if (tradeId !== null && this.#trades.has(tradeId)) return { events: [] };
    const t = this.#byId.get(orderId);
    if (!t) {
      const list = this.#orphans.get(orderId) ?? [];
      if (list.length === 0 && this.#orphans.size >= 1_000) this.#orphans.clear();
      list.push({ data: d, inst });
      this.#orphans.set(orderId, list);
      return { events: [], unknown: orderId };
    }
    if (tradeId !== null) this.#seen(tradeId);
    const qty = ticksOf(d.amount, inst.qtyPrecision, "amount");
    const counted = Math.min(qty, Math.max(0, t.order.qty - t.reported));
    if (counted <= 0) return { events: [] };
    t.reported += counted;
    const filled = Math.min(t.order.qty, Math.max(t.order.filled, t.reported));
    t.order = { ...t.order, filled, status: filled >= t.order.qty ? "filled" : t.order.status };
    const fee = typeof d.fee === "string" || typeof d.fee === "number" ? String(d.fee) : "0";
    return {
      events: [{
        kind: "OrderFilled",
        order: t.order,
        price: ticksOf(d.price, inst.pricePrecision, "price"),
        qty: counted,
        fee,
        liquidity: t.rested ? "maker" : "taker",
        time: d.microtimestamp === undefined ? now : Math.floor(microsOf(d.microtimestamp) / 1000),
      }],
    };
  }

  #seen(tradeId: string): void {
    this.#trades.add(tradeId);
    if (this.#trades.size > MAX_TRADES) {
      for (const id of this.#trades) {
        this.#trades.delete(id);
        if (this.#trades.size <= MAX_TRADES / 2) break;
      }
    }
  }

  #set(id: string, t: Tracked): Tracked {
    this.#byId.set(id, t);
    if (this.#byId.size > MAX_ORDERS) {
      for (const [k, v] of this.#byId) {
        if (this.#byId.size <= MAX_ORDERS / 2) break;
        if (isTerminal(v.order.status)) this.#byId.delete(k);
      }
    }
    return t;
  }
}
