/** What the UI itself holds: view settings (mirrored in the ini) and the open dialog. Market data is not here. */

import type { Settings } from "../config/mod.ts";
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

export interface UiState {
  readonly view: ViewSettings;
  readonly dialog: "help" | null;
  /** First visible row of the dialog. */
  readonly scroll: number;
  /** Decimals of a price once the instrument is known; zoom skips sizes that group nothing differently. */
  readonly pricePrecision: number | null;
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

export function initialState(view: ViewSettings): UiState {
  return { view, dialog: null, scroll: 0, pricePrecision: null, quitting: false };
}
