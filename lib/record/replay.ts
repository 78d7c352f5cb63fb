import type { OrderBook } from "../book/order_book.ts";
import { formatTicks } from "../core/ticks.ts";
import { BookChecker } from "./book_checker.ts";
import { eachLine, readLineChunks } from "./ndjson_lines.ts";
import { RecordingDecoder } from "./recording_decoder.ts";
import type { ReplayDecoder } from "./replay_decoder.ts";

/** What `pytrader replay --json` prints. */
export interface ReplayReport {
  readonly ok: true;
  /** Non-empty lines read. */
  readonly frames: number;
  readonly events: number;
  /** Lines that are not a recorded frame, frames of an unknown venue, frames the decoder rejected. */
  readonly malformed: number;
  readonly checksum: { readonly passed: number; readonly failed: number };
  readonly resyncs: number;
  /** Top of the book of `symbol` (default: the first book in the file), as price text; null when empty. */
  readonly best: { readonly bid: string | null; readonly ask: string | null };
  /** The frame loop alone. */
  readonly elapsedMs: number;
}

export interface ReplayOptions {
  /** The pair whose top of book is reported. */
  readonly symbol?: string;
  /** Time source for elapsedMs. */
  readonly now?: () => number;
}

/**
 * The replay frame loop: each recorded line through the venue's own parse path, an OrderBook per pair and
 * the venue checksum. Keeps counters and the books, nothing else, so memory does not grow with the input.
 */
export class Replayer {
  #lines: RecordingDecoder;
  #checkers = new Map<string, BookChecker>();
  #lastName = "";
  #last: BookChecker | null = null;

  constructor(decoderFor: (venue: string) => ReplayDecoder | undefined) {
    this.#lines = new RecordingDecoder(decoderFor);
  }

  /** Non-empty lines read. */
  get frames(): number {
    return this.#lines.frames;
  }

  get events(): number {
    return this.#lines.events;
  }

  /** Lines that are not a recorded frame, frames of an unknown venue, frames the decoder rejected. */
  get malformed(): number {
    return this.#lines.malformed;
  }

  /** One NDJSON line of a recording. */
  push(line: string): void {
    this.#line(line, 0, line.length);
  }

  /** Whole lines of a recording, as readLineChunks yields them. */
  pushLines(text: string): void {
    eachLine(text, this.#lineFn);
  }

  #lineFn = (text: string, start: number, end: number) => this.#line(text, start, end);

  #line(text: string, start: number, end: number): void {
    const lines = this.#lines;
    const evs = lines.line(text, start, end);
    if (evs === null || evs.length === 0) return;
    let checker = this.#last;
    if (checker === null || lines.venue !== this.#lastName) {
      checker = this.#checkers.get(lines.venue) ?? null;
      if (checker === null) {
        checker = new BookChecker(lines.decoder(lines.venue)!);
        this.#checkers.set(lines.venue, checker);
      }
      this.#lastName = lines.venue;
      this.#last = checker;
    }
    for (let i = 0; i < evs.length; i++) {
      const ev = evs[i]!;
      if (ev.kind === "BookSnapshot" || ev.kind === "BookUpdate") checker.apply(ev);
      else if (ev.kind === "BookIntegrityLost") checker.lost(ev.symbol);
    }
  }

  /** The replayed book of `symbol` (default: the first book seen). */
  book(symbol?: string): OrderBook | undefined {
    for (const checker of this.#checkers.values()) {
      const s = symbol ?? checker.symbols()[0];
      const book = s === undefined ? undefined : checker.book(s);
      if (book) return book;
    }
    return undefined;
  }

  report(elapsedMs: number, symbol?: string): ReplayReport {
    let passed = 0;
    let failed = 0;
    let resyncs = 0;
    for (const checker of this.#checkers.values()) {
      passed += checker.passed;
      failed += checker.failed;
      resyncs += checker.resyncs;
    }
    const book = this.book(symbol);
    const text = (ticks: number) =>
      Number.isNaN(ticks) ? null : formatTicks(ticks, book!.instrument.pricePrecision);
    return {
      ok: true,
      frames: this.frames,
      events: this.events,
      malformed: this.malformed,
      checksum: { passed, failed },
      resyncs,
      best: book ? { bid: text(book.bestBid()), ask: text(book.bestAsk()) } : { bid: null, ask: null },
      elapsedMs,
    };
  }
}

/** Replays a recording file, streamed a chunk of whole lines at a time, with no network. */
export async function replayFile(
  path: string,
  decoderFor: (venue: string) => ReplayDecoder | undefined,
  opts: ReplayOptions = {},
): Promise<ReplayReport> {
  const now = opts.now ?? (() => performance.now());
  const replayer = new Replayer(decoderFor);
  const start = now();
  for await (const text of readLineChunks(path)) replayer.pushLines(text);
  return replayer.report(Math.round(now() - start), opts.symbol);
}
