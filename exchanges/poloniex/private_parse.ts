import { add, formatDecimal, parseDecimal } from "../../lib/core/decimal.ts";
import type { Balances } from "../../lib/core/events.ts";
import type { Instrument } from "../../lib/core/instrument.ts";
import type { Order, OrderStatus } from "../../lib/core/orders.ts";
import { numberTextTicks, plainDecimalText } from "../../lib/core/number_text.ts";
import type { RestAccount, RestOrder, WsOrderEvent } from "./frames.ts";
import type { VenuePairs } from "./parse.ts";
import { time } from "./rest_parse.ts";

/**
 * `GET /accounts/balances` (protocols.md §5.2.5) to what each asset holds in the spot account: `available`
 * plus `hold` (what open orders hold), as PyTrader's balances are totals. Throws RangeError for a value
 * that is not a decimal number.
 */
export function balancesFromRest(list: unknown): Balances {
  if (!Array.isArray(list)) throw new RangeError("the balances answer is not a list");
  const out: Record<string, string> = {};
  for (const account of list as RestAccount[]) {
    if (account?.accountType !== undefined && account.accountType !== "SPOT") continue;
    for (const b of account?.balances ?? []) out[String(b.currency).toUpperCase()] = assetTotal(b);
  }
  return out;
}

/** What an asset holds in all, `available` plus `hold`, as decimal text; RangeError for a value not a number. */
export function assetTotal(b: { readonly available: string; readonly hold: string }): string {
  return formatDecimal(
    add(parseDecimal(plainDecimalText(String(b.available))), parseDecimal(plainDecimalText(String(b.hold)))),
  );
}

/** An order's `state` to the core status (protocols.md §5.2.5 lists the states). */
export function orderStatus(state: string): OrderStatus {
  switch (state) {
    case "PENDING_NEW":
      return "pending";
    case "NEW":
    case "PARTIALLY_FILLED":
    // Asked to cancel, not canceled yet: it may still fill.
    case "PENDING_CANCEL":
      return "open";
    case "FILLED":
      return "filled";
    case "CANCELED":
    case "PARTIALLY_CANCELED":
    case "EXPIRED":
      return "canceled";
    case "REJECTED":
    case "FAILED":
      return "rejected";
    default:
      throw new RangeError(`state "${state}"`);
  }
}

/**
 * One order of `GET /orders`, `/orders/{id}` or `/orders/cid:{id}` in ticks. A market buy placed by quote
 * amount has `quantity` "0": its size is what it filled.
 */
export function orderFromRest(o: RestOrder, pairs: VenuePairs): Order {
  const { ordered, ...facts } = orderFacts(o, pairOf(pairs, o.symbol));
  return {
    ...facts,
    id: String(o.id),
    clientId: typeof o.clientOrderId === "string" ? o.clientOrderId : "",
    qty: ordered > 0 ? ordered : facts.filled,
    time: time(o.updateTime ?? o.createTime, 0),
  };
}

/** The instrument of a Poloniex pair name; RangeError when the markets list has no such pair. */
export function pairOf(pairs: VenuePairs, name: string): Instrument {
  const inst = pairs.get(name);
  if (!inst) throw new RangeError(`unknown pair "${name}"`);
  return inst;
}

/**
 * What every Poloniex description of an order says, in ticks: pair, side, type, the limit price, what was
 * ordered (0 for a market buy placed by quote amount) and filled, the status. RangeError for what it cannot read.
 */
export function orderFacts(
  o: RestOrder | WsOrderEvent,
  inst: Instrument,
): Pick<Order, "symbol" | "side" | "type" | "price" | "filled" | "status"> & { readonly ordered: number } {
  const side = String(o.side).toLowerCase();
  if (side !== "buy" && side !== "sell") throw new RangeError(`side "${o.side}"`);
  const market = o.type === "MARKET";
  return {
    symbol: inst.symbol,
    side,
    type: market ? "market" : "limit",
    price: market ? null : numberTextTicks(String(o.price), inst.pricePrecision),
    ordered: numberTextTicks(String(o.quantity ?? "0"), inst.qtyPrecision),
    filled: numberTextTicks(String(o.filledQuantity ?? "0"), inst.qtyPrecision),
    status: orderStatus(o.state),
  };
}

/**
 * Every order of a list that this build can read; `onSkip` hears about the others (pairs it does not know,
 * odd values), so one strange order does not hide the rest.
 */
export function ordersFromRest(
  list: unknown,
  pairs: VenuePairs,
  onSkip: (id: string, why: string) => void,
): Order[] {
  if (!Array.isArray(list)) throw new RangeError("the orders answer is not a list");
  const out: Order[] = [];
  for (const o of list as RestOrder[]) {
    try {
      out.push(orderFromRest(o, pairs));
    } catch (e) {
      onSkip(String(o?.id), e instanceof Error ? e.message : String(e));
    }
  }
  return out;
}
