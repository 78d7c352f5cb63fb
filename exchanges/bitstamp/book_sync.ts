import type { BookIntegrityLost, BookSnapshot, BookUpdate, PriceLevel } from "../../lib/core/events.ts";
import type { Instrument } from "../../lib/core/instrument.ts";
import { digestLevels, TOP_LEVELS } from "./book_digest.ts";
import type { RestBook } from "./rest_parse.ts";

/**
 * How a book is streamed (protocols.md §5.1.2). `top`: `order_book_<pair>`, the whole top 100 in every
 * frame, nothing on subscribe (seeded from REST). `diff`: `diff_order_book_<pair>` (every changed level,
 * full depth, no sequence numbers) bridged to a REST snapshot by microtimestamp, and checked against the
 * `order_book_<pair>` frames, the only way a lost diff can show.
 */
export type BookMode = "top" | "diff";

export type BookEvent = BookSnapshot | BookUpdate | BookIntegrityLost;

export interface SnapshotOutcome {
  readonly events: BookEvent[];
  /** The snapshot is older than the first buffered diff: fetch another (protocols.md §5.1.2 step 3). */
  readonly stale: boolean;
}

interface Diff {
  readonly micros: number;
  readonly bids: PriceLevel[];
  readonly asks: PriceLevel[];
}

/** Diffs kept while a snapshot is awaited; beyond this the oldest go (so an old snapshot shows as stale). */
const MAX_BUFFER = 20_000;
/** `order_book_` frames waiting for the diff stream to reach their microtimestamp. */
const MAX_PENDING = 64;

/**
 * The state of one streamed book between the wire and the book's owner, pure and deterministic, shared by
 * the live adapter and replay. Microtimestamps are compared as integers, never the seconds `timestamp`.
 *
 * Diff mode, following the documented procedure: diffs are buffered until a REST snapshot comes; one older
 * than the first buffered diff is stale (fetch again); diffs up to the snapshot's microtimestamp are
 * dropped, the rest applied in order, and any later diff not newer than the last applied is dropped.
 * Each `order_book_` frame of microtimestamp T is compared with the local book when the book shows the
 * state at T: right after the diff of T, or before the first diff after T when none had T (the case of a
 * lost diff). The comparison is an empty BookUpdate carrying the frame's digest as its checksum; the
 * book's owner asks the venue's verifier (BitstampDecoder.verifyBook) to compare.
 */
export class BookSync {
  readonly inst: Instrument;
  readonly mode: BookMode;
  /** Microtimestamp of the state the book shows (last snapshot or applied diff); -1: none. */
  #last = -1;
  #awaiting = true;
  #buffer: Diff[] = [];
  #pending: { micros: number; digest: number }[] = [];

  constructor(inst: Instrument, mode: BookMode) {
    this.inst = inst;
    this.mode = mode;
  }

  /** True until a snapshot (REST, or in top mode a frame) gave the book a state. */
  get awaiting(): boolean {
    return this.#awaiting;
  }

  /** Diffs buffered for the next snapshot. */
  get buffered(): number {
    return this.#buffer.length;
  }

