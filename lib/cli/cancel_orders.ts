import { InvalidOrder, OrderNotFound } from "../core/mod.ts";
import type { OrderEngine } from "../engine/mod.ts";
import { errorKind } from "./exit_codes.ts";
import { type OrderJson, orderJson } from "./order_view.ts";

/** One order asked to be canceled: canceled, or why not. */
export type CancelResult =
  | { readonly id: string; readonly canceled: OrderJson }
  | { readonly id: string; readonly failure: CancelFailure };

export interface CancelFailure {
  /** `Cannot cancel order "X" on kraken: EOrder:Unknown order`. */
  readonly reason: string;
  /** The error's class name, as `--json` reports kinds. */
  readonly kind: string;
  readonly error: unknown;
}

/**
 * Cancels each id through the engine that knows it, all at once; an id no engine knows is reported, not
 * sent (the venue has just listed every open order). Results come in the order of `ids`.
 */
export function cancelOrders(
  venue: string,
  engines: readonly OrderEngine[],
  ids: readonly string[],
): Promise<CancelResult[]> {
  return Promise.all([...new Set(ids)].map(async (id): Promise<CancelResult> => {
    const engine = engines.find((e) => e.order(id) !== undefined);
    try {
      if (!engine) {
        throw new OrderNotFound(`Cannot cancel order "${id}" on ${venue}: no open order has this id`);
      }
      const o = await engine.cancel(id);
      if (o.status !== "canceled") {
        throw new InvalidOrder(`Cannot cancel order "${id}" on ${venue}: it is ${o.status}`);
      }
      return { id, canceled: orderJson(o, engine.instrument) };
    } catch (e) {
      return { id, failure: { reason: cancelReason(id, venue, e), kind: errorKind(e), error: e } };
    }
  }));
}

/** The error as `Cannot cancel order "X" on <venue>: <detail>`, whatever words the layer below used. */
function cancelReason(id: string, venue: string, e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  const detail = text.replace(/^Cannot [^:]*: /, "");
  return `Cannot cancel order "${id}" on ${venue}: ${detail}`;
}
