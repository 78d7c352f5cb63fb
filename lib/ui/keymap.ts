/**
 * Every key of the main screen as data: the help screen, the README key table and the key handling all
 * read this one table, so they cannot drift apart.
 */

export type Action =
  | "quit"
  | "help"
  | "close"
  | "scroll_up"
  | "scroll_down"
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
  | "orders";

export interface KeyBinding {
  /** Key names as the renderer reports them: printable characters as themselves, "f1", "escape", "C-c". */
  readonly keys: readonly string[];
  /** How the key is written for people. */
  readonly label: string;
  readonly description: string;
  readonly action: Action;
  /** Where the key works: the main screen (default) or an open dialog. */
  readonly scope?: "main" | "dialog";
  /** Why the key does nothing in this version; shown in the help and the README. */
  readonly disabled?: string;
}

/** Letters routed to strategies: a–z except q (quit) and l (reload). */
export const STRATEGY_LETTERS: readonly string[] = [..."abcdefghijkmnoprstuvwxyz"];

const TRADING_LATER = "not in this view-only version";

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
    description: "order book zoom in (smaller price groups)",
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
    description: "depth chart zoom in (smaller price bins)",
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
  { keys: ["f4"], label: "F4", description: "new buy order", action: "buy", disabled: TRADING_LATER },
  { keys: ["f5"], label: "F5", description: "new sell order", action: "sell", disabled: TRADING_LATER },
  {
    keys: ["f6"],
    label: "F6",
    description: "list and cancel orders",
    action: "orders",
    disabled: TRADING_LATER,
  },
  {
    keys: ["escape", "f10"],
    label: "Esc / F10",
    description: "close the dialog",
    action: "close",
    scope: "dialog",
  },
  {
    keys: ["up", "down"],
    label: "Up / Down",
    description: "scroll the dialog",
    action: "scroll_up",
    scope: "dialog",
  },
];

const MAIN = new Map<string, KeyBinding>();
const DIALOG = new Map<string, KeyBinding>();
for (const b of KEYMAP) for (const k of b.keys) (b.scope === "dialog" ? DIALOG : MAIN).set(k, b);

/** The binding of a key on the main screen, or undefined for keys that do nothing (ignored quietly). */
export function mainBinding(key: string): KeyBinding | undefined {
  return MAIN.get(key);
}

/** The action of a key while a dialog is open; `q`, `?` and F1 close it too. */
export function dialogAction(key: string): Action | undefined {
  if (key === "C-c") return "quit";
  if (key === "down") return "scroll_down";
  if (key === "q" || key === "?" || key === "f1") return "close";
  return DIALOG.get(key)?.action;
}

function describe(b: KeyBinding): string {
  return b.disabled ? `${b.description} (${b.disabled})` : b.description;
}

/** Rows of the help screen: [key label, description, whether the key is unavailable]. */
export function helpRows(): Array<[string, string, boolean]> {
  return KEYMAP.map((b) => [b.label, describe(b), b.disabled !== undefined]);
}

/** The README key table (markdown), generated from KEYMAP. */
export function keyTableMarkdown(): string {
  const esc = (s: string) => s.replace(/\|/g, "\\|");
  const key = (label: string) => label.split(" / ").map((k) => "`" + k + "`").join(" / ");
  const rows = KEYMAP.map((b) => `| ${esc(key(b.label))} | ${esc(describe(b))} |`);
  return ["| key | action |", "| --- | --- |", ...rows].join("\n");
}
