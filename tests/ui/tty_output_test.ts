/**
 * The real terminal is written off the main thread: frames go out in order, one at a time; frames painted
 * while the terminal still takes one wait and only the newest goes out; quitting writes what is left at
 * once; a terminal that fails makes the next paint fail with a clear message.
 */

import { EventEmitter } from "node:events";
import { PassThrough } from "node:stream";
import xterm from "@xterm/headless";
import { assert, assertEquals } from "../assert.ts";
import { BlessedTerminal } from "../../lib/ui/blessed/screen.ts";
import { type ByteSink, TtyOutput } from "../../lib/ui/blessed/tty_output.ts";
import { type Line, lineText } from "../../lib/ui/style.ts";
import { eventually } from "../eventually.ts";

const W = 40;
const H = 8;

/** A terminal whose writes finish when the test says so; everything written also goes into an xterm. */
class SlowSink implements ByteSink {
  readonly term = new xterm.Terminal({ cols: W, rows: H, allowProposedApi: true });
  writes: string[] = [];
  syncWrites: string[] = [];
  pending: Array<() => void> = [];
  fail: Error | null = null;
  #parsed: Promise<void> = Promise.resolve();

  write(p: Uint8Array): Promise<number> {
    if (this.fail) return Promise.reject(this.fail);
    const text = new TextDecoder().decode(p);
    this.writes.push(text);
    this.#parsed = new Promise((r) => this.term.write(text, r));
    return new Promise((resolve) => this.pending.push(() => resolve(p.length)));
  }

  writeSync(p: Uint8Array): number {
    const text = new TextDecoder().decode(p);
    this.syncWrites.push(text);
    this.term.write(text);
    return p.length;
  }

  /** Lets every write so far finish. */
  release(): void {
    const done = this.pending;
    this.pending = [];
    for (const fn of done) fn();
  }

  async rows(): Promise<string[]> {
    await this.#parsed;
    const b = this.term.buffer.active;
    return Array.from({ length: H }, (_, y) => b.getLine(y)!.translateToString(true).trimEnd());
  }
}

function open(): { sink: SlowSink; out: TtyOutput; t: BlessedTerminal } {
  const sink = new SlowSink();
  const out = new TtyOutput({ sink, size: () => ({ columns: W, rows: H }), resizes: new EventEmitter() });
  const input = Object.assign(new PassThrough(), { isTTY: true, isRaw: false, setRawMode: () => input });
  const t = new BlessedTerminal({ input, output: out, color: true, unicode: true });
  return { sink, out, t };
}

function screen(word: string): Line[] {
  return Array.from({ length: H }, (_, y) => [{ text: `${word} ${y}`.padEnd(W), role: "text" as const }]);
}

/** Lets the microtasks queued so far run (a write is started in one). */
async function microtasks(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

/** Lets blessed's start-up output go out and be taken. */
async function settle(sink: SlowSink, out: TtyOutput): Promise<void> {
  await eventually(() => {
    sink.release();
    return !out.busy;
  }, "the terminal to take what was written");
}

Deno.test("tty output: a frame goes out as one write after the task that painted it", async () => {
  const { sink, out, t } = open();
  await settle(sink, out);
  const before = sink.writes.length;
  t.paint(screen("one"));
  assertEquals(sink.writes.length, before, "nothing is written while the frame is being painted");
  await eventually(() => sink.writes.length === before + 1, "the frame's write");
  sink.release();
  assertEquals((await sink.rows())[3], "one 3");
  t.destroy();
});

Deno.test("tty output: frames painted while the terminal takes one wait; only the newest goes out", async () => {
  const { sink, out, t } = open();
  await settle(sink, out);
  t.paint(screen("one"));
  await eventually(() => sink.pending.length === 1, "the first frame on its way");
  const writes = sink.writes.length;
  t.paint(screen("two"));
  t.paint(screen("three"));
  await microtasks();
  assertEquals(sink.writes.length, writes, "no write while the terminal is busy");
  sink.release();
  await eventually(() => sink.writes.length === writes + 1, "the held frame's write");
  assert(!sink.writes.at(-1)!.includes("two"), "the frame in between is skipped");
  sink.release();
  assertEquals(await sink.rows(), screen("three").map((l) => lineText(l).trimEnd()));
  t.destroy();
});

Deno.test("tty output: quitting waits for the last frame, then restores the terminal at once", async () => {
  const { sink, out, t } = open();
  await settle(sink, out);
  t.paint(screen("last"));
  const settled = t.settled();
  let done = false;
  settled.then(() => done = true);
  await eventually(() => sink.pending.length === 1, "the frame on its way");
  await microtasks();
  assert(!done, "not settled while the terminal still takes the frame");
  sink.release();
  await settled;
  t.destroy();
  // blessed's restore (leave the alternate screen, show the cursor) is written before destroy returns.
  assert(sink.syncWrites.join("").includes("\x1b[?1049l"), JSON.stringify(sink.syncWrites));
  assertEquals(out.busy, false);
});

Deno.test("tty output: a terminal that cannot be written any more makes the next paint fail", async () => {
  const { sink, out, t } = open();
  await settle(sink, out);
  sink.fail = new Error("Input/output error (os error 5)");
  t.paint(screen("one"));
  await eventually(() => out.failure !== null, "the failed write");
  let error: unknown;
  try {
    t.paint(screen("two"));
  } catch (e) {
    error = e;
  }
  assertEquals((error as Error).message, "Cannot write to the terminal: Input/output error (os error 5)");
  t.destroy();
});
