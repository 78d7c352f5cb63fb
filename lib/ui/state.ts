/** What the UI itself holds: view settings (mirrored in the ini) and the open dialog. Market data is not here. */

import type { Settings } from "../config/mod.ts";
import type { OrderStatus, Side } from "../core/orders.ts";
import type { ConsoleFilters } from "./views/console.ts";

export type DisplayRight = "history_chart" | "depth_chart";

export interface ViewSettings {
  readonly displayRight: DisplayRight;
  /** Decimal text, "0" = no grouping. */
  readonly bookGroup: string;
  readonly bookSum: boolean;
  /** Decimal text. */
  readonly depthGroup: string;
  readonly depthSum: boolean;
  readonly showStats: boolean;
  readonly highlight: boolean;
  readonly xtermTitle: boolean;
  readonly filters: ConsoleFilters;
}

/** What the dialogs need of the instrument (lib/core Instrument fits). */
export interface PairInfo {
  readonly base: string;
  readonly quote: string;
  readonly pricePrecision: number;
  readonly qtyPrecision: number;
  /** Smallest price step in price ticks. */
  readonly priceIncrement: number;
}

export type Field = "price" | "volume";

/** The F4/F5 dialog. Texts are decimal text as typed (digits and at most one dot, within the decimals). */
export interface OrderForm {
  readonly kind: "order";
  readonly side: Side;
  readonly price: string;
  readonly volume: string;
  readonly focus: Field;
  /** The market order question is shown (empty or 0 price). */
  readonly confirm: boolean;
  /** Why the last move or submit was refused, shown in the dialog until the next edit. */
  readonly note: string | null;
}

/** One row of the F6 list: a snapshot of an open, pending or unknown order. */
export interface ListItem {
  /** Stable across refreshes: the client id, else the venue id. */
  readonly key: string;
  /** What to cancel by: the venue id once known, else the client id. */
  readonly cancelId: string;
  readonly side: Side;
  /** Price ticks; null for market orders. */
  readonly price: number | null;
  /** Qty ticks. */
  readonly qty: number;
  readonly filled: number;
  readonly status: OrderStatus;
  readonly owner: string;
}

/** The F6 dialog. */
export interface OrderList {
  readonly kind: "orders";
  /** Sorted by price, highest first. */
  readonly items: readonly ListItem[];
  readonly cursor: number;
  /** First visible item. */
  readonly top: number;
  /** Keys of the selected items. */
  readonly selected: readonly string[];
}

export type Dialog = { readonly kind: "help" } | OrderForm | OrderList;

export interface UiState {
  readonly view: ViewSettings;
  readonly dialog: Dialog | null;
  /** First visible row of the help. */
  readonly scroll: number;
  /** Decimals of a price once the instrument is known; zoom skips sizes that group nothing differently. */
  readonly pricePrecision: number | null;
  /** The instrument once known (the order dialogs need it). */
  readonly pair: PairInfo | null;
  /** An order engine (exchange account or paper) is there: F4/F5/F6 work. */
  readonly trading: boolean;
  /** Terminal rows (the order list scrolls by what fits). */
  readonly screenHeight: number;
  readonly quitting: boolean;
}

export function viewSettings(p: Settings["pytrader"]): ViewSettings {
  return {
    displayRight: p.display_right,
    bookGroup: p.orderbook_group,
    bookSum: p.orderbook_sum_total,
    depthGroup: p.depth_chart_group,
    depthSum: p.depth_chart_sum_total,
    showStats: p.show_orderbook_stats,
    highlight: p.highlight_changes,
    xtermTitle: p.set_xterm_title,
    filters: { ticker: p.show_ticker, depth: p.show_depth, trade: p.show_trade, tradeOwn: p.show_trade_own },
  };
}

export function initialState(view: ViewSettings, screenHeight = 24): UiState {
  return {
    view,
    dialog: null,
    scroll: 0,
    pricePrecision: null,
    pair: null,
    trading: false,
    screenHeight,
    quitting: false,
  };
}
