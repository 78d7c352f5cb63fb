/** The UI's state machine: `update(state, msg)` returns the next state and the effects to run. */

import { GROUP_LIST, nextGroup, ORDERBOOK_GROUP_LIST } from "../config/mod.ts";
import { groupTicks } from "../book/mod.ts";
import { type Action, dialogAction, mainBinding } from "./keymap.ts";
import type { UiState, ViewSettings } from "./state.ts";

export type Msg =
  | { readonly kind: "key"; readonly key: string }
  | { readonly kind: "instrument"; readonly pricePrecision: number };

/** Ini keys of [pytrader] the UI writes. */
export type SettingKey =
  | "display_right"
  | "orderbook_group"
  | "orderbook_sum_total"
  | "depth_chart_group"
  | "depth_chart_sum_total";

export type Effect =
  | { readonly kind: "save"; readonly key: SettingKey; readonly value: string }
  | { readonly kind: "quit" }
  | { readonly kind: "strategy_key"; readonly key: string }
  | { readonly kind: "reload_strategies" }
  | { readonly kind: "notice"; readonly message: string };

export function update(state: UiState, msg: Msg): [UiState, Effect[]] {
  if (msg.kind === "instrument") return [{ ...state, pricePrecision: msg.pricePrecision }, []];
  if (state.quitting) return [state, []];
  if (state.dialog !== null) {
    const action = dialogAction(msg.key);
    return action === undefined ? [state, []] : act(state, action, msg.key);
  }
  const binding = mainBinding(msg.key);
  if (binding === undefined) return [state, []];
  if (binding.disabled) {
    return [state, [{ kind: "notice", message: `${binding.label}: ${binding.disabled}` }]];
  }
  return act(state, binding.action, msg.key);
}

function act(state: UiState, action: Action, key: string): [UiState, Effect[]] {
  const v = state.view;
  switch (action) {
    case "quit":
      return [{ ...state, quitting: true, dialog: null }, [{ kind: "quit" }]];
    case "help":
      return [{ ...state, dialog: "help", scroll: 0 }, []];
    case "close":
      return [{ ...state, dialog: null, scroll: 0 }, []];
    case "scroll_up":
      return [{ ...state, scroll: Math.max(0, state.scroll - 1) }, []];
    case "scroll_down":
      return [{ ...state, scroll: state.scroll + 1 }, []];
    case "history_chart":
    case "depth_chart":
      return set(state, { displayRight: action }, "display_right", action);
    case "book_zoom_out":
    case "book_zoom_in": {
      const g = stepGroup(
        ORDERBOOK_GROUP_LIST,
        v.bookGroup,
        action === "book_zoom_out" ? 1 : -1,
        state.pricePrecision,
      );
      return set(state, { bookGroup: g }, "orderbook_group", g);
    }
    case "depth_zoom_out":
    case "depth_zoom_in": {
      const g = stepGroup(
        GROUP_LIST,
        v.depthGroup,
        action === "depth_zoom_out" ? 1 : -1,
        state.pricePrecision,
      );
      return set(state, { depthGroup: g }, "depth_chart_group", g);
    }
    case "book_sum":
      return set(state, { bookSum: !v.bookSum }, "orderbook_sum_total", v.bookSum ? "False" : "True");
    case "depth_sum":
      return set(state, { depthSum: !v.depthSum }, "depth_chart_sum_total", v.depthSum ? "False" : "True");
    case "reload_strategies":
      return [state, [{ kind: "reload_strategies" }]];
    case "strategy_key":
      return [state, [{ kind: "strategy_key", key }]];
    case "buy":
    case "sell":
    case "orders":
      return [state, []];
  }
}

function set(
  state: UiState,
  change: Partial<ViewSettings>,
  key: SettingKey,
  value: string,
): [UiState, Effect[]] {
  return [{ ...state, view: { ...state.view, ...change } }, [{ kind: "save", key, value }]];
}

/**
 * The next group size in `list` (wrapping around). With a known price precision, sizes that group exactly
 * like the current one are skipped: below one price tick everything is ungrouped, and one tick is the same.
 */
export function stepGroup(
  list: readonly string[],
  current: string,
  direction: 1 | -1,
  pricePrecision: number | null,
): string {
  let g = nextGroup(list, current, direction);
  if (pricePrecision === null) return g;
  const now = effectiveTicks(current, pricePrecision);
  for (let i = 0; i < list.length && effectiveTicks(g, pricePrecision) === now; i++) {
    g = nextGroup(list, g, direction);
  }
  return g;
}

/** Group size in ticks, with "no grouping" and "one tick" both 1; -1 for a size that is not whole ticks. */
function effectiveTicks(group: string, pricePrecision: number): number {
  try {
    return Math.max(groupTicks(group, pricePrecision), 1);
  } catch {
    return -1;
  }
}
