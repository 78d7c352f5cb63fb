/**
 * A virtual terminal for screen tests: blessed writes into an @xterm/headless Terminal, keys go in through
 * a fake TTY input stream, and tests read back what a person would see.
 */

import xterm from "@xterm/headless";
import { PassThrough, Writable } from "node:stream";
import { eventually } from "../eventually.ts";

type XTerminal = InstanceType<typeof xterm.Terminal>;

export interface TtyOutput extends Writable {
  columns: number;
  rows: number;
  isTTY: boolean;
}

export interface TtyInput extends PassThrough {
  isTTY: boolean;
  isRaw: boolean;
  setRawMode(raw: boolean): TtyInput;
}

export class Headless {
  readonly term: XTerminal;
  readonly input: TtyInput;
  readonly output: TtyOutput;
  #pending: Promise<void> = Promise.resolve();

  constructor(cols: number, rows: number) {
    this.term = new xterm.Terminal({ cols, rows, allowProposedApi: true });
    const term = this.term;
    const output = new Writable({
      write: (chunk: Uint8Array | string, _enc, cb) => {
        const data = typeof chunk === "string" ? chunk : new TextDecoder().decode(chunk);
        this.#pending = new Promise<void>((r) => term.write(data, r));
        cb();
      },
    }) as TtyOutput;
    output.columns = cols;
    output.rows = rows;
    output.isTTY = true;
    this.output = output;
    const input = new PassThrough() as TtyInput;
    input.isTTY = true;
    input.isRaw = false;
    input.setRawMode = (raw: boolean) => {
      input.isRaw = raw;
      return input;
    };
    this.input = input;
  }

  /** Sends key bytes: "q", "S", "\x1bOP" (F1), "\x1b" (Esc), "\x03" (Ctrl-C). */
  press(keys: string): void {
    this.input.write(keys);
  }

  /** The screen as text rows (trailing spaces dropped), once everything written so far is parsed. */
  async screen(): Promise<string[]> {
    await this.#pending;
    const buf = this.term.buffer.active;
    const out: string[] = [];
    for (let y = 0; y < this.term.rows; y++) {
      out.push(buf.getLine(buf.viewportY + y)?.translateToString(true) ?? "");
    }
    return out;
  }

  /** Waits (eventually) until `check` accepts the screen; on a timeout the error shows the last screen. */
  waitFor(check: (rows: string[]) => boolean, what: string): Promise<string[]> {
    return eventually(async () => {
      const rows = await this.screen();
      if (check(rows)) return rows;
      throw new Error(`the screen was:\n${rows.join("\n")}`);
    }, what);
  }

  /** Whether the cell at (x, y) is drawn in reverse video (candle bodies, depth bars). */
  inverse(x: number, y: number): boolean {
    const buf = this.term.buffer.active;
    return (buf.getLine(buf.viewportY + y)?.getCell(x)?.isInverse() ?? 0) !== 0;
  }

  /** The foreground palette colour of a cell, -1 for the default colour. */
  fg(x: number, y: number): number {
    const cell = this.term.buffer.active.getLine(this.term.buffer.active.viewportY + y)?.getCell(x);
    return cell === undefined || cell.isFgDefault() ? -1 : cell.getFgColor();
  }

  /** The background palette colour of a cell, -1 for the default colour. */
  bg(x: number, y: number): number {
    const cell = this.term.buffer.active.getLine(this.term.buffer.active.viewportY + y)?.getCell(x);
    return cell === undefined || cell.isBgDefault() ? -1 : cell.getBgColor();
  }

  resize(cols: number, rows: number): void {
    this.term.resize(cols, rows);
    this.output.columns = cols;
    this.output.rows = rows;
    this.output.emit("resize");
  }

  dispose(): void {
    this.input.destroy();
    this.output.destroy();
    this.term.dispose();
  }
}
