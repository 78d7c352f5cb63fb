import {
  AmbiguousReply,
  ExchangeError,
  ExchangeUnavailable,
  InvalidOrder,
  OrderNotFound,
} from "../../lib/core/errors.ts";
import type { OrderRef } from "../../lib/core/capabilities.ts";
import type { Balances } from "../../lib/core/events.ts";
import type { Instrument } from "../../lib/core/instrument.ts";
import { type Order, pendingOrder, type SubmitOrder } from "../../lib/core/orders.ts";
import { formatTicksShort } from "../../lib/core/ticks.ts";
import type { Log } from "../../lib/log/mod.ts";
import { decoded } from "../../lib/net/decoded.ts";
import { DUPLICATE_CLIENT_ID, poloniexError, submitError, venueCode } from "./errors.ts";
import type { RestCancel, RestOrder } from "./frames.ts";
import { checkOrder, marketBuyAmount, orderBody } from "./order_params.ts";
import type { OwnOrders } from "./own_orders.ts";
import type { VenuePairs } from "./parse.ts";
import { balancesFromRest, orderFromRest, ordersFromRest } from "./private_parse.ts";
import type { PoloniexPrivateRest } from "./private_rest.ts";

export interface PoloniexAccountOptions {
  readonly rest: PoloniexPrivateRest;
  readonly orders: OwnOrders;
  /** The markets, loaded once, by Poloniex name. */
  pairs(): Promise<VenuePairs>;
  /** Decimals of the quote amount of a market (for market buys). */
  amountScale(inst: Instrument): number;
  /** The best ask now, in price ticks (a market buy is sized in the quote currency from it). */
  ask(inst: Instrument): Promise<number>;
  now(): number;
  readonly log: Log;
}

/** The outcome of a batch cancel, item by item (by order id, or client id when the venue names one). */
export interface CancelReport {
  readonly canceled: string[];
  readonly failed: { readonly id: string; readonly reason: string }[];
}

/** Poloniex order ids are decimal numbers ("29772698821328896"); anything else is a client order id. */
const ORDER_ID_RE = /^\d{1,30}$/;

/** The path naming one order by its id, or by client id with the documented `cid:` prefix. */
export function orderPath(id: string): string {
  return ORDER_ID_RE.test(id) ? `/orders/${id}` : `/orders/cid:${id}`;
}

/**
 * The account over private REST v3 (protocols.md §5.2.5): balances, open orders, `POST /orders` with the
 * client id, cancels by id, by `cid:`, in batches and all at once (each item's code checked), and the lookup
 * by client id that settles an order whose answer was lost. A submit is sent once and never retried; what is
 * not a certain refusal (timeout, dropped connection, 5xx, an unknown code, an unreadable answer) is a
 * NetworkError, so the caller keeps the order unknown and looks it up (DESIGN.md §6).
 */
export class PoloniexAccount {
  #opts: PoloniexAccountOptions;

  constructor(opts: PoloniexAccountOptions) {
    this.#opts = opts;
  }

  async balances(): Promise<Balances> {
    const action = "read balances on poloniex";
    const v = await this.#opts.rest.get("/accounts/balances", {}, action);
    return decoded(action, () => balancesFromRest(v));
  }

