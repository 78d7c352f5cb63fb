/**
 * The terminal as blessed's output stream, written off the main thread: a write to a terminal blocks
 * until the terminal (or tmux, or ssh) has taken the bytes, and on a busy machine that took up to tens of
 * milliseconds, during which nothing else (market data, keys) ran. Writes are queued in order and sent one
 * at a time with the async `write`; `busy` tells the screen to hold its next frame until the terminal has
 * taken the last one. `finish()` writes whatever is still queued synchronously (on quit and on a crash,
 * so the terminal is always restored before the process ends).
 */

import process from "node:process";
import { Writable } from "node:stream";
import { writeAllSync } from "../../core/write_all.ts";

/** Where the bytes go: Deno.stdout, or a test's sink. */
export interface ByteSink {
  write(p: Uint8Array): Promise<number>;
  writeSync(p: Uint8Array): number;
}

/** What the screen needs to pace itself by the terminal. */
export interface PacedOutput {
  /** Bytes are queued or on their way to the terminal. */
  readonly busy: boolean;
  /** Calls `fn` once, when nothing is queued or on its way any more. */
  onIdle(fn: () => void): void;
  /** Why the terminal could not be written to; null while it can. Later output is dropped. */
  readonly failure: unknown;
  /**
   * Queues bytes after everything written so far (what `write` does, without the stream's machinery).
   * The bytes are not copied: they must stay as they are until the output is idle again.
   */
  send(bytes: Uint8Array): void;
  /** Writes everything queued now, synchronously; later writes are synchronous too. */
  finish(): void;
}

export function isPaced(output: unknown): output is PacedOutput {
  return output instanceof TtyOutput;
}

export class TtyOutput extends Writable implements PacedOutput {
  readonly isTTY = true;
  #sink: ByteSink;
  #size: () => { columns: number; rows: number };
  #queue: Uint8Array[] = [];
  #sending = false;
  #scheduled = false;
  #sync = false;
  #failed: unknown = null;
  #idle: Array<() => void> = [];
  #encoder = new TextEncoder();
  #unlisten: () => void = () => {};

  /**
   * `sink` default Deno.stdout; `size` default process.stdout's columns and rows. `resizes` (default
   * process.stdout) emits "resize" when the terminal's size changes.
   */
  constructor(options: {
    sink?: ByteSink;
    size?: () => { columns: number; rows: number };
    resizes?: { on(e: "resize", fn: () => void): unknown; off(e: "resize", fn: () => void): unknown };
  } = {}) {
    super({ decodeStrings: false });
    this.#sink = options.sink ?? Deno.stdout;
    this.#size = options.size ?? (() => ({ columns: process.stdout.columns, rows: process.stdout.rows }));
    const resizes = options.resizes ?? process.stdout;
    const relay = () => this.emit("resize");
    resizes.on("resize", relay);
    this.#unlisten = () => resizes.off("resize", relay);
  }

  get columns(): number {
    return this.#size().columns;
  }

  get rows(): number {
    return this.#size().rows;
  }

  get failure(): unknown {
    return this.#failed;
  }

  get busy(): boolean {
    return this.#sending || this.#scheduled || this.#queue.length > 0;
  }

  onIdle(fn: () => void): void {
    if (!this.busy) fn();
    else this.#idle.push(fn);
  }

  override _write(chunk: unknown, _encoding: string, callback: (error?: Error | null) => void): void {
    this.#send(typeof chunk === "string" ? this.#encoder.encode(chunk) : chunk as Uint8Array);
    callback();
  }

  send(bytes: Uint8Array): void {
    this.#send(bytes);
  }

  #send(bytes: Uint8Array): void {
    if (this.#failed !== null) return;
    if (this.#sync) {
      try {
        writeAllSync(this.#sink, bytes);
      } catch (e) {
        this.#failed = e;
      }
    } else {
      this.#queue.push(bytes);
      // Started once the current task is done: everything it wrote goes out as one write, and waking
      // the writing thread (which a busy machine may answer by running it first) is not the task's time.
      if (!this.#sending && !this.#scheduled) {
        this.#scheduled = true;
        queueMicrotask(() => {
          this.#scheduled = false;
          this.#pump();
        });
      }
    }
  }

  finish(): void {
    this.#unlisten();
    this.#sync = true;
    this.#scheduled = false;
    const queued = join(this.#queue);
    this.#queue = [];
    if (queued.length === 0 || this.#failed !== null) return;
    try {
      writeAllSync(this.#sink, queued);
    } catch (e) {
      this.#failed = e;
    }
  }

  async #pump(): Promise<void> {
    if (this.#sending) return;
    this.#sending = true;
    try {
      while (this.#queue.length > 0 && !this.#sync) {
        const bytes = join(this.#queue);
        this.#queue = [];
        for (let done = 0; done < bytes.length;) done += await this.#sink.write(bytes.subarray(done));
      }
    } catch (e) {
      // The terminal is gone: the screen's next paint says so, and output is dropped from now on.
      this.#failed = e;
      this.#queue = [];
    } finally {
      this.#sending = false;
    }
    const idle = this.#idle;
    this.#idle = [];
    for (const fn of idle) fn();
  }
}

function join(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  let n = 0;
  for (const c of chunks) n += c.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
