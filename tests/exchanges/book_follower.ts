import {
  BookIntegrityError,
  type BookSnapshot,
  type BookUpdate,
  canResync,
  type ConnectionState,
  type Exchange,
  type ExchangeEvent,
  type Instrument,
  verifiesBook,
} from "../../lib/core/mod.ts";
import { OrderBook } from "../../lib/book/mod.ts";
import { ReferenceBook } from "./kraken/reference_book.ts";

/**
 * Consumes an adapter's events the way the engine's Trader does: applies book events to lib/book's
 * OrderBook (and a simple ReferenceBook as a cross-check) and verifies the venue checksum after each event
 * that carries one. When the adapter reports the book lost (BookIntegrityLost: it has asked for a fresh
 * snapshot) updates are ignored until the next snapshot; when the book itself is found wrong (a checksum
 * mismatch, a book the OrderBook refuses) the same, and the adapter is asked to resync.
 */
export class BookFollower {
  readonly book: OrderBook;
  readonly ref: ReferenceBook;
  resyncing = false;
  snapshots = 0;
  updates = 0;
  /** Checksums that agreed and that did not. */
  passed = 0;
  failed = 0;
  /** BookIntegrityLost events, with the number of updates seen before each. */
  readonly losses: { reason: string; detail: string; afterUpdates: number }[] = [];
  readonly states: ConnectionState[] = [];
  /** Everything but book events (those are only counted) and connection changes; losses included. */
  readonly others: ExchangeEvent[] = [];
  readonly done: Promise<void>;

  constructor(readonly exchange: Exchange, readonly instrument: Instrument, depth: number) {
    this.book = new OrderBook(instrument, depth);
    this.ref = new ReferenceBook(depth);
    this.done = this.#run();
  }

  get state(): ConnectionState | undefined {
    return this.states[this.states.length - 1];
  }

  async #run(): Promise<void> {
    for await (const ev of this.exchange.events()) {
      if (ev.kind === "BookSnapshot") {
        this.snapshots++;
        this.resyncing = false;
        this.ref.snapshot(ev.bids, ev.asks);
        this.#apply(() => this.book.applySnapshot(ev.bids, ev.asks), ev);
      } else if (ev.kind === "BookUpdate") {
        this.updates++;
        if (this.resyncing) continue;
        this.ref.update(ev.bids, ev.asks);
        this.#apply(() => this.book.applyUpdate(ev.bids, ev.asks), ev);
      } else if (ev.kind === "ConnectionChanged") {
        this.states.push(ev.state);
      } else {
        if (ev.kind === "BookIntegrityLost") {
          this.losses.push({ reason: ev.reason, detail: ev.detail, afterUpdates: this.updates });
          this.resyncing = true;
        }
        this.others.push(ev);
      }
    }
  }

  #apply(apply: () => void, ev: BookSnapshot | BookUpdate): void {
    try {
      apply();
      if (ev.checksum === undefined) return;
      if (verifiesBook(this.exchange) && this.exchange.verifyBook(this.instrument, this.book, ev) === null) {
        this.passed++;
        return;
      }
    } catch (e) {
      if (!(e instanceof BookIntegrityError)) throw e;
    }
    this.failed++;
    this.resyncing = true;
    if (canResync(this.exchange)) this.exchange.resync(this.instrument.symbol).catch(() => {});
  }
}