  /** Forgets everything: a snapshot is awaited. */
  #reset(): void {
    this.#awaiting = true;
    this.#last = -1;
    this.#buffer = [];
    this.#pending = [];
  }

  /**
   * The book is to be rebuilt (a new subscription, a reconnect, a book found wrong): a snapshot is awaited.
   * Diff mode forgets everything and buffers anew. Top mode keeps the microtimestamp of what it showed, so
   * that no older snapshot (a REST answer lagging behind the stream) is taken for the fresh one.
   */
  lose(): void {
    if (this.mode === "diff") this.#reset();
    else this.#awaiting = true;
  }

  /** An `order_book_<pair>` frame: the book in top mode, a check in diff mode. */
  top(micros: number, bids: PriceLevel[], asks: PriceLevel[]): BookEvent[] {
    if (this.mode === "top") {
      // Out of order or the same moment as what is shown (a REST seed of that instant): nothing new.
      if (micros <= this.#last) return [];
      this.#last = micros;
      this.#awaiting = false;
      return [this.#snapshot(micros, bids, asks)];
    }
    // The docs warn a frame may now and then show a crossed book that the next frame corrects: such a
    // frame is no reference to check against.
    if (crossed(bids, asks)) return [];
    if (!this.#awaiting && micros === this.#last) return [this.#check(micros, digestLevels(bids, asks))];
    if (!this.#awaiting && micros < this.#last) return [];
    this.#pending.push({ micros, digest: digestLevels(bids, asks) });
    if (this.#pending.length > MAX_PENDING) this.#pending.shift();
    return [];
  }

  /** A `diff_order_book_<pair>` frame (ignored in top mode). */
  diff(micros: number, bids: PriceLevel[], asks: PriceLevel[]): BookEvent[] {
    if (this.mode !== "diff") return [];
    if (this.#awaiting) {
      this.#buffer.push({ micros, bids, asks });
      if (this.#buffer.length > MAX_BUFFER) this.#buffer.shift();
      return [];
    }
    const events: BookEvent[] = [];
    this.#apply({ micros, bids, asks }, events);
    return events;
  }

  /** A REST `order_book/` answer, when one was asked for (otherwise, or when older than the book, ignored). */
  snapshot(rest: RestBook): SnapshotOutcome {
    if (this.mode === "top") {
      if (rest.micros < this.#last) return { events: [], stale: false };
      this.#last = rest.micros;
      this.#awaiting = false;
      const bids = rest.bids.slice(0, TOP_LEVELS);
      const asks = rest.asks.slice(0, TOP_LEVELS);
      return { events: [this.#snapshot(rest.micros, bids, asks)], stale: false };
    }
    if (!this.#awaiting) return { events: [], stale: false };
    const first = this.#buffer[0];
    // Nothing buffered: no diff came since the subscription, and none can be missing that the check
    // against the next order_book_ frame would not show.
    if (first && rest.micros < first.micros) {
      const lost: BookIntegrityLost = {
        kind: "BookIntegrityLost",
        symbol: this.inst.symbol,
        reason: "stale-snapshot",
        detail:
          `the REST snapshot of ${rest.micros} µs is older than the first buffered diff of ${first.micros} µs`,
        time: Math.floor(rest.micros / 1000),
      };
      return { events: [lost], stale: true };
    }
    const events: BookEvent[] = [this.#snapshot(rest.micros, rest.bids, rest.asks)];
    this.#awaiting = false;
    this.#last = rest.micros;
    this.#pending = this.#pending.filter((p) => p.micros >= rest.micros);
    while (this.#pending[0]?.micros === rest.micros) {
      events.push(this.#check(rest.micros, this.#pending.shift()!.digest));
    }
    const buffered = this.#buffer;
    this.#buffer = [];
    for (const d of buffered) this.#apply(d, events);
    return { events, stale: false };
  }

  #apply(d: Diff, events: BookEvent[]): void {
    if (d.micros <= this.#last) return;
    // Frames of a moment no diff had: the book shows that moment's state now, before this diff.
    while (this.#pending.length > 0 && this.#pending[0]!.micros < d.micros) {
      const p = this.#pending.shift()!;
      if (p.micros >= this.#last) events.push(this.#check(p.micros, p.digest));
    }
    events.push({
      kind: "BookUpdate",
      symbol: this.inst.symbol,
      bids: d.bids,
      asks: d.asks,
      time: Math.floor(d.micros / 1000),
    });
    this.#last = d.micros;
    while (this.#pending[0]?.micros === d.micros) {
      events.push(this.#check(d.micros, this.#pending.shift()!.digest));
    }
  }

  #snapshot(micros: number, bids: PriceLevel[], asks: PriceLevel[]): BookSnapshot {
    return { kind: "BookSnapshot", symbol: this.inst.symbol, bids, asks, time: Math.floor(micros / 1000) };
  }

  #check(micros: number, digest: number): BookUpdate {
    return {
      kind: "BookUpdate",
      symbol: this.inst.symbol,
      bids: [],
      asks: [],
      time: Math.floor(micros / 1000),
      checksum: digest,
    };
  }
}

function crossed(bids: readonly PriceLevel[], asks: readonly PriceLevel[]): boolean {
  return bids.length > 0 && asks.length > 0 && bids[0]!.price >= asks[0]!.price;
}