  async openOrders(symbol?: string): Promise<Order[]> {
    const action = "list orders on poloniex";
    const pairs = await this.#opts.pairs();
    const query: Record<string, string> = { limit: "2000" };
    if (symbol !== undefined) {
      const inst = [...pairs.values()].find((i) => i.symbol === symbol);
      if (inst?.venueSymbol) query.symbol = inst.venueSymbol;
    }
    const v = await this.#opts.rest.get("/orders", query, action);
    const orders = decoded(
      action,
      () =>
        ordersFromRest(v, pairs, (id, why) => this.#opts.log.warn(`Cannot ${action}: skipped ${id}: ${why}`)),
    );
    return orders.filter((o) => symbol === undefined || o.symbol === symbol).map((o) =>
      this.#opts.orders.remember(o)
    );
  }

  async placeOrder(cmd: SubmitOrder, inst: Instrument): Promise<Order> {
    const action = `place order on "${inst.symbol}" on poloniex`;
    const order = pendingOrder(cmd, inst.symbol, this.#opts.now());
    checkOrder(cmd, inst, action);
    if (cmd.validate) {
      await this.#checkTradePermission(cmd.clientId || `pt-validate-${this.#opts.now()}`, action);
      return order;
    }
    const body = orderBody(cmd, inst, action, await this.#marketBuyAmount(cmd, inst, action));
    let reply: unknown;
    try {
      reply = await this.#opts.rest.withBody("POST", "/orders", body, action);
    } catch (e) {
      if (venueCode(e) === DUPLICATE_CLIENT_ID && cmd.clientId !== "") {
        return await this.#existing(cmd, action);
      }
      throw submitError(e, action);
    }
    const id = (reply as { id?: unknown } | null)?.id;
    if ((typeof id !== "string" && typeof id !== "number") || String(id) === "") {
      throw new AmbiguousReply(`Cannot ${action}: the answer names no order id; the order may exist`);
    }
    const price = cmd.price === null ? "market" : formatTicksShort(cmd.price, inst.pricePrecision);
    this.#opts.log.info(
      `Placed ${cmd.side} ${formatTicksShort(cmd.qty, inst.qtyPrecision)} ${inst.symbol} @ ${price}: ${id} ` +
        `(${cmd.clientId || "no client id"})`,
    );
    return this.#opts.orders.remember({ ...order, id: String(id), status: "open" });
  }

  /** Cancels by Poloniex order id or client order id; resolves with the order as canceled. */
  async cancelOrder(id: string): Promise<Order> {
    const action = `cancel order "${id}" on poloniex`;
    const reply = await this.#opts.rest.delete(orderPath(id), action);
    const item = reply as RestCancel | null;
    if (typeof item !== "object" || item === null || item.orderId === undefined) {
      throw new ExchangeError(`Cannot ${action}: the answer names no order`);
    }
    refused(item, action);
    const orderId = String(item.orderId);
    const own = this.#opts.orders;
    const known = own.get(orderId) ?? (ORDER_ID_RE.test(id) ? undefined : own.byClientId(id)) ??
      await this.queryOrder({ symbol: "", clientId: "", venueId: orderId });
    if (!known) {
      throw new OrderNotFound(`Cannot ${action}: canceled, but Poloniex no longer describes the order`);
    }
    return own.remember({
      ...known,
      status: known.status === "filled" ? "filled" : "canceled",
      time: this.#opts.now(),
    });
  }

  /** `DELETE /orders/cancelByIds`: each item's code says whether that order was canceled. */
  async cancelOrders(ids: readonly string[]): Promise<CancelReport> {
    const action = "cancel orders on poloniex";
    const orderIds = ids.filter((id) => ORDER_ID_RE.test(id));
    const clientOrderIds = ids.filter((id) => !ORDER_ID_RE.test(id));
    const body = JSON.stringify({ orderIds, clientOrderIds });
    return this.#report(
      await this.#opts.rest.withBody("DELETE", "/orders/cancelByIds", body, action),
      action,
    );
  }

  /**
   * `DELETE /orders`: every open order, or those of one pair. The body filters by `symbols` as the documentation
   * and ccxt write it (the Python SDK writes `symbol` [?]); without a pair it is `{}`, which cancels all.
   */
  async cancelAll(inst?: Instrument): Promise<CancelReport> {
    const action = inst
      ? `cancel all orders of "${inst.symbol}" on poloniex`
      : "cancel all orders on poloniex";
    const body = inst ? JSON.stringify({ symbols: [inst.venueSymbol] }) : "{}";
    return this.#report(await this.#opts.rest.withBody("DELETE", "/orders", body, action), action);
  }

  /** The venue's record of one order, open or closed (`/orders/{id}`, `/orders/cid:{id}`); null when it has none. */
  async queryOrder(ref: OrderRef): Promise<Order | null> {
    const id = ref.venueId || ref.clientId;
    const action = `look up order "${id}" on poloniex`;
    let v: unknown;
    try {
      v = await this.#opts.rest.get(
        ref.venueId ? `/orders/${ref.venueId}` : orderPath(ref.clientId),
        {},
        action,
      );
    } catch (e) {
      if (e instanceof OrderNotFound) return null;
      throw e;
    }
    // Some answers wrap the one order in a list; an empty list or object means none.
    const raw = Array.isArray(v) ? v[0] : v;
    if (raw === undefined || raw === null || (typeof raw === "object" && Object.keys(raw).length === 0)) {
      return null;
    }
    const pairs = await this.#opts.pairs();
    return this.#opts.orders.remember(decoded(action, () => orderFromRest(raw as RestOrder, pairs)));
  }

