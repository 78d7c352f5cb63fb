import { add, formatDecimal, mul, parseDecimal, ZERO } from "../../lib/core/decimal.ts";
import type { Instrument } from "../../lib/core/instrument.ts";
import type { Order, OrderStatus } from "../../lib/core/orders.ts";
import { numberTextTicks, plainDecimalText } from "../../lib/core/number_text.ts";
import type { WsExecution } from "./frames.ts";
import { assetName } from "./symbols.ts";

/**
 * The order an execution report describes, from its own fields where it carries them (pending_new,
 * snapshots), else from `known`: new/canceled updates carry little more than the ids. Null when
 * neither says what the order is. Status and fill are left as known; the caller applies the report.
 */
export function executionOrder(
  item: WsExecution,
  known: Order | undefined,
  instrument: (symbol: string) => Instrument | undefined,
  time: number,
): Order | null {
  const inst = instrument(item.symbol ?? known?.symbol ?? "");
  if (!inst) return null;
  const clientId = item.cl_ord_id ?? known?.clientId ?? "";
  if (known && (item.order_qty === undefined || item.side === undefined)) {
    // An update (amended, restated) may change the quantity or the limit price and nothing else.
    return {
      ...known,
      clientId,
      qty: item.order_qty === undefined ? known.qty : numberTextTicks(item.order_qty, inst.qtyPrecision),
      price: item.limit_price === undefined || known.price === null
        ? known.price
        : numberTextTicks(item.limit_price, inst.pricePrecision),
      time,
    };
  }
  if ((item.side !== "buy" && item.side !== "sell") || item.order_qty === undefined) return null;
  const market = item.order_type === "market";
  return {
    id: item.order_id,
    clientId,
    symbol: inst.symbol,
    side: item.side,
    type: market ? "market" : "limit",
    price: market || item.limit_price === undefined
      ? known?.price ?? null
      : numberTextTicks(item.limit_price, inst.pricePrecision),
    qty: numberTextTicks(item.order_qty, inst.qtyPrecision),
    filled: known?.filled ?? 0,
    status: known?.status ?? "pending",
    time,
  };
}

/** `order_status` of a report to the core status; undefined for values this build does not know. */
export function executionStatus(status: string | undefined): OrderStatus | undefined {
  switch (status) {
    case "pending_new":
      return "pending";
    case "new":
    case "partially_filled":
      return "open";
    case "filled":
      return "filled";
    case "canceled":
    case "expired":
      return "canceled";
    default:
      return undefined;
  }
}

/**
 * A fill's fees in the quote currency as decimal text: fees charged in the base (fee preference fcib)
 * are converted at the fill price, exactly.
 */
export function fillFeeInQuote(item: WsExecution, inst: Instrument): string {
  let total = ZERO;
  for (const fee of item.fees ?? []) {
    const qty = parseDecimal(plainDecimalText(fee.qty));
    const asset = assetName(fee.asset);
    if (asset === inst.quote) total = add(total, qty);
    else if (asset === inst.base && item.last_price !== undefined) {
      total = add(total, mul(qty, parseDecimal(plainDecimalText(item.last_price))));
    }
  }
  return formatDecimal(total);
}

/** RFC 3339 to ms; `fallback` when absent or unreadable. */
export function executionTime(timestamp: string | undefined, fallback: number): number {
  const t = timestamp === undefined ? NaN : Date.parse(timestamp);
  return Number.isFinite(t) ? t : fallback;
}
