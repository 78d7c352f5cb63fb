import { BookIntegrityError } from "../core/errors.ts";
import type { BookSnapshot, BookUpdate } from "../core/events.ts";
import { OrderBook } from "../book/order_book.ts";
import type { ReplayDecoder } from "./replay_decoder.ts";

/** What the checker needs of a venue: instruments, the subscribed depth, the checksum. */
export type BookSource = Pick<ReplayDecoder, "instrument" | "bookDepth" | "verifyBook">;

interface Tracked {
  book: OrderBook;
  resyncing: boolean;
}

/**
 * Applies book events to OrderBooks as the engine does and checks each against the venue's checksum.
 * A failed check (or a book the OrderBook refuses) counts, and the book is then treated as resyncing:
 * updates are skipped until the next snapshot. A loss the venue's decoder reports itself (a broken sequence,
 * a stale or crossed book) counts as a resync too.
 */
export class BookChecker {
  passed = 0;
  failed = 0;
  resyncs = 0;
  /** Updates skipped: before the first snapshot, for unknown pairs, or while resyncing. */
  skipped = 0;
  #books = new Map<string, Tracked>();
  #decoder: BookSource;
  #onFail: (symbol: string) => void;

  /** `onFail` is told which book went wrong (live use: ask the venue for a fresh snapshot). */
  constructor(decoder: BookSource, onFail: (symbol: string) => void = () => {}) {
    this.#decoder = decoder;
    this.#onFail = onFail;
  }

  /** Symbols in the order their first snapshot came. */
  symbols(): string[] {
    return [...this.#books.keys()];
  }

  book(symbol: string): OrderBook | undefined {
    return this.#books.get(symbol)?.book;
  }

  apply(ev: BookSnapshot | BookUpdate): void {
    let t = this.#books.get(ev.symbol);
    if (ev.kind === "BookSnapshot") {
      const inst = this.#decoder.instrument(ev.symbol);
      if (!inst) {
        this.skipped++;
        return;
      }
      const depth = this.#decoder.bookDepth?.(ev.symbol) ?? Math.max(ev.bids.length, ev.asks.length, 1);
      if (!t || t.book.depth !== depth || t.book.instrument !== inst) {
        t = { book: new OrderBook(inst, depth), resyncing: false };
        this.#books.set(ev.symbol, t);
      }
      t.resyncing = false;
      try {
        t.book.applySnapshot(ev.bids, ev.asks);
      } catch (e) {
        return this.#refused(e, t, ev.symbol);
      }
      this.#verify(t, ev);
      return;
    }
    if (!t || t.resyncing) {
      this.skipped++;
      return;
    }
    try {
      t.book.applyUpdate(ev.bids, ev.asks);
    } catch (e) {
      return this.#refused(e, t, ev.symbol);
    }
    this.#verify(t, ev);
  }

  /** The decoder found the book wrong (BookIntegrityLost): resyncing until the next snapshot. */
  lost(symbol: string): void {
    const t = this.#books.get(symbol);
    if (!t || t.resyncing) return;
    this.resyncs++;
    t.resyncing = true;
  }

  #refused(e: unknown, t: Tracked, symbol: string): void {
    if (!(e instanceof BookIntegrityError)) throw e;
    this.#fail(t, symbol);
  }

  #verify(t: Tracked, ev: BookSnapshot | BookUpdate): void {
    if (ev.checksum === undefined || !this.#decoder.verifyBook) return;
    if (this.#decoder.verifyBook(t.book.instrument, t.book, ev) === null) this.passed++;
    else this.#fail(t, ev.symbol);
  }

  #fail(t: Tracked, symbol: string): void {
    this.failed++;
    this.resyncs++;
    t.resyncing = true;
    this.#onFail(symbol);
  }
}
