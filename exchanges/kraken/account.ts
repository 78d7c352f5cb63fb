import { AmbiguousReply, ExchangeError, InvalidOrder, OrderNotFound } from "../../lib/core/errors.ts";
import type { Balances } from "../../lib/core/events.ts";
import type { Instrument } from "../../lib/core/instrument.ts";
import { type Order, pendingOrder, type SubmitOrder } from "../../lib/core/orders.ts";
import { formatTicksShort } from "../../lib/core/ticks.ts";
import type { Log } from "../../lib/log/mod.ts";
import { decoded } from "../../lib/net/decoded.ts";
import { krakenError, submitError } from "./errors.ts";
import type { RestAddOrder, RestOrder } from "./frames.ts";
import { orderParams, wsOrderParams } from "./order_params.ts";
import type { OwnOrders } from "./own_orders.ts";
import { balancesFromRest, ordersFromRest, type PairLookup } from "./private_parse.ts";
import type { KrakenPrivateRest } from "./private_rest.ts";

/** Kraken order ids: "OQCLML-BW3P3-BUCMWZ". Anything else given to cancelOrder is a client id. */
const TXID_RE = /^[A-Z0-9]{6}-[A-Z0-9]{5}-[A-Z0-9]{6}$/;

export interface KrakenAccountOptions {
  readonly rest: KrakenPrivateRest;
  readonly orders: OwnOrders;
  /** The pairs, loaded once: REST names and instruments. */
  pairs(): Promise<PairLookup>;
  now(): number;
  readonly log: Log;
  /** Trading over the account WebSocket instead of REST, when chosen and subscribed (else REST). */
  ws?(): WsTrading | null;
  /** Deadline of a WebSocket trading request. */
  readonly wsTimeoutMs?: number;
}

/** add_order, cancel_order and cancel_all on the subscribed account socket (KrakenPrivateFeed.trade). */
export interface WsTrading {
  readonly subscribed: boolean;
  trade(
    method: string,
    params: string,
    action: string,
    timeoutMs: number,
    refusal: (error: string) => Error,
  ): Promise<unknown>;
}

/** A lookup request of the engine's reconciliation: by venue id when known, else by client id. */
export interface OrderRef {
  readonly symbol: string;
  readonly clientId: string;
  readonly venueId?: string;
}

/**
 * The account over private REST (protocols.md §1.3): balances, orders, AddOrder/CancelOrder/CancelAll and
 * the lookups reconciliation needs; orders optionally over the account WebSocket (§1.4). A submit is sent
 * once and never retried (over REST on a connection of its own, so the HTTP stack cannot resend it);
 * whatever is not a refusal certain for this request (timeout, dropped connection, 5xx, an answer that
 * cannot be read, `EAPI:Invalid nonce`) is a NetworkError, so the caller keeps the order unknown and looks
 * it up by client id (DESIGN.md §6).
 */
export class KrakenAccount {
  #opts: KrakenAccountOptions;

  constructor(opts: KrakenAccountOptions) {
    this.#opts = opts;
  }

  async balances(): Promise<Balances> {
    const action = "read balances on kraken";
    const result = await this.#opts.rest.call<Record<string, unknown>>("Balance", {}, action);
    return decoded(action, () => balancesFromRest(result));
  }

  async openOrders(symbol?: string): Promise<Order[]> {
    const orders = await this.#openOrders("list orders on kraken");
    return symbol === undefined ? orders : orders.filter((o) => o.symbol === symbol);
  }

