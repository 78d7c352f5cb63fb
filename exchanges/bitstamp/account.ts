import {
  AmbiguousReply,
  AuthenticationError,
  ExchangeError,
  InvalidOrder,
  OrderNotFound,
} from "../../lib/core/errors.ts";
import type { Balances } from "../../lib/core/events.ts";
import type { Instrument } from "../../lib/core/instrument.ts";
import { type Order, pendingOrder, type SubmitOrder } from "../../lib/core/orders.ts";
import type { OrderRef } from "../../lib/core/capabilities.ts";
import { compare, formatDecimal, fromTicks, mul, parseDecimal, rescale } from "../../lib/core/decimal.ts";
import { formatTicks, formatTicksShort } from "../../lib/core/ticks.ts";
import type { Log } from "../../lib/log/mod.ts";
import { decoded } from "../../lib/net/decoded.ts";
import { submitError } from "./errors.ts";
import type { RestOpenOrder, RestOrderStatus, RestWsToken } from "./frames.ts";
import { idText } from "./numbers.ts";
import type { OwnOrders } from "./own_orders.ts";
import type { BitstampPrivateRest } from "./private_rest.ts";
import {
  balancesFromRest,
  clientIdOf,
  datetimeMs,
  marketNameOf,
  orderFromOpen,
  orderFromStatus,
} from "./private_parse.ts";
import { marketSymbolOf } from "./symbols.ts";

export interface BitstampAccountOptions {
  readonly rest: BitstampPrivateRest;
  readonly orders: OwnOrders;
  /** Instruments, loaded once (markets/). */
  instruments(): Promise<readonly Instrument[]>;
  now(): number;
  readonly log: Log;
}

/** A private WebSocket token and the user id the private channel names carry. */
export interface WsToken {
  readonly token: string;
  readonly userId: string;
}

/** Bitstamp order ids are digits; anything else given to cancelOrder is a client order id. */
const VENUE_ID = /^\d{1,40}$/;

/**
 * The account over signed REST (protocols.md §5.1.5): balances, open orders, limit and market orders with
 * `client_order_id`, cancels, and `order_status/` by id or client id (how an order whose answer was lost
 * is settled). A submit is sent once and never retried; whatever is not Bitstamp's certain refusal
 * (timeout, dropped connection, 5xx, an unreadable answer, a taken client id) is a NetworkError, so the
 * caller keeps the order unknown and looks it up by its client id (DESIGN.md §6).
 */
export class BitstampAccount {
  #opts: BitstampAccountOptions;

  constructor(opts: BitstampAccountOptions) {
    this.#opts = opts;
  }

  async balances(): Promise<Balances> {
    const action = "read balances on bitstamp";
    const rows = await this.#opts.rest.call<unknown>("account_balances", {}, action);
    return decoded(action, () => balancesFromRest(rows));
  }

  /**
   * `open_orders/all/` (ccxt, ccapi; protocols.md §5.1.5; the OpenAPI file names it `open_orders/`).
   * Bitstamp caches this answer for 10 s: an order placed a moment ago may be missing (the engine then asks
   * order_status/ by its client id), and one that ended a moment ago may still be listed, so orders this
   * process saw end are left out.
   */
  async openOrders(symbol?: string): Promise<Order[]> {
    const action = "list orders on bitstamp";
    const rows = await this.#opts.rest.call<unknown>("open_orders/all", {}, action);
    const bySymbol = await this.#bySymbol();
    const out: Order[] = [];
    decoded(action, () => {
      if (!Array.isArray(rows)) throw new RangeError("the open orders answer is not a list");
      for (const r of rows as RestOpenOrder[]) {
        const inst = bySymbol.get(marketNameOf(r) ?? "");
        if (!inst) {
          this.#opts.log.warn(
            `Cannot ${action}: skipped order ${String(r.id)} of unknown market ${marketNameOf(r)}`,
          );
          continue;
        }
        if (symbol === undefined || inst.symbol === symbol) {
          out.push(this.#opts.orders.remember(orderFromOpen(r, inst, this.#opts.now())));
        }
      }
    });
    return out;
  }

