/** Carries out the order dialogs' effects on the engine; what happens is told through `say` (main log). */

import { errorText, OrderDenied } from "../core/errors.ts";
import type { CancelTarget, Msg } from "./msg.ts";
import {
  canceledLine,
  cancelFailedLine,
  cancelingLine,
  describeRequest,
  type LogLine,
} from "./order_text.ts";
import type { OrderPort, PortOrder, PortSubmit } from "./port.ts";
import type { PairInfo } from "./state.ts";

export type Say = (line: LogLine) => void;

const NO_ENGINE = "No exchange account: view-only";

/**
 * Hands the dialog's order to the engine; answers "submitted" (the dialog closes) or "denied" with the
 * reason (the dialog stays open to fix it). The engine logs the order's outcome.
 */
export function submitOrder(
  engine: OrderPort | null,
  pair: PairInfo | null,
  order: { readonly side: "buy" | "sell"; readonly price: string | null; readonly volume: string },
  say: Say,
): Msg {
  if (engine === null || pair === null) return { kind: "denied", message: NO_ENGINE };
  const text = describeRequest(order.side, order.price, order.volume, pair);
  let sent: PortSubmit;
  try {
    sent = engine.submit({ side: order.side, price: order.price, volume: order.volume, owner: "ui" });
  } catch (err) {
    // A refusal by a local check explains itself; anything else is a fault worth an error line.
    if (err instanceof OrderDenied) say({ level: "warn", message: err.message });
    else say({ level: "error", message: `Cannot place ${text}: ${errorText(err)}` });
    return { kind: "denied", message: errorText(err) };
  }
  // The engine logs what becomes of the order (sent, open, filled, rejected, unknown) for every owner.
  sent.settled.catch((err) => say({ level: "error", message: `Cannot place ${text}: ${errorText(err)}` }));
  return { kind: "submitted" };
}

/** Asks the engine to cancel each order; each answer is said as it comes. */
export function cancelOrders(
  engine: OrderPort | null,
  pair: PairInfo | null,
  orders: readonly CancelTarget[],
  say: Say,
): void {
  if (engine === null || pair === null) {
    say({ level: "warn", message: `Cannot cancel: ${NO_ENGINE}` });
    return;
  }
  say(cancelingLine(orders, pair));
  for (const t of orders) {
    let done: Promise<PortOrder>;
    try {
      done = engine.cancel(t.id);
    } catch (err) {
      done = Promise.reject(err);
    }
    done.then((o) => {
      const line = canceledLine(t, o, pair);
      if (line) say(line);
    }, (err) => say(cancelFailedLine(t, err, pair)));
  }
}
