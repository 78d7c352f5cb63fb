/** Orders as the venue and the engine see them. Prices and quantities are ticks of the instrument. */

export type Side = "buy" | "sell";
export type OrderType = "limit" | "market";
/** pending: sent, not yet acknowledged; unknown: outcome not known (timeout), awaiting reconciliation. */
export type OrderStatus = "pending" | "open" | "filled" | "canceled" | "rejected" | "unknown";

export interface Order {
  /** Venue order id ("" until the venue has acknowledged it). */
  readonly id: string;
  /** Client order id, chosen before sending. */
  readonly clientId: string;
  readonly symbol: string;
  readonly side: Side;
  readonly type: OrderType;
  /** Limit price in price ticks; null for market orders. */
  readonly price: number | null;
  /** Ordered quantity in qty ticks. */
  readonly qty: number;
  /** Filled quantity in qty ticks. */
  readonly filled: number;
  readonly status: OrderStatus;
  /** Time of the last change, ms since the epoch. */
  readonly time: number;
}

/** Commands are imperative requests; events are the facts that follow. */
export interface SubmitOrder {
  readonly kind: "SubmitOrder";
  readonly clientId: string;
  readonly symbol: string;
  readonly side: Side;
  readonly type: OrderType;
  /** Price ticks; required for limit orders. */
  readonly price: number | null;
  readonly qty: number;
  /** Ask the venue to validate only, placing nothing. */
  readonly validate?: boolean;
}

export interface CancelOrder {
  readonly kind: "CancelOrder";
  /** Venue id or client id. */
  readonly id: string;
}

export interface CancelAll {
  readonly kind: "CancelAll";
  readonly symbol?: string;
}

export type Command = SubmitOrder | CancelOrder | CancelAll;

export function isTerminal(status: OrderStatus): boolean {
  return status === "filled" || status === "canceled" || status === "rejected";
}

/** The order a submit stands for until the venue answers: no venue id yet, nothing filled, "pending". */
export function pendingOrder(cmd: SubmitOrder, symbol: string, time: number): Order {
  return {
    id: "",
    clientId: cmd.clientId,
    symbol,
    side: cmd.side,
    type: cmd.type,
    price: cmd.type === "limit" ? cmd.price : null,
    qty: cmd.qty,
    filled: 0,
    status: "pending",
    time,
  };
}