  /**
   * `buy|sell/<pair>/` (limit: amount, price) or `buy|sell/market/<pair>/` (amount), with the client id.
   * `validate`: Bitstamp has no validate-only orders; the order is checked here against the market's
   * minimums, and the key's right to place it is checked by sending the same request with amount 0, which
   * Bitstamp can only refuse (nothing can be placed at zero); an authentication refusal fails the check.
   * That Bitstamp checks the key's permissions before the amount is the safe reading, not documented
   * [uncertain]: should it not, the check passes for a key that may not trade, and the first order says so.
   */
  async placeOrder(cmd: SubmitOrder, inst: Instrument): Promise<Order> {
    const action = `place order on "${inst.symbol}" on bitstamp`;
    const market = inst.venueSymbol ?? marketSymbolOf(inst.symbol);
    const endpoint = cmd.type === "market" ? `${cmd.side}/market/${market}` : `${cmd.side}/${market}`;
    if (cmd.type === "limit" && cmd.price === null) {
      throw new InvalidOrder(`Cannot ${action}: a limit order needs a price`);
    }
    const price = cmd.type === "limit" ? formatTicks(cmd.price!, inst.pricePrecision) : undefined;
    const order = pendingOrder(cmd, inst.symbol, this.#opts.now());
    if (cmd.validate) return await this.#validate(cmd, inst, endpoint, price, order, action);
    let reply: RestOpenOrder;
    try {
      reply = await this.#opts.rest.call<RestOpenOrder>(endpoint, {
        amount: formatTicks(cmd.qty, inst.qtyPrecision),
        price,
        client_order_id: cmd.clientId || undefined,
      }, action);
    } catch (e) {
      throw submitError(e, action);
    }
    const id = idText(reply?.id);
    if (!id) {
      throw new AmbiguousReply(`Cannot ${action}: the answer names no order id; the order may exist`);
    }
    const at = price === undefined ? "market" : formatTicksShort(cmd.price!, inst.pricePrecision);
    this.#opts.log.info(
      `Placed ${cmd.side} ${formatTicksShort(cmd.qty, inst.qtyPrecision)} ${inst.symbol} @ ${at}: ${id} (${
        cmd.clientId || "no client id"
      })`,
    );
    return this.#opts.orders.remember({
      ...order,
      id,
      status: "open",
      time: datetimeMs(reply.datetime, order.time),
    });
  }

  /** By Bitstamp order id (digits) or client order id; resolves with the order as canceled. */
  async cancelOrder(id: string): Promise<Order> {
    const action = `cancel order "${id}" on bitstamp`;
    const own = this.#opts.orders;
    let known = VENUE_ID.test(id) ? own.get(id) : own.byClientId(id);
    let venueId = VENUE_ID.test(id) ? id : known?.id;
    if (!venueId) {
      // A client id this process has not seen: cancel_order/ takes the venue id, order_status/ knows it.
      known = await this.#status({ client_order_id: id }, action);
      if (!known) throw new OrderNotFound(`Cannot ${action}: Bitstamp has no order with this client id`);
      venueId = known.id;
    }
    const reply = await this.#opts.rest.call<RestOpenOrder>("cancel_order", { id: venueId }, action);
    const base = known ?? await this.#fromCancelReply(reply, venueId, action);
    return own.remember({ ...base, status: "canceled", time: this.#opts.now() });
  }

  /** `cancel_all_orders/` (or `cancel_all_orders/<pair>/`): every open order; resolves with how many. */
  async cancelAll(symbol?: string): Promise<number> {
    const action = symbol ? `cancel all orders of "${symbol}" on bitstamp` : "cancel all orders on bitstamp";
    const endpoint = symbol ? `cancel_all_orders/${marketSymbolOf(symbol)}` : "cancel_all_orders";
    const reply = await this.#opts.rest.call<{ success?: unknown; canceled?: unknown }>(endpoint, {}, action);
    if (reply.success !== true) throw new ExchangeError(`Cannot ${action}: Bitstamp did not confirm`);
    return Array.isArray(reply.canceled) ? reply.canceled.length : 0;
  }

  /** The venue's record of one order (order_status/, open or closed), or null when it has none. */
  async queryOrder(ref: OrderRef): Promise<Order | null> {
    const by = ref.venueId ? { id: ref.venueId } : { client_order_id: ref.clientId };
    const what = ref.venueId ?? ref.clientId;
    return (await this.#status(by, `look up order "${what}" on bitstamp`)) ?? null;
  }

  /** `websockets_token/`: a token for the private channels (valid about 60 s) and the user id. */
  async wsToken(): Promise<WsToken> {
    const action = "get a WebSocket token from bitstamp";
    const r = await this.#opts.rest.call<RestWsToken>("websockets_token", {}, action);
    const userId = idText(r.user_id);
    if (typeof r.token !== "string" || r.token === "" || !userId) {
      throw new ExchangeError(`Cannot ${action}: the answer has no token and user id`);
    }
    return { token: r.token, userId };
  }

  async #status(by: { id?: string; client_order_id?: string }, action: string): Promise<Order | undefined> {
    let r: RestOrderStatus;
    try {
      r = await this.#opts.rest.call<RestOrderStatus>("order_status", by, action);
    } catch (e) {
      if (e instanceof OrderNotFound) return undefined;
      throw e;
    }
    const bySymbol = await this.#bySymbol();
    const inst = bySymbol.get(marketNameOf(r) ?? "");
    if (!inst) {
      throw new ExchangeError(`Cannot ${action}: the order is of an unknown market ${marketNameOf(r)}`);
    }
    const id = idText(r.id);
    const known = id ? this.#opts.orders.get(id) : this.#opts.orders.byClientId(by.client_order_id ?? "");
    return this.#opts.orders.remember(
      decoded(action, () => orderFromStatus(r, inst, known, this.#opts.now())),
    );
  }

  async #fromCancelReply(r: RestOpenOrder, id: string, action: string): Promise<Order> {
    const inst = (await this.#bySymbol()).get(marketNameOf(r) ?? "");
    if (!inst) {
      const found = await this.#status({ id }, action);
      if (!found) {
        throw new OrderNotFound(`Cannot ${action}: canceled, but Bitstamp no longer describes the order`);
      }
      return found;
    }
    return decoded(
      action,
      () => orderFromOpen({ ...r, client_order_id: clientIdOf(r.client_order_id) }, inst, this.#opts.now()),
    );
  }

  async #validate(
    cmd: SubmitOrder,
    inst: Instrument,
    endpoint: string,
    price: string | undefined,
    order: Order,
    action: string,
  ): Promise<Order> {
    if (cmd.qty < inst.minQty) {
      const min = formatTicksShort(inst.minQty, inst.qtyPrecision);
      throw new InvalidOrder(
        `Cannot ${action}: volume ${
          formatTicksShort(cmd.qty, inst.qtyPrecision)
        } is below the minimum ${min}`,
      );
    }
    if (cmd.type === "limit" && cmd.price !== null) {
      const value = mul(fromTicks(cmd.price, inst.pricePrecision), fromTicks(cmd.qty, inst.qtyPrecision));
      const min = parseDecimal(inst.minCost);
      if (compare(value, min) < 0) {
        const shown = formatDecimal(rescale(value, inst.pricePrecision, "down"));
        throw new InvalidOrder(
          `Cannot ${action}: the order's value ${shown} ${inst.quote} is below the minimum ${inst.minCost}`,
        );
      }
    }
    let reply: RestOpenOrder;
    try {
      reply = await this.#opts.rest.call<RestOpenOrder>(endpoint, { amount: "0", price }, action);
    } catch (e) {
      // A refusal but the key's (a NetworkError is no refusal) is of the zero amount: the key may place it.
      if (!(e instanceof ExchangeError) || e instanceof AuthenticationError) throw e;
      this.#opts.log.info(`Validated ${cmd.side} ${inst.symbol} (${cmd.clientId}): the key may place it`);
      return order;
    }
    // Nothing should be placed at zero; should Bitstamp have taken it, it is canceled at once.
    const id = idText(reply?.id);
    if (id) await this.#opts.rest.call("cancel_order", { id }, action).catch(() => {});
    throw new ExchangeError(`Cannot ${action}: Bitstamp took a zero-amount check order (${id ?? "no id"})`);
  }

  async #bySymbol(): Promise<Map<string, Instrument>> {
    const all = await this.#opts.instruments();
    return new Map(all.map((i) => [i.symbol.toUpperCase(), i]));
  }
}
