import process from "node:process";
import type { Readable, Writable } from "node:stream";
import { type LoadedConfig, saveSetting } from "../config/mod.ts";
import type { Timers } from "../core/clock.ts";
import type { Log } from "../log/logger.ts";
import { type LogFeed, type MarketFeed, type SaveSetting, type StrategyHooks, UiApp } from "./app.ts";
import { BlessedTerminal } from "./blessed/screen.ts";
import { TtyOutput } from "./blessed/tty_output.ts";
import type { Terminal } from "./terminal.ts";
import { COLOR_GLYPHS, MONO_GLYPHS } from "./glyphs.ts";
import { FRAME_STATS_ENV, FrameStats } from "./frame_stats.ts";

export interface RunUiOptions {
  /** The engine (lib/engine Trader). It may be started before runUi or by `start`. */
  readonly trader: MarketFeed;
  readonly config: LoadedConfig;
  /** Records for the log panes, e.g. a lib/log MemorySink added to the logger. */
  readonly logs?: LogFeed;
  /** The UI's own messages (saved settings that failed, unavailable keys). */
  readonly log?: Log;
  /** Called once the first frame is on screen, e.g. `() => trader.start()`; if it fails, runUi rejects. */
  readonly start?: () => Promise<void>;
  /** The hook for the strategy host (letters a–z except q and l, and `l`). */
  readonly strategies?: StrategyHooks;
  /** Default: process.stdin / process.stdout, with SIGINT/SIGTERM handled as quit. */
  readonly input?: Readable;
  readonly output?: Writable;
  /** Default: detected from NO_COLOR and TERM. */
  readonly color?: boolean;
  /** Default: detected from LC_ALL, LC_CTYPE and LANG. */
  readonly unicode?: boolean;
  /** Default: lib/config saveSetting. */
  readonly save?: SaveSetting;
  /** Default 50 ms (at most 20 frames per second). */
  readonly frameInterval?: number;
  /** The frame scheduler's clock and timeouts; default the real ones (tests pass manual ones). */
  readonly frameTimers?: Timers;
  /** Wall clock in ms (the "last message" age); default Date.now. */
  readonly now?: () => number;
  /** Default: the real terminal through blessed; tests may pass their own. */
  readonly terminal?: Terminal;
  /** Records every frame's timing (benchmarks); the real program records with PYTRADER_FRAME_STATS set. */
  readonly stats?: FrameStats;
  /** Gets the running app (tests, benchmarks). */
  readonly onApp?: (app: UiApp) => void;
}

/** Whether to use colour: not with NO_COLOR set or on a dumb terminal. */
export function detectColor(env: { get(name: string): string | undefined }): boolean {
  if ((env.get("NO_COLOR") ?? "") !== "") return false;
  const term = env.get("TERM") ?? "";
  return term !== "" && term !== "dumb" && !/^(vt\d+|ansi-mono)$/.test(term);
}

/** Whether the locale says UTF-8 (LC_ALL, else LC_CTYPE, else LANG). */
export function detectUnicode(env: { get(name: string): string | undefined }): boolean {
  const locale = env.get("LC_ALL") || env.get("LC_CTYPE") || env.get("LANG") || "";
  return /utf-?8/i.test(locale);
}

/**
 * Runs the full-screen UI until the user quits (q, Ctrl-C, SIGINT/SIGTERM); resolves once the terminal
 * is restored and the last ini write has finished. Rejects (terminal restored) if painting or `start` fails.
 */
export async function runUi(options: RunUiOptions): Promise<void> {
  const real = options.input === undefined && options.output === undefined && options.terminal === undefined;
  const color = options.color ?? detectColor(Deno.env);
  const unicode = options.unicode ?? detectUnicode(Deno.env);
  // The real terminal is written off the main thread (lib/ui/blessed/tty_output.ts).
  const output = options.output ?? (real ? new TtyOutput() : undefined);
  const terminal = options.terminal ?? new BlessedTerminal({ input: options.input, output, color, unicode });
  const statsFile = real ? Deno.env.get(FRAME_STATS_ENV) : undefined;
  const stats = options.stats ?? (statsFile ? new FrameStats() : undefined);
  const app = new UiApp({
    terminal,
    trader: options.trader,
    config: options.config,
    save: options.save ?? saveSetting,
    glyphs: color ? COLOR_GLYPHS : MONO_GLYPHS,
    logs: options.logs,
    log: options.log,
    strategies: options.strategies,
    frameInterval: options.frameInterval,
    frameTimers: options.frameTimers,
    now: options.now,
    titles: real && /xterm|rxvt|screen|tmux/.test(Deno.env.get("TERM") ?? ""),
    offsetMinutes: -new Date().getTimezoneOffset(),
    startingText:
      `Starting ${options.config.settings.pytrader.exchange} ${options.config.settings.pytrader.pair}…`,
    stats,
  });
  options.onApp?.(app);

  const quit = () => app.dispatch({ kind: "key", key: "q" });
  // On a crash elsewhere, give the terminal back before Deno prints the error.
  const restore = () => terminal.destroy();
  if (real) {
    process.on("SIGINT", quit);
    process.on("SIGTERM", quit);
    globalThis.addEventListener("unhandledrejection", restore);
    globalThis.addEventListener("error", restore);
    globalThis.addEventListener("unload", restore);
  }
  try {
    app.start();
    if (options.start) {
      options.start().catch((e) => app.stop(e));
    }
    await app.done;
  } finally {
    terminal.destroy();
    if (real) {
      process.off("SIGINT", quit);
      process.off("SIGTERM", quit);
      globalThis.removeEventListener("unhandledrejection", restore);
      globalThis.removeEventListener("error", restore);
      globalThis.removeEventListener("unload", restore);
    }
    if (statsFile && stats) await Deno.writeTextFile(statsFile, JSON.stringify(stats));
  }
}