  async placeOrder(cmd: SubmitOrder, inst: Instrument): Promise<Order> {
    const action = `place order on "${inst.symbol}" on kraken`;
    const ws = this.#ws();
    const order = pendingOrder(cmd, inst.symbol, this.#opts.now());
    let txid: unknown;
    try {
      if (ws) {
        const params = wsOrderParams(cmd, inst, action);
        const refusal = (error: string) => submitError(krakenError([error], action), action);
        const result = await ws.trade("add_order", params, action, this.#wsTimeout, refusal);
        txid = (result as { order_id?: unknown } | undefined)?.order_id;
      } else {
        const params = orderParams(cmd, inst, action);
        const result = await this.#opts.rest.call<RestAddOrder>("AddOrder", params, action);
        txid = Array.isArray(result.txid) ? result.txid[0] : undefined;
      }
    } catch (e) {
      throw submitError(e, action);
    }
    if (cmd.validate) return order;
    if (typeof txid !== "string" || txid === "") {
      throw new AmbiguousReply(`Cannot ${action}: the answer names no order id; the order may exist`);
    }
    const price = cmd.price === null ? "market" : formatTicksShort(cmd.price, inst.pricePrecision);
    this.#opts.log.info(
      `Placed ${cmd.side} ${
        formatTicksShort(cmd.qty, inst.qtyPrecision)
      } ${inst.symbol} @ ${price}: ${txid} ` +
        `(${cmd.clientId || "no client id"}${ws ? ", over the socket" : ""})`,
    );
    return this.#opts.orders.remember({ ...order, id: txid, status: "open" });
  }

  /** Cancels by Kraken order id or client order id; resolves with the order as canceled. */
  async cancelOrder(id: string): Promise<Order> {
    const action = `cancel order "${id}" on kraken`;
    const byTxid = TXID_RE.test(id);
    const ws = this.#ws();
    if (ws) {
      const params = `{${JSON.stringify(byTxid ? "order_id" : "cl_ord_id")}:[${JSON.stringify(id)}]}`;
      await ws.trade(
        "cancel_order",
        params,
        action,
        this.#wsTimeout,
        (error) => krakenError([error], action),
      );
    } else {
      const result = await this.#opts.rest.call<{ count?: string }>(
        "CancelOrder",
        byTxid ? { txid: id } : { cl_ord_id: id },
        action,
      );
      if (Number(result.count) < 1) throw new OrderNotFound(`Cannot ${action}: no open order has this id`);
    }
    const own = this.#opts.orders;
    let order = byTxid ? own.get(id) : own.byClientId(id);
    if (!order) {
      order = byTxid
        ? (await this.#queryOrders([id], action))[0]
        : (await this.#closedOrders(id, action)).find((o) => o.clientId === id);
    }
    if (!order) {
      throw new OrderNotFound(`Cannot ${action}: canceled, but Kraken no longer describes the order`);
    }
    const canceled = { ...order, status: "canceled" as const, time: this.#opts.now() };
    own.remember(canceled);
    return canceled;
  }

  /** Cancels every open order of the account; resolves with how many. */
  async cancelAll(): Promise<number> {
    const action = "cancel all orders on kraken";
    const ws = this.#ws();
    const result = ws
      ? await ws.trade("cancel_all", "{}", action, this.#wsTimeout, (error) => krakenError([error], action))
      : await this.#opts.rest.call("CancelAll", {}, action);
    return Number((result as { count?: unknown } | undefined)?.count ?? 0);
  }

  /** Open orders with these client ids, then closed ones (ClosedOrders filtered by cl_ord_id) for the rest. */
  async ordersByClientId(clientIds: readonly string[]): Promise<Order[]> {
    const action = "look up orders by client id on kraken";
    const wanted = new Set(clientIds.filter((id) => id !== ""));
    const found = new Map<string, Order>();
    for (const o of await this.#openOrders(action)) if (wanted.has(o.clientId)) found.set(o.clientId, o);
    for (const id of wanted) {
      if (found.has(id)) continue;
      const match = (await this.#closedOrders(id, action)).find((o) => o.clientId === id);
      if (match) found.set(id, match);
    }
    return [...found.values()];
  }

  /** The venue's record of one order, or null when it has none. */
  async queryOrder(ref: OrderRef): Promise<Order | null> {
    if (ref.venueId) {
      const action = `look up order "${ref.venueId}" on kraken`;
      try {
        return (await this.#queryOrders([ref.venueId], action))[0] ?? null;
      } catch (e) {
        if (e instanceof InvalidOrder || e instanceof OrderNotFound) return null;
        throw e;
      }
    }
    return (await this.ordersByClientId([ref.clientId]))[0] ?? null;
  }

  /** A token for the private WebSocket. */
  async wsToken(): Promise<string> {
    const action = "get a WebSocket token from kraken";
    const result = await this.#opts.rest.call<{ token?: string }>("GetWebSocketsToken", {}, action);
    if (typeof result.token !== "string" || result.token === "") {
      throw new ExchangeError(`Cannot ${action}: the answer has no token`);
    }
    return result.token;
  }

  /** The account socket when orders go over it and it is subscribed now. */
  #ws(): WsTrading | null {
    const ws = this.#opts.ws?.() ?? null;
    return ws?.subscribed ? ws : null;
  }

  get #wsTimeout(): number {
    return this.#opts.wsTimeoutMs ?? 10_000;
  }

  /** Orders by Kraken id (QueryOrders, up to 50 ids a call), as far as this build can read them. */
  async #queryOrders(txids: readonly string[], action: string): Promise<Order[]> {
    const result = await this.#opts.rest.call<Record<string, RestOrder>>(
      "QueryOrders",
      { txid: txids.join(",") },
      action,
    );
    return this.#orders(result, action);
  }

  async #openOrders(action: string): Promise<Order[]> {
    const result = await this.#opts.rest.call<{ open?: Record<string, RestOrder> }>("OpenOrders", {}, action);
    return this.#orders(result.open, action);
  }

  async #closedOrders(clientId: string, action: string): Promise<Order[]> {
    const result = await this.#opts.rest.call<{ closed?: Record<string, RestOrder> }>(
      "ClosedOrders",
      { cl_ord_id: clientId },
      action,
    );
    return this.#orders(result.closed, action);
  }

  async #orders(map: Readonly<Record<string, RestOrder>> | undefined, action: string): Promise<Order[]> {
    const pairs = await this.#opts.pairs();
    const orders = ordersFromRest(
      map,
      pairs,
      (txid, reason) => this.#opts.log.warn(`Cannot ${action}: skipped ${txid}: ${reason}`),
    );
    return orders.map((o) => this.#opts.orders.remember(o));
  }
}
