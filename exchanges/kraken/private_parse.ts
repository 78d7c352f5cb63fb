import { add, formatDecimal, parseDecimal } from "../../lib/core/decimal.ts";
import type { Balances } from "../../lib/core/events.ts";
import type { Instrument } from "../../lib/core/instrument.ts";
import type { Order, OrderStatus, Side } from "../../lib/core/orders.ts";
import { numberTextTicks, plainDecimalText } from "../../lib/core/number_text.ts";
import type { RestOrder } from "./frames.ts";
import { assetName } from "./symbols.ts";

/** What order answers need to become core orders: REST pair names and the instruments. */
export interface PairLookup {
  /** "XBTUSD", "XXBTZUSD", "XBT/USD" -> "BTC/USD". */
  readonly names: ReadonlyMap<string, string>;
  instrument(symbol: string): Instrument | undefined;
}

/**
 * Balance answer to balances by normalised asset code ("XXBT" -> "BTC"), amounts as plain decimal text;
 * throws RangeError for an amount that is not a number.
 */
export function balancesFromRest(result: Readonly<Record<string, unknown>>): Balances {
  const out: Record<string, string> = {};
  for (const [code, amount] of Object.entries(result)) {
    const text = plainDecimalText(String(amount));
    const value = parseDecimal(text);
    const asset = assetName(code);
    // Two codes for one asset are summed, never one silently replacing the other.
    out[asset] = asset in out ? formatDecimal(add(parseDecimal(out[asset]!), value)) : text;
  }
  return out;
}

/** One order of an OpenOrders, ClosedOrders or QueryOrders answer; throws RangeError when it does not fit. */
export function orderFromRest(txid: string, o: RestOrder, pairs: PairLookup): Order {
  const symbol = pairs.names.get(o.descr?.pair);
  const inst = symbol === undefined ? undefined : pairs.instrument(symbol);
  if (!inst) throw new RangeError(`order ${txid}: unknown pair "${o.descr?.pair}"`);
  const side = o.descr.type;
  if (side !== "buy" && side !== "sell") throw new RangeError(`order ${txid}: side "${side}"`);
  const market = o.descr.ordertype === "market";
  const qty = numberTextTicks(String(o.vol), inst.qtyPrecision);
  const filled = numberTextTicks(String(o.vol_exec), inst.qtyPrecision);
  return {
    id: txid,
    clientId: typeof o.cl_ord_id === "string" ? o.cl_ord_id : "",
    symbol: inst.symbol,
    side: side as Side,
    type: market ? "market" : "limit",
    price: market ? null : numberTextTicks(String(o.descr.price), inst.pricePrecision),
    qty,
    filled,
    status: restStatus(o.status, qty, filled),
    time: secondsToMs(o.closetm ?? o.opentm),
  };
}

/**
 * Every order of a `{txid: order}` map that fits; `onSkip` hears about the others (pairs this build
 * does not know, odd values) so one strange order does not hide the rest.
 */
export function ordersFromRest(
  map: Readonly<Record<string, RestOrder>> | undefined,
  pairs: PairLookup,
  onSkip: (txid: string, reason: string) => void,
): Order[] {
  const out: Order[] = [];
  for (const [txid, o] of Object.entries(map ?? {})) {
    try {
      out.push(orderFromRest(txid, o, pairs));
    } catch (e) {
      onSkip(txid, e instanceof Error ? e.message : String(e));
    }
  }
  return out;
}

/** A closed order is filled when all of it executed; otherwise what was left went away unfilled. */
function restStatus(status: string, qty: number, filled: number): OrderStatus {
  switch (status) {
    case "pending":
      return "pending";
    case "open":
      return "open";
    case "closed":
      return filled >= qty ? "filled" : "canceled";
    case "canceled":
    case "expired":
      return "canceled";
    default:
      throw new RangeError(`status "${status}"`);
  }
}

function secondsToMs(t: string | undefined): number {
  const n = Number(t);
  return Number.isFinite(n) ? Math.round(n * 1000) : 0;
}
