import type { Line } from "./style.ts";

/** What the UI runtime needs from a screen; blessed/ has the real one. */
export interface Terminal {
  readonly width: number;
  readonly height: number;
  /** Shows `lines` (exactly height lines of width cells); only changed cells are written. */
  paint(lines: readonly Line[]): void;
  setTitle(title: string): void;
  /**
   * Repaints every cell on the next paint, for when something outside the UI wrote to the terminal
   * (Deno clears its module-loading progress line with "erase below" when a Worker loads code).
   */
  refresh?(): void;
  /** Resolves once everything painted so far has been taken by the terminal. */
  settled?(): Promise<void>;
  onKey(fn: (key: string) => void): void;
  onResize(fn: () => void): void;
  /** Leaves the alternate screen and restores the terminal; safe to call twice. */
  destroy(): void;
}
