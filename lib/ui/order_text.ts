/** Main-log lines for what happens to orders placed or canceled from the dialogs. */

import { errorText } from "../core/errors.ts";
import type { Side } from "../core/orders.ts";
import { formatTicks, parseTicks } from "../core/ticks.ts";
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

/** "buy 0.50000000 ETH at 0.02100 XBT", "sell 2.00000000 ETH at market": numbers at the pair's decimals. */
export function describeOrder(o: OrderFacts, pair: PairInfo): string {
  const qty = formatTicks(o.qty, pair.qtyPrecision);
  const at = o.price === null ? "at market" : `at ${formatTicks(o.price, pair.pricePrecision)} ${pair.quote}`;
  return `${o.side} ${qty} ${pair.base} ${at}`;
}

/** The order as typed in the dialog (decimal text; price null = market), at the pair's decimals. */
export function describeRequest(side: Side, price: string | null, volume: string, pair: PairInfo): string {
  const at = price === null ? "at market" : `at ${atDecimals(price, pair.pricePrecision)} ${pair.quote}`;
  return `${side} ${atDecimals(volume, pair.qtyPrecision)} ${pair.base} ${at}`;
}

/** Typed decimal text padded to `precision` decimals; text that does not read as such is kept as typed. */
function atDecimals(text: string, precision: number): string {
  try {
    return formatTicks(parseTicks(text, precision), precision);
  } catch {
    return text;
  }
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
