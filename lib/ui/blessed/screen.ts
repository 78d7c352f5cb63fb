/**
 * The only place that talks to blessed. blessed is used as a terminal driver: it owns raw mode, the
 * alternate screen, key decoding and the diff between frames; the picture itself comes from the pure
 * views and is copied cell by cell into blessed's buffer.
 */

import blessed from "blessed";
import type { Readable, Writable } from "node:stream";
import type { Line, Role } from "../style.ts";
import type { Terminal } from "../terminal.ts";
import { keyName } from "./keys.ts";
import { palette } from "./palette.ts";
import type { BlessedModule, BlessedScreen, Row } from "./types.ts";

export interface TerminalOptions {
  /** Default: process.stdin / process.stdout. */
  readonly input?: Readable;
  readonly output?: Writable;
  readonly color: boolean;
  /** A UTF-8 terminal: line characters are written as they are, not through the DEC line-drawing set. */
  readonly unicode: boolean;
}

export class BlessedTerminal implements Terminal {
  #screen: BlessedScreen;
  #attrs: Readonly<Record<Role, number>>;
  #destroyed = false;
  #title = "";
  /** The terminal was cleared: the next paint writes every cell, blank ones too. */
  #cleared = true;

  constructor(options: TerminalOptions) {
    this.#attrs = palette(options.color);
    this.#screen = (blessed as BlessedModule).screen({
      input: options.input,
      output: options.output,
      // blessed cannot read Debian's current terminfo files; its bundled xterm-256color entry is enough.
      terminal: "xterm-256color",
      forceUnicode: options.unicode,
      fullUnicode: false,
      warnings: false,
      smartCSR: true,
      autoPadding: false,
      resizeTimeout: 50,
    });
    // blessed prefers DEC line drawing even on UTF-8 terminals; it shows as letters in some captures
    // (tmux capture-pane). Unicode box characters are what a UTF-8 terminal expects.
    if (options.unicode) this.#screen.tput.brokenACS = true;
    // blessed clears the terminal on a resize (before it tells anyone).
    this.#screen.on("resize", () => this.#cleared = true);
  }

  get width(): number {
    return this.#screen.width;
  }

  get height(): number {
    return this.#screen.height;
  }

  paint(lines: readonly Line[]): void {
    if (this.#destroyed) return;
    if (this.#cleared) this.#forgetScreen();
    const rows = this.#screen.lines;
    const attrs = this.#attrs;
    const h = Math.min(rows.length, lines.length);
    for (let y = 0; y < h; y++) {
      const row: Row = rows[y]!;
      const w = row.length;
      let x = 0;
      let dirty = false;
      for (const sp of lines[y]!) {
        const a = attrs[sp.role];
        const t = sp.text;
        for (let i = 0; i < t.length && x < w; i++, x++) {
          const cell = row[x]!;
          const ch = t[i]!;
          if (cell[0] !== a || cell[1] !== ch) {
            cell[0] = a;
            cell[1] = ch;
            dirty = true;
          }
        }
      }
      if (dirty) row.dirty = true;
    }
    this.#screen.render();
  }

  refresh(): void {
    if (this.#destroyed) return;
    this.#screen.alloc(true);
    this.#forgetScreen();
    this.#screen.render();
  }

  /**
   * After a clear, blessed skips the cells that are to stay blank, so the terminal holds them as cleared
   * cells rather than written spaces. A screen capture (tmux capture-pane) trims a row at its last written
   * cell and then drops trailing spaces, and a depth bar that is the last written thing on its row (the
   * largest bin, whose bar fills the room) vanished from the capture with them. Writing every cell once
   * makes the terminal hold exactly the picture.
   */
  #forgetScreen(): void {
    this.#cleared = false;
    const s = this.#screen;
    for (const row of s.olines) for (const cell of row) cell[0] = -1;
    for (const row of s.lines) row.dirty = true;
  }

  setTitle(title: string): void {
    if (this.#destroyed || title === this.#title) return;
    this.#title = title;
    this.#screen.title = title;
  }

  onKey(fn: (key: string) => void): void {
    this.#screen.on("keypress", (ch, key) => {
      const name = keyName(ch, key);
      if (name !== undefined) fn(name);
    });
  }

  onResize(fn: () => void): void {
    this.#screen.on("resize", fn);
  }

  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.#screen.destroy();
  }
}
