/** Main-log lines for what happens to orders placed or canceled from the dialogs. */

import { errorText } from "../core/errors.ts";
import type { Side } from "../core/orders.ts";
import { formatTicksShort } from "../core/ticks.ts";
import type { CancelTarget } from "./msg.ts";
import type { PortOrder } from "./port.ts";
import type { PairInfo } from "./state.ts";

export interface LogLine {
  readonly level: "info" | "warn" | "error";
  readonly message: string;
}

interface OrderFacts {
  readonly side: Side;
  readonly price: number | null;
  readonly qty: number;
}

/** "buy 0.5 ETH at 0.021 XBT", "sell 2 ETH at market". */
export function describeOrder(o: OrderFacts, pair: PairInfo): string {
  const qty = formatTicksShort(o.qty, pair.qtyPrecision);
  const at = o.price === null
    ? "at market"
    : `at ${formatTicksShort(o.price, pair.pricePrecision)} ${pair.quote}`;
  return `${o.side} ${qty} ${pair.base} ${at}`;
}

/** The order as typed in the dialog (decimal text; price null = market). */
export function describeRequest(side: Side, price: string | null, volume: string, pair: PairInfo): string {
  return `${side} ${volume} ${pair.base} ${price === null ? "at market" : `at ${price} ${pair.quote}`}`;
}

export function cancelingLine(orders: readonly CancelTarget[], pair: PairInfo): LogLine {
  const what = orders.length === 1 ? describeOrder(orders[0]!, pair) : `${orders.length} orders`;
  return { level: "info", message: `Canceling ${what}` };
}

/** What the engine answered to a cancel, when the engine's own log does not say it (not canceled). */
export function canceledLine(t: CancelTarget, o: PortOrder, pair: PairInfo): LogLine | null {
  if (o.status === "canceled") return null;
  return { level: "warn", message: `Order not canceled, it is ${o.status}: ${describeOrder(t, pair)}` };
}

export function cancelFailedLine(t: CancelTarget, error: unknown, pair: PairInfo): LogLine {
  return { level: "warn", message: `Cannot cancel ${describeOrder(t, pair)}: ${errorText(error)}` };
}

export { errorText };