  /**
   * Poloniex has no validate-only order. What the key may do is checked instead with a request that needs the
   * trade permission and changes nothing: a batch cancel of a client id no order has.
   */
  async #checkTradePermission(clientId: string, action: string): Promise<void> {
    const body = JSON.stringify({ orderIds: [], clientOrderIds: [clientId] });
    try {
      await this.#opts.rest.withBody("DELETE", "/orders/cancelByIds", body, action);
    } catch (e) {
      // Refused for having nothing to cancel: the key was let through.
      if (!(e instanceof OrderNotFound)) throw e;
    }
  }

  /** The quote amount of a market buy, from the ask now; nothing is sent when it cannot be known. */
  async #marketBuyAmount(cmd: SubmitOrder, inst: Instrument, action: string): Promise<string | undefined> {
    if (cmd.type !== "market" || cmd.side !== "buy") return undefined;
    let ask: number;
    try {
      ask = await this.#opts.ask(inst);
    } catch (e) {
      throw new InvalidOrder(
        `Cannot ${action}: a market buy is sized in ${inst.quote} from the ask, which cannot be read ` +
          `(${e instanceof Error ? e.message : e}); nothing was sent`,
      );
    }
    if (!(ask > 0)) {
      throw new InvalidOrder(`Cannot ${action}: no ask to size a market buy from; nothing was sent`);
    }
    return marketBuyAmount(cmd.qty, ask, inst, this.#opts.amountScale(inst));
  }

  /**
   * The venue already has an order with this client id (21312): this very order, sent before (by a process
   * that lost the answer), never a refusal of a new one. Its record is the answer.
   */
  async #existing(cmd: SubmitOrder, action: string): Promise<Order> {
    let found: Order | null;
    try {
      found = await this.queryOrder({ symbol: cmd.symbol, clientId: cmd.clientId });
    } catch (e) {
      throw new ExchangeUnavailable(
        `Cannot ${action}: Poloniex already has an order with client id ${cmd.clientId}, which cannot be read ` +
          `now (${e instanceof Error ? e.message : e})`,
        { cause: e },
      );
    }
    if (!found) {
      throw new AmbiguousReply(
        `Cannot ${action}: Poloniex says an order with client id ${cmd.clientId} exists but does not describe it`,
      );
    }
    this.#opts.log.info(`Order ${cmd.clientId} was already at Poloniex: ${found.id} (${found.status})`);
    return found;
  }

  #report(v: unknown, action: string): CancelReport {
    if (!Array.isArray(v)) throw new ExchangeError(`Cannot ${action}: the answer is not a list`);
    const out: CancelReport = { canceled: [], failed: [] };
    for (const item of v as RestCancel[]) {
      const id = String(item?.orderId || item?.clientOrderId);
      try {
        refused(item, action);
        out.canceled.push(id);
        const known = this.#opts.orders.get(String(item.orderId));
        if (known) this.#opts.orders.remember({ ...known, status: "canceled", time: this.#opts.now() });
      } catch (e) {
        out.failed.push({ id, reason: e instanceof Error ? e.message : String(e) });
      }
    }
    return out;
  }
}

/** Throws the item's refusal when its code is not 200 (a batch answer is 200 whatever each item did). */
function refused(item: RestCancel, action: string): void {
  const code = item.code === undefined ? 200 : Number(item.code);
  if (code === 200) return;
  throw poloniexError(200, Number.isSafeInteger(code) ? code : null, item.message ?? "", action);
}
