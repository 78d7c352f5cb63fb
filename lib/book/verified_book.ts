import type { BookVerifier } from "../core/capabilities.ts";
import { BookIntegrityError } from "../core/errors.ts";
import type { BookProblem, BookSnapshot, BookUpdate } from "../core/events.ts";
import { OrderBook } from "./order_book.ts";

/** empty: no levels (or no snapshot yet); ok: verified; resyncing: known wrong, awaiting a snapshot. */
export type BookStatus = "empty" | "ok" | "resyncing";

export interface BookLoss {
  readonly reason: BookProblem;
  readonly detail: string;
}

/**
 * An OrderBook with the one trusted/untrusted state every book owner shares (the Trader, paper, replay):
 * updates count only on top of a snapshot; each applied event is checked by the book itself (bad values,
 * crossed) and by the venue's verifier (a checksum); a failure, a reported loss or a reconnect make it
 * untrusted, and only the next snapshot that verifies makes it trusted again.
 */
export class VerifiedBook {
  readonly book: OrderBook;
  /** Events that verified against the venue's check, and ones that failed it. */
  passed = 0;
  failed = 0;
  /** Updates dropped: before the first snapshot or while untrusted. */
  skipped = 0;
  #verifier: BookVerifier | null;
  #synced = false;
  #lost = false;

  constructor(book: OrderBook, verifier?: BookVerifier | null) {
    this.book = book;
    this.#verifier = verifier ?? null;
  }

  static create(
    instrument: OrderBook["instrument"],
    depth: number,
    verifier?: BookVerifier | null,
  ): VerifiedBook {
    return new VerifiedBook(new OrderBook(instrument, depth), verifier);
  }

  get status(): BookStatus {
    if (!this.#synced) return this.#lost ? "resyncing" : "empty";
    return this.book.size("bid") + this.book.size("ask") > 0 ? "ok" : "empty";
  }

  /** True while orders may be priced and checked against this book. */
  get trusted(): boolean {
    return this.#synced;
  }

  /**
   * Applies one venue book event. Returns the problem when this event showed the book to be wrong (it is
   * then untrusted until the next snapshot), else null. Updates on an untrusted book are skipped.
   */
  apply(ev: BookSnapshot | BookUpdate): BookLoss | null {
    if (ev.kind === "BookUpdate" && !this.#synced) {
      this.skipped++;
      return null;
    }
    try {
      if (ev.kind === "BookSnapshot") this.book.applySnapshot(ev.bids, ev.asks);
      else this.book.applyUpdate(ev.bids, ev.asks);
    } catch (e) {
      if (!(e instanceof BookIntegrityError)) throw e;
      return this.#fail(/crossed/.test(e.message) ? "crossed" : "invalid", e.message);
    }
    if (this.#verifier && ev.checksum !== undefined) {
      const problem = this.#verifier.verifyBook(this.book.instrument, this.book, ev);
      if (problem !== null) return this.#fail("checksum", problem);
      this.passed++;
    }
    this.#synced = true;
    this.#lost = false;
    return null;
  }

  /** Marks the book untrusted until the next snapshot (a loss the venue reported, a reconnect). */
  lose(): void {
    this.#synced = false;
    this.#lost = true;
  }

  #fail(reason: BookProblem, detail: string): BookLoss {
    this.failed++;
    this.lose();
    return { reason, detail };
  }
}
