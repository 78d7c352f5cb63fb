/** Main-log lines for what happens to orders placed or canceled from the dialogs. */

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

export function sentLine(text: string, clientId: string): LogLine {
  return { level: "info", message: `Order sent: ${text} (client id ${clientId})` };
}

/** The outcome of a submit, once the engine knows it. */
export function settledLine(o: PortOrder, pair: PairInfo): LogLine {
  const d = describeOrder(o, pair);
  switch (o.status) {
    case "open": {
      const id = o.id !== "" ? ` (id ${o.id})` : "";
      const filled = o.filled > 0
        ? `, ${formatTicksShort(o.filled, pair.qtyPrecision)} ${pair.base} filled`
        : "";
      return { level: "info", message: `Order open: ${d}${id}${filled}` };
    }
    case "filled":
      return { level: "info", message: `Order filled: ${d}` };
    case "canceled":
      return { level: "info", message: `Order canceled: ${d}` };
    case "rejected":
      return { level: "warn", message: `Order rejected: ${d}: ${o.error ?? "no reason given"}` };
    case "unknown":
      return { level: "warn", message: `Order outcome unknown, awaiting reconciliation: ${d}` };
    case "pending":
      return { level: "info", message: `Order pending: ${d}` };
  }
}

export function cancelingLine(orders: readonly CancelTarget[], pair: PairInfo): LogLine {
  const what = orders.length === 1 ? describeOrder(orders[0]!, pair) : `${orders.length} orders`;
  return { level: "info", message: `Canceling ${what}` };
}

/** What the engine answered to a cancel. */
export function canceledLine(t: CancelTarget, o: PortOrder, pair: PairInfo): LogLine {
  const d = describeOrder(t, pair);
  if (o.status === "canceled") return { level: "info", message: `Order canceled: ${d}` };
  return { level: "warn", message: `Order not canceled, it is ${o.status}: ${d}` };
}

export function cancelFailedLine(t: CancelTarget, error: unknown, pair: PairInfo): LogLine {
  return { level: "warn", message: `Cannot cancel ${describeOrder(t, pair)}: ${errorText(error)}` };
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
