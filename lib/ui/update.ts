/** The UI's state machine: `update(state, msg)` returns the next state and the effects to run. */

import { GROUP_LIST, nextGroup, ORDERBOOK_GROUP_LIST } from "../config/mod.ts";
import { groupTicks } from "../book/mod.ts";
import { type Action, dialogAction, disabledReason, mainBinding, NO_ACCOUNT_NOTICE } from "./keymap.ts";
import type { Effect, Msg, SettingKey } from "./msg.ts";
import { formAction, newForm } from "./order_form.ts";
import { emptyList, listAction, refreshList, scrolled } from "./order_list.ts";
import type { Dialog, UiState, ViewSettings } from "./state.ts";

export type { CancelTarget, Effect, Msg, SettingKey } from "./msg.ts";

export function update(state: UiState, msg: Msg): [UiState, Effect[]] {
  switch (msg.kind) {
    case "instrument":
      return [{ ...state, pricePrecision: msg.instrument.pricePrecision, pair: msg.instrument }, []];
    case "trading":
      return [{ ...state, trading: msg.available }, []];
    case "resize": {
      const d = state.dialog;
      const dialog = d?.kind === "orders" ? scrolled(d, msg.height) : d;
      return [{ ...state, screenHeight: msg.height, dialog }, []];
    }
    case "orders": {
      const d = state.dialog;
      if (d?.kind !== "orders") return [state, []];
      return [{ ...state, dialog: refreshList(d, msg.orders, state.screenHeight) }, []];
    }
    case "submitted":
      return [state.dialog?.kind === "order" ? { ...state, dialog: null } : state, []];
    case "denied": {
      const d = state.dialog;
      if (d?.kind !== "order") return [state, []];
      return [{ ...state, dialog: { ...d, confirm: false, note: msg.message } }, []];
    }
    case "key":
      return key(state, msg.key);
  }
}

function key(state: UiState, key: string): [UiState, Effect[]] {
  if (state.quitting) return [state, []];
  const d = state.dialog;
  if (d !== null) {
    const action = dialogAction(d.kind, key);
    if (action === undefined) return [state, []];
    if (action === "quit") return act(state, action, key);
    return inDialog(state, d, action, key);
  }
  const binding = mainBinding(key);
  if (binding === undefined) return [state, []];
  const why = disabledReason(binding, state.trading);
  if (why !== undefined) {
    const text = binding.needsAccount ? NO_ACCOUNT_NOTICE : why;
    return [state, [{ kind: "notice", message: `${binding.label}: ${text}` }]];
  }
  return act(state, binding.action, key);
}

function inDialog(state: UiState, d: Dialog, action: Action, key: string): [UiState, Effect[]] {
  switch (d.kind) {
    case "help":
      if (action === "close") return [{ ...state, dialog: null, scroll: 0 }, []];
      if (action === "move") {
        const scroll = key === "up" ? Math.max(0, state.scroll - 1) : state.scroll + 1;
        return [{ ...state, scroll }, []];
      }
      return [state, []];
    case "order": {
      if (state.pair === null) return [{ ...state, dialog: null }, []];
      const [form, effects] = formAction(d, action, key, state.pair);
      return [{ ...state, dialog: form }, effects];
    }
    case "orders": {
      const [list, effects] = listAction(d, action, key, state.screenHeight);
      return [{ ...state, dialog: list }, effects];
    }
  }
}

function act(state: UiState, action: Action, key: string): [UiState, Effect[]] {
  const v = state.view;
  switch (action) {
    case "quit":
      return [{ ...state, quitting: true, dialog: null }, [{ kind: "quit" }]];
    case "help":
      return [{ ...state, dialog: { kind: "help" }, scroll: 0 }, []];
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
      if (state.pair === null) {
        return [state, [{ kind: "notice", message: `${key.toUpperCase()}: ${WAITING}` }]];
      }
      return [{ ...state, dialog: newForm(action) }, []];
    case "orders":
      if (state.pair === null) return [state, [{ kind: "notice", message: `F6: ${WAITING}` }]];
      return [{ ...state, dialog: emptyList() }, [{ kind: "load_orders" }]];
    default:
      return [state, []];
  }
}

const WAITING = "the market is not loaded yet";

function set(
  state: UiState,
  change: Partial<ViewSettings>,
  key: SettingKey,
  value: string,
): [UiState, Effect[]] {
  return [{ ...state, view: { ...state.view, ...change } }, [{ kind: "save", key, value }]];
}

/**
 * The next group size in `list` (wrapping around). With a known price precision the sizes that group alike
 * are one step: everything up to one price tick groups nothing, so it is "0" (no grouping) where the list
 * has it, else the one-tick size (0.1 at 1 decimal). Both directions therefore visit the same sizes, and
 * the book's zoom in comes back to no grouping.
 */
export function stepGroup(
  list: readonly string[],
  current: string,
  direction: 1 | -1,
  pricePrecision: number | null,
): string {
  if (pricePrecision === null) return nextGroup(list, current, direction);
  const steps = zoomSteps(list, pricePrecision);
  if (steps.length === 0) return nextGroup(list, current, direction);
  const now = effectiveTicks(current, pricePrecision);
  const i = steps.findIndex((s) => s.ticks === now);
  if (i < 0) return steps[0]!.group;
  return steps[(i + direction + steps.length) % steps.length]!.group;
}

/** One entry per distinct effective size, in list order; sizes that are not whole ticks are left out. */
function zoomSteps(list: readonly string[], pricePrecision: number): { group: string; ticks: number }[] {
  const out: { group: string; ticks: number }[] = [];
  for (const group of list) {
    const ticks = effectiveTicks(group, pricePrecision);
    if (ticks < 0) continue;
    const had = out.findIndex((s) => s.ticks === ticks);
    if (had < 0) out.push({ group, ticks });
    // "One tick or less": "0" says it best, else the largest of them (the one-tick size).
    else if (out[had]!.group !== "0") out[had] = { group, ticks };
  }
  return out;
}

/** Group size in ticks, with "no grouping" and "one tick" both 1; -1 for a size that is not whole ticks. */
function effectiveTicks(group: string, pricePrecision: number): number {
  try {
    return Math.max(groupTicks(group, pricePrecision), 1);
  } catch {
    return -1;
  }
}
