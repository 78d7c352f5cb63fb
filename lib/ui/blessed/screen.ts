/**
 * The only place that talks to blessed. blessed is used as a terminal driver: it owns raw mode, the
 * alternate screen, key decoding and resizes. The picture comes from the pure views; `Renderer` writes the
 * rows that changed, and on the real terminal the output goes out off the main thread (`TtyOutput`), one
 * frame at a time: a frame painted while the terminal still takes the last one waits, and only the newest
 * waiting frame is written.
 */

import blessed from "blessed";
import type { Readable, Writable } from "node:stream";
import type { Line } from "../style.ts";
import type { Terminal } from "../terminal.ts";
import { keyName } from "./keys.ts";
import { palette } from "./palette.ts";
import { Renderer, type Translate } from "./renderer.ts";
import { isPaced, type PacedOutput } from "./tty_output.ts";
import type { BlessedModule, BlessedScreen, BlessedTput } from "./types.ts";

export interface TerminalOptions {
  /** Default: process.stdin / process.stdout. */
  readonly input?: Readable;
  /** Default process.stdout; a `TtyOutput` is written off the main thread and paces the frames. */
  readonly output?: Writable;
  readonly color: boolean;
  /** A UTF-8 terminal: line characters are written as they are, not through the DEC line-drawing set. */
  readonly unicode: boolean;
}

export class BlessedTerminal implements Terminal {
  #screen: BlessedScreen;
  #renderer: Renderer;
  #paced: PacedOutput | null;
  #destroyed = false;
  #title = "";
  /** The terminal was cleared: the next paint writes every cell, blank ones too. */
  #cleared = true;
  /** The newest frame painted while the terminal was still taking the last one. */
  #held: readonly Line[] | null = null;
  /** The last frame painted (a refresh writes it again). */
  #last: readonly Line[] = [];

  constructor(options: TerminalOptions) {
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
    this.#renderer = new Renderer(palette(options.color), translator(this.#screen.tput));
    this.#paced = isPaced(options.output) ? options.output : null;
    // blessed clears the terminal on a resize (before it tells anyone).
    this.#screen.on("resize", () => this.#cleared = true);
  }

  get width(): number {
    return this.#screen.width;
  }

  get height(): number {
    return this.#screen.height;
  }

  /** Writes the cells of `lines` that differ from what the terminal shows. */
  paint(lines: readonly Line[]): void {
    if (this.#destroyed) return;
    const paced = this.#paced;
    if (paced !== null) {
      if (paced.failure !== null) {
        const why = paced.failure instanceof Error ? paced.failure.message : String(paced.failure);
        throw new Error(`Cannot write to the terminal: ${why}`);
      }
      if (paced.busy) {
        if (this.#held === null) paced.onIdle(() => this.#release());
        this.#held = lines;
        return;
      }
    }
    this.#held = null;
    this.#last = lines;
    if (this.#cleared) {
      this.#cleared = false;
      this.#renderer.forget();
    }
    const out = this.#renderer.frame(lines, this.#screen.width, this.#screen.height);
    const program = this.#screen.program;
    // Whatever blessed has queued (a clear after a resize) goes out first, then the frame.
    program.flush();
    if (out.length === 0) return;
    // The renderer reuses its buffer: the paced output is never asked for a frame while it still sends
    // the last one (see above); any other stream gets a copy.
    if (paced !== null) paced.send(out);
    else program.output.write(out.slice());
  }

  /** Writes every cell again, showing the last frame painted. */
  refresh(): void {
    if (this.#destroyed) return;
    this.#cleared = true;
    this.paint(this.#held ?? this.#last);
  }

  /** The terminal took the last frame: the newest held one goes out (a failed terminal: the next paint says so). */
  #release(): void {
    const held = this.#held;
    if (held !== null && !this.#destroyed && this.#paced?.failure === null) this.paint(held);
  }

  async settled(): Promise<void> {
    const paced = this.#paced;
    // A held frame goes out when the terminal is idle, so wait until it stays idle.
    while (paced !== null && paced.busy && !this.#destroyed && paced.failure === null) {
      await new Promise<void>((resolve) => paced.onIdle(resolve));
    }
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

  /** Restores the terminal; its last bytes are written before this returns. */
  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.#held = null;
    this.#screen.destroy();
    this.#paced?.finish();
  }
}

/**
 * Without UTF-8, characters as blessed would send them: line drawing through the terminal's alternate
 * character set where it has one, other characters above "~" as ASCII stand-ins. null: as they are.
 */
function translator(tput: BlessedTput): Translate | null {
  const acs = !tput.brokenACS && tput.strings.enter_alt_charset_mode ? tput.acscr : null;
  const ascii = !tput.unicode && tput.numbers.U8 !== 1;
  if (acs === null && !ascii) return null;
  const on = acs !== null ? tput.smacs() : "";
  const off = acs !== null ? tput.rmacs() : "";
  return (text) => {
    let plain = true;
    for (let i = 0; i < text.length && plain; i++) plain = text.charCodeAt(i) <= 0x7e;
    if (plain) return text;
    let out = "";
    let inAcs = false;
    for (const ch of text) {
      const alt = acs?.[ch];
      if (alt !== undefined) {
        if (!inAcs) out += on;
        inAcs = true;
        out += alt;
        continue;
      }
      if (inAcs) out += off;
      inAcs = false;
      out += ascii && ch > "~" ? tput.utoa[ch] ?? "?" : ch;
    }
    return inAcs ? out + off : out;
  };
}
