import { type Exchange, ExchangeError, type Order } from "../core/mod.ts";

/** Which order to look up: by client id, and by venue id when the venue has acknowledged it. */
export interface OrderRef {
  readonly symbol: string;
  readonly clientId: string;
  readonly venueId?: string;
}

/**
 * What an adapter can offer beyond `Exchange` to settle an order whose outcome is unknown: the venue's
 * record of one order, open or closed (Kraken QueryOrders/ClosedOrders by cl_ord_id, Poloniex
 * `/orders/cid:<id>`, Bitstamp `order_status` by client_order_id).
 */
export interface OrderLookup {
  /** The order in whatever state the venue has it; null when the venue has no such order. Network failures throw. */
  queryOrder(ref: OrderRef): Promise<Order | null>;
}

/**
 * The adapter's lookup, or null when it has none: its `queryOrder`, else the core interface's batched
 * `Exchange.ordersByClientId`.
 */
export function orderLookup(exchange: Exchange): OrderLookup | null {
  const q = (exchange as Partial<OrderLookup>).queryOrder;
  if (typeof q === "function") return { queryOrder: (ref) => q.call(exchange, ref) };
  const batch = exchange.ordersByClientId;
  if (typeof batch !== "function") return null;
  return {
    queryOrder: async (ref) =>
      (await batch.call(exchange, [ref.clientId])).find((o) => o.clientId === ref.clientId) ?? null,
  };
}

/**
 * The outcome policy (DESIGN.md §6) for a failed request: an ExchangeError is the venue's explicit refusal;
 * anything else (timeout, disconnect, 5xx, rate limit, a bug) leaves the outcome unknown.
 */
export function isRefusal(e: unknown): boolean {
  return e instanceof ExchangeError;
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
