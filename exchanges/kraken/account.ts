import {
  ExchangeError,
  ExchangeUnavailable,
  InvalidOrder,
  NetworkError,
  OrderNotFound,
} from "../../lib/core/errors.ts";
import type { Balances } from "../../lib/core/events.ts";
import type { Instrument } from "../../lib/core/instrument.ts";
import type { Order, SubmitOrder } from "../../lib/core/orders.ts";
import { formatTicksShort } from "../../lib/core/ticks.ts";
import type { Log } from "../../lib/log/mod.ts";
import type { RestAddOrder, RestOrder } from "./frames.ts";
import type { OwnOrders } from "./own_orders.ts";
import { balancesFromRest, ordersFromRest, type PairLookup } from "./private_parse.ts";
import type { KrakenPrivateRest, Params } from "./private_rest.ts";
import { restPairName } from "./symbols.ts";

/** Kraken order ids: "OQCLML-BW3P3-BUCMWZ". Anything else given to cancelOrder is a client id. */
const TXID_RE = /^[A-Z0-9]{6}-[A-Z0-9]{5}-[A-Z0-9]{6}$/;

export interface KrakenAccountOptions {
  readonly rest: KrakenPrivateRest;
  readonly orders: OwnOrders;
  /** The pairs, loaded once: REST names and instruments. */
  pairs(): Promise<PairLookup>;
  now(): number;
  readonly log: Log;
}

/** A lookup request of the engine's reconciliation: by venue id when known, else by client id. */
export interface OrderRef {
  readonly symbol: string;
  readonly clientId: string;
  readonly venueId?: string;
}

/**
 * The account over private REST (protocols.md §1.3): balances, orders, AddOrder/CancelOrder/CancelAll and
 * the lookups reconciliation needs. AddOrder is sent once and never retried; whatever is not an explicit
 * refusal by Kraken (timeout, dropped connection, 5xx, an answer that cannot be read) is a NetworkError,
 * so the caller keeps the order unknown and looks it up by client id (DESIGN.md §6).
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
    const params = orderParams(cmd, inst, action);
    let result: RestAddOrder;
    try {
      result = await this.#opts.rest.call<RestAddOrder>("AddOrder", params, action);
    } catch (e) {
      throw outcomeUnknown(e, action);
    }
    const order: Order = {
      id: "",
      clientId: cmd.clientId,
      symbol: inst.symbol,
      side: cmd.side,
      type: cmd.type,
      price: cmd.type === "limit" ? cmd.price : null,
      qty: cmd.qty,
      filled: 0,
      status: "pending",
      time: this.#opts.now(),
    };
    if (cmd.validate) return order;
    const txid = Array.isArray(result.txid) ? result.txid[0] : undefined;
    if (typeof txid !== "string" || txid === "") {
      throw new ExchangeUnavailable(`Cannot ${action}: the answer names no order id; the order may exist`);
    }
    this.#opts.log.info(
      `Placed ${cmd.side} ${params.volume} ${inst.symbol} @ ${
        params.price ?? "market"
      }: ${txid} (${cmd.clientId})`,
    );
    return this.#opts.orders.remember({ ...order, id: txid, status: "open" });
  }

  /** Cancels by Kraken order id or client order id; resolves with the order as canceled. */
  async cancelOrder(id: string): Promise<Order> {
    const action = `cancel order "${id}" on kraken`;
    const byTxid = TXID_RE.test(id);
    const result = await this.#opts.rest.call<{ count?: string }>(
      "CancelOrder",
      byTxid ? { txid: id } : { cl_ord_id: id },
      action,
    );
    if (Number(result.count) < 1) throw new OrderNotFound(`Cannot ${action}: no open order has this id`);
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
    const result = await this.#opts.rest.call<{ count?: string }>(
      "CancelAll",
      {},
      "cancel all orders on kraken",
    );
    return Number(result.count ?? 0);
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

/** AddOrder parameters (krakenfx/api-specs : spot-rest/schemas/requests/trading/orders/add.yaml). */
export function orderParams(cmd: SubmitOrder, inst: Instrument, action: string): Params {
  const fail = (detail: string) => new InvalidOrder(`Cannot ${action}: ${detail}`);
  if (cmd.side !== "buy" && cmd.side !== "sell") throw fail(`side must be buy or sell, got "${cmd.side}"`);
  if (cmd.type !== "limit" && cmd.type !== "market") {
    throw fail(`type must be limit or market, got "${cmd.type}"`);
  }
  if (!Number.isSafeInteger(cmd.qty) || cmd.qty <= 0) throw fail("volume must be a positive amount");
  if (cmd.type === "limit" && (cmd.price === null || !Number.isSafeInteger(cmd.price) || cmd.price <= 0)) {
    throw fail("a limit order needs a positive price");
  }
  if (cmd.clientId.length > 36) throw fail(`client id "${cmd.clientId}" is longer than Kraken allows`);
  return {
    pair: inst.venueSymbol ?? restPairName(inst.symbol),
    type: cmd.side,
    ordertype: cmd.type,
    volume: formatTicksShort(cmd.qty, inst.qtyPrecision),
    price: cmd.type === "limit" ? formatTicksShort(cmd.price!, inst.pricePrecision) : undefined,
    cl_ord_id: cmd.clientId === "" ? undefined : cmd.clientId,
    validate: cmd.validate ? "true" : undefined,
  };
}

/**
 * An AddOrder failure as the caller must see it: Kraken's explicit refusals (ExchangeError subclasses)
 * stay; anything else, a generic or unreadable answer included, means the order may exist.
 */
function outcomeUnknown(e: unknown, action: string): Error {
  if (e instanceof NetworkError) return e;
  if (e instanceof ExchangeError && e.constructor !== ExchangeError) return e;
  const detail = e instanceof Error ? e.message.replace(`Cannot ${action}: `, "") : String(e);
  return new ExchangeUnavailable(`Cannot ${action}: ${detail}; the order may exist`, { cause: e });
}

function decoded<T>(action: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw new ExchangeError(`Cannot ${action}: ${e instanceof Error ? e.message : e}`, { cause: e });
  }
}
