export { detectColor, detectUnicode, runUi, type RunUiOptions } from "./run.ts";
export { type LogFeed, type MarketFeed, type SaveSetting, type StrategyHooks, UiApp } from "./app.ts";
export { helpRows, type KeyBinding, KEYMAP, keyTableMarkdown } from "./keymap.ts";
export { BlessedTerminal } from "./blessed/screen.ts";
export type { Terminal } from "./terminal.ts";
export type { OrderPort, PortOrder, PortOrderRequest, PortSubmit } from "./port.ts";
