import { formatDecimal, mul, parseDecimal } from "../../lib/core/decimal.ts";
import type { AccountEvent } from "../../lib/core/events.ts";
import { KnownOrders } from "../../lib/core/known_orders.ts";
import type { Order } from "../../lib/core/orders.ts";
import { numberTextTicks, plainDecimalText } from "../../lib/core/number_text.ts";
import type { WsOrderEvent } from "./frames.ts";
import type { VenuePairs } from "./parse.ts";
import { orderFacts, pairOf } from "./private_parse.ts";
import { time } from "./rest_parse.ts";

/**
 * The account's orders as the venue reported them, by venue id: REST answers (placed, listed, looked up) and
 * the private `orders` channel, whose events describe the whole order each time (protocols.md §5.2.6).
 */
export class OwnOrders extends KnownOrders {
  /**
   * One event of the `orders` channel: `place` becomes OrderAccepted, `trade` OrderFilled (with the fee in the
   * quote currency), `canceled` OrderCanceled. Throws RangeError for values it cannot read.
   */
  apply(ev: WsOrderEvent, pairs: VenuePairs, now: number): AccountEvent[] {
    const inst = pairOf(pairs, ev.symbol);
    const { ordered, filled, ...facts } = orderFacts(ev, inst);
    const id = String(ev.orderId);
    const known = this.get(id);
    const at = time(ev.ts ?? ev.createTime, now);
    const order: Order = {
      ...facts,
      id,
      clientId: ev.clientOrderId || known?.clientId || "",
      qty: ordered > 0 ? ordered : Math.max(known?.qty ?? 0, filled),
      filled: Math.max(filled, known?.filled ?? 0),
      time: at,
    };
    switch (ev.eventType) {
      case "place":
        this.set(order);
        return order.status === "open" ? [{ kind: "OrderAccepted", order }] : [];
      case "trade": {
        const qty = numberTextTicks(String(ev.tradeQty ?? "0"), inst.qtyPrecision);
        this.set(order);
        if (qty <= 0) return [];
        const price = numberTextTicks(String(ev.tradePrice ?? ev.price), inst.pricePrecision);
        return [{
          kind: "OrderFilled",
          order,
          price,
          qty,
          fee: feeInQuote(ev, inst.base, inst.quote),
          liquidity: ev.matchRole === "MAKER" ? "maker" : "taker",
          time: time(ev.tradeTime ?? ev.ts, now),
        }];
      }
      case "canceled": {
        const canceled = { ...order, status: order.status === "filled" ? "filled" : "canceled" } as Order;
        this.set(canceled);
        return [{ kind: "OrderCanceled", order: canceled, time: at }];
      }
      default:
        // Other events (amendments, rejections of a cancel): the order as it stands, nothing to announce.
        this.set(order);
        return [];
    }
  }
}

/** A trade's fee in the quote currency: as charged, or converted at the trade price when charged in the base. */
function feeInQuote(ev: WsOrderEvent, base: string, quote: string): string {
  const fee = parseDecimal(plainDecimalText(String(ev.tradeFee ?? "0")));
  const currency = String(ev.feeCurrency ?? "").toUpperCase();
  if (currency === base) {
    return formatDecimal(mul(fee, parseDecimal(plainDecimalText(String(ev.tradePrice)))));
  }
  // Quote, or no currency given; a fee paid in another token (a discount currency) is not a quote amount.
  return currency === quote || currency === "" ? formatDecimal(fee) : "0";
}
