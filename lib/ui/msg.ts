/** Messages into `update` and the effects it asks the runtime (app.ts) to carry out. */

import type { Side } from "../core/orders.ts";
import type { PortOrder } from "./port.ts";
import type { PairInfo } from "./state.ts";

export type Msg =
  | { readonly kind: "key"; readonly key: string }
  | { readonly kind: "instrument"; readonly instrument: PairInfo }
  /** Whether an order engine is there (it may appear once the trader has started). */
  | { readonly kind: "trading"; readonly available: boolean }
  | { readonly kind: "resize"; readonly height: number }
  /** The engine's orders, for the open order list. */
  | { readonly kind: "orders"; readonly orders: readonly PortOrder[] }
  /** The engine took the order from the open dialog. */
  | { readonly kind: "submitted" }
  /** The engine refused the order from the open dialog before sending it. */
  | { readonly kind: "denied"; readonly message: string };

/** Ini keys of [pytrader] the UI writes. */
export type SettingKey =
  | "display_right"
  | "orderbook_group"
  | "orderbook_sum_total"
  | "depth_chart_group"
  | "depth_chart_sum_total";

/** An order to cancel, and how to name it in the log. */
export interface CancelTarget {
  readonly id: string;
  readonly side: Side;
  readonly price: number | null;
  readonly qty: number;
  readonly filled: number;
}

export type Effect =
  | { readonly kind: "save"; readonly key: SettingKey; readonly value: string }
  | { readonly kind: "quit" }
  | { readonly kind: "strategy_key"; readonly key: string }
  | { readonly kind: "reload_strategies" }
  | { readonly kind: "notice"; readonly message: string }
  /** Price and volume are decimal text as typed (tidied); price null = market order. */
  | { readonly kind: "submit"; readonly side: Side; readonly price: string | null; readonly volume: string }
  /** Answer with an "orders" message. */
  | { readonly kind: "load_orders" }
  | { readonly kind: "cancel"; readonly orders: readonly CancelTarget[] };
