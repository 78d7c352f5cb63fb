import type { AccountEvent } from "../../lib/core/events.ts";
import type { Instrument } from "../../lib/core/instrument.ts";
import { KnownOrders } from "../../lib/core/known_orders.ts";
import { numberTextTicks } from "../../lib/core/number_text.ts";
import { executionOrder, executionStatus, executionTime, fillFeeInQuote } from "./execution_parse.ts";
import type { WsExecution } from "./frames.ts";

/** What applying a report gave: events to publish, or the id of an order whose details are unknown. */
export interface Applied {
  readonly events: AccountEvent[];
  readonly unknown?: string;
}

/**
 * The account's orders as the venue reported them, by venue id: execution reports only describe an order
 * fully when it starts (pending_new, snapshot), so later reports (new, trade, canceled) are applied to
 * what is known here. REST answers (AddOrder, OpenOrders, QueryOrders) are remembered too.
 */
export class OwnOrders extends KnownOrders {
  #instrument: (symbol: string) => Instrument | undefined;

  constructor(instrument: (symbol: string) => Instrument | undefined) {
    super();
    this.#instrument = instrument;
  }

  /** One report of the executions channel (update, or a snapshot item of an open order). */
  apply(item: WsExecution, now: number): Applied {
    const known = this.get(item.order_id);
    const time = executionTime(item.timestamp, now);
    const base = executionOrder(item, known, this.#instrument, time);
    if (!base) return { events: [], unknown: item.order_id };
    const inst = this.#instrument(base.symbol)!;
    const cum = item.cum_qty === undefined ? undefined : numberTextTicks(item.cum_qty, inst.qtyPrecision);
    const status = executionStatus(item.order_status) ?? base.status;
    switch (item.exec_type) {
      case "trade": {
        const qty = numberTextTicks(item.last_qty ?? "0", inst.qtyPrecision);
        const filled = cum ?? base.filled + qty;
        const order = this.set({ ...base, filled, status: filled >= base.qty ? "filled" : status });
        return {
          events: [{
            kind: "OrderFilled",
            order,
            price: numberTextTicks(item.last_price ?? "0", inst.pricePrecision),
            qty,
            fee: fillFeeInQuote(item, inst),
            liquidity: item.liquidity_ind === "m" ? "maker" : "taker",
            time,
          }],
        };
      }
      case "filled": {
        // Normally a trade report said it all; a fill missed while away is reported at the average price.
        const filled = cum ?? base.qty;
        const order = this.set({ ...base, filled, status: "filled" });
        if (base.status === "filled" || filled <= base.filled) return { events: [] };
        const price = item.avg_price ?? item.last_price;
        return {
          events: [{
            kind: "OrderFilled",
            order,
            price: price === undefined ? base.price ?? 0 : numberTextTicks(price, inst.pricePrecision),
            qty: filled - base.filled,
            fee: "0",
            liquidity: item.liquidity_ind === "m" ? "maker" : "taker",
            time,
          }],
        };
      }
      case "canceled":
      case "expired": {
        const order = this.set({ ...base, filled: cum ?? base.filled, status: "canceled" });
        return { events: [{ kind: "OrderCanceled", order, time }] };
      }
      case "pending_new":
        this.set({ ...base, status: "pending" });
        return { events: [] };
      default: {
        // new, amended, restated, and snapshot reports of open orders: the order as it now stands.
        const order = this.set({ ...base, filled: cum ?? base.filled, status });
        return { events: order.status === "open" ? [{ kind: "OrderAccepted", order }] : [] };
      }
    }
  }
}
