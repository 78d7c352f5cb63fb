/**
 * Every key as data: the help screen, the README key table and the key handling all read this one table,
 * so they cannot drift apart.
 */

export type Action =
  | "quit"
  | "help"
  | "history_chart"
  | "depth_chart"
  | "book_zoom_out"
  | "book_zoom_in"
  | "book_sum"
  | "depth_zoom_out"
  | "depth_zoom_in"
  | "depth_sum"
  | "reload_strategies"
  | "strategy_key"
  | "buy"
  | "sell"
  | "orders"
  // in dialogs; what they do depends on the dialog (update.ts)
  | "close"
  | "move"
  | "next_field"
  | "enter"
  | "type"
  | "backspace"
  | "select"
  | "cancel_orders";

/** Where a key works: the main screen, every dialog, or one kind of dialog. */
export type Scope = "main" | "dialog" | "help" | "order" | "orders";

export interface KeyBinding {
  /** Key names as the renderer reports them: printable characters as themselves, "f1", "escape", "C-c". */
  readonly keys: readonly string[];
  /** How the key is written for people. */
  readonly label: string;
  readonly description: string;
  readonly action: Action;
  /** Default "main". */
  readonly scope?: Scope;
  /** Why the key does nothing in this version; shown in the help and the README. */
  readonly disabled?: string;
  /** Works only with an order engine (an exchange account, or paper trading). */
  readonly needsAccount?: boolean;
}

/** Letters routed to strategies: a–z except q (quit) and l (reload). */
export const STRATEGY_LETTERS: readonly string[] = [..."abcdefghijkmnoprstuvwxyz"];

/** Why F4/F5/F6 are unavailable without an order engine (help screen and README). */
export const NEEDS_ACCOUNT = "needs an account or --paper";
/** The same, in the log when such a key is pressed. */
export const NO_ACCOUNT_NOTICE =
  "view-only, no exchange account: add one with pytrader --add-secret, or start with --paper";

export const KEYMAP: readonly KeyBinding[] = [
  { keys: ["q"], label: "q", description: "quit", action: "quit" },
  { keys: ["C-c"], label: "Ctrl-C", description: "quit", action: "quit" },
  { keys: ["?", "f1"], label: "? / F1", description: "show this key table", action: "help" },
  { keys: ["H"], label: "H", description: "candlestick history chart on the right", action: "history_chart" },
  { keys: ["D"], label: "D", description: "depth chart on the right", action: "depth_chart" },
  {
    keys: ["-"],
    label: "-",
    description: "order book zoom out (larger price groups)",
    action: "book_zoom_out",
  },
  {
    keys: ["+"],
    label: "+",
    description: "order book zoom in (smaller price groups, then none)",
    action: "book_zoom_in",
  },
  { keys: ["S"], label: "S", description: "order book: per-level / cumulative volume", action: "book_sum" },
  {
    keys: [","],
    label: ",",
    description: "depth chart zoom out (larger price bins)",
    action: "depth_zoom_out",
  },
  {
    keys: ["."],
    label: ".",
    description: "depth chart zoom in (smaller price bins, down to one tick)",
    action: "depth_zoom_in",
  },
  { keys: ["T"], label: "T", description: "depth chart: per-bin / cumulative volume", action: "depth_sum" },
  {
    keys: ["l"],
    label: "l",
    description: "reload the strategies from their files",
    action: "reload_strategies",
  },
  {
    keys: STRATEGY_LETTERS,
    label: "a–z",
    description: "sent to every loaded strategy (all letters but q and l)",
    action: "strategy_key",
  },
  { keys: ["f4"], label: "F4", description: "new buy order", action: "buy", needsAccount: true },
  { keys: ["f5"], label: "F5", description: "new sell order", action: "sell", needsAccount: true },
  {
    keys: ["f6"],
    label: "F6",
    description: "list and cancel own orders",
    action: "orders",
    needsAccount: true,
  },
  {
    keys: ["escape", "f10", "q"],
    label: "Esc / F10 / q",
    description: "close the dialog (at the market order question: no)",
    action: "close",
    scope: "dialog",
  },
  {
    keys: ["up", "down"],
    label: "Up / Down",
    description: "scroll the key table; other order field; move in the list",
    action: "move",
    scope: "dialog",
  },
  { keys: ["?", "f1"], label: "? / F1", description: "close the key table", action: "close", scope: "help" },
  {
    keys: [..."0123456789."],
    label: "0–9 / .",
    description: "order dialog: digits and one dot; empty or 0 price = market",
    action: "type",
    scope: "order",
  },
  {
    keys: ["backspace"],
    label: "Backspace",
    description: "order dialog: delete the last character",
    action: "backspace",
    scope: "order",
  },
  {
    keys: ["tab"],
    label: "Tab",
    description: "order dialog: other field (leaves a price only when valid)",
    action: "next_field",
    scope: "order",
  },
  {
    keys: ["enter"],
    label: "Enter",
    description: "order dialog: next field; on the volume: submit",
    action: "enter",
    scope: "order",
  },
  {
    keys: ["insert", "="],
    label: "INS / =",
    description: "order list: select or unselect, and move down",
    action: "select",
    scope: "orders",
  },
  {
    keys: ["f8"],
    label: "F8",
    description: "order list: cancel the selected or highlighted orders, close",
    action: "cancel_orders",
    scope: "orders",
  },
];

const BY_SCOPE = new Map<Scope, Map<string, KeyBinding>>();
for (const b of KEYMAP) {
  const scope = b.scope ?? "main";
  let map = BY_SCOPE.get(scope);
  if (!map) BY_SCOPE.set(scope, map = new Map());
  for (const k of b.keys) map.set(k, b);
}

/** The binding of a key on the main screen, or undefined for keys that do nothing (ignored quietly). */
export function mainBinding(key: string): KeyBinding | undefined {
  return BY_SCOPE.get("main")!.get(key);
}

/** The action of a key in an open dialog of `kind`: its own keys first, then those of every dialog. */
export function dialogAction(kind: "help" | "order" | "orders", key: string): Action | undefined {
  if (key === "C-c") return "quit";
  return (BY_SCOPE.get(kind)?.get(key) ?? BY_SCOPE.get("dialog")!.get(key))?.action;
}

/** Why a binding does nothing now (undefined: it works). */
export function disabledReason(b: KeyBinding, trading: boolean): string | undefined {
  return b.disabled ?? (b.needsAccount && !trading ? NEEDS_ACCOUNT : undefined);
}

function describe(b: KeyBinding, trading: boolean): string {
  const why = disabledReason(b, trading);
  return why ? `${b.description} (${why})` : b.description;
}

/** Rows of the help screen: [key label, description, whether the key is unavailable]. */
export function helpRows(trading = false): Array<[string, string, boolean]> {
  return KEYMAP.map((b) => [b.label, describe(b, trading), disabledReason(b, trading) !== undefined]);
}

/** The README key table (markdown), generated from KEYMAP. */
export function keyTableMarkdown(): string {
  const esc = (s: string) => s.replace(/\|/g, "\\|");
  const key = (label: string) => label.split(" / ").map((k) => "`" + k + "`").join(" / ");
  const rows = KEYMAP.map((b) => `| ${esc(key(b.label))} | ${esc(describe(b, false))} |`);
  return ["| key | action |", "| --- | --- |", ...rows].join("\n");
}
