import type { OrderBook } from "../book/order_book.ts";
import { formatTicks } from "../core/ticks.ts";
import { BookChecker } from "./book_checker.ts";
import { eachLine, readLineChunks } from "./ndjson_lines.ts";
import { RecordLineReader } from "./record_line.ts";
import type { InPlaceDecoder, ReplayDecoder } from "./replay_decoder.ts";

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

interface Venue {
  readonly decoder: ReplayDecoder & Partial<InPlaceDecoder>;
  readonly checker: BookChecker;
}

/**
 * The replay frame loop: each recorded line through the venue's own parse path, an OrderBook per pair and
 * the venue checksum. Keeps counters and the books, nothing else, so memory does not grow with the input.
 */
export class Replayer {
  frames = 0;
  events = 0;
  malformed = 0;
  #decoderFor: (venue: string) => ReplayDecoder | undefined;
  #venues = new Map<string, Venue | null>();

  constructor(decoderFor: (venue: string) => ReplayDecoder | undefined) {
    this.#decoderFor = decoderFor;
  }

  /** One NDJSON line of a recording. */
  push(line: string): void {
    this.#line(line, 0, line.length);
  }

  /** Whole lines of a recording, as readLineChunks yields them. */
  pushLines(text: string): void {
    eachLine(text, this.#lineFn);
  }

  #reader = new RecordLineReader();
  #lineFn = (text: string, start: number, end: number) => this.#line(text, start, end);
  #lastName = "";
  #last: Venue | null = null;

  #line(text: string, start: number, end: number): void {
    if (start === end) return;
    this.frames++;
    const r = this.#reader;
    const frame = r.head(text, start, end);
    if (!frame) {
      this.malformed++;
      return;
    }
    let v: Venue | null | undefined = this.#last;
    if (v === null || frame.venue !== this.#lastName) {
      v = this.#venues.get(frame.venue);
      if (v === undefined) {
        const decoder = this.#decoderFor(frame.venue);
        v = decoder ? { decoder, checker: new BookChecker(decoder) } : null;
        this.#venues.set(frame.venue, v);
      }
      this.#lastName = frame.venue;
      this.#last = v;
    }
    const d = v?.decoder;
    const evs = !d
      ? null
      : d.decodeAt
      ? d.decodeAt(frame, r.frameText, r.frameStart, r.frameEnd)
      : d.decode({ ...frame, data: r.frameText.slice(r.frameStart, r.frameEnd) });
    if (!v || !evs) {
      this.malformed++;
      return;
    }
    this.events += evs.length;
    for (let i = 0; i < evs.length; i++) {
      const ev = evs[i]!;
      if (ev.kind === "BookSnapshot" || ev.kind === "BookUpdate") v.checker.apply(ev);
    }
  }

  /** The replayed book of `symbol` (default: the first book seen). */
  book(symbol?: string): OrderBook | undefined {
    for (const v of this.#venues.values()) {
      const s = symbol ?? v?.checker.symbols()[0];
      const book = s === undefined ? undefined : v?.checker.book(s);
      if (book) return book;
    }
    return undefined;
  }

  report(elapsedMs: number, symbol?: string): ReplayReport {
    let passed = 0;
    let failed = 0;
    let resyncs = 0;
    for (const v of this.#venues.values()) {
      passed += v?.checker.passed ?? 0;
      failed += v?.checker.failed ?? 0;
      resyncs += v?.checker.resyncs ?? 0;
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
