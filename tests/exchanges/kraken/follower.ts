import type { ConnectionState, Exchange, ExchangeEvent, Instrument } from "../../../lib/core/mod.ts";
import { ReferenceBook } from "./reference_book.ts";

/**
 * Consumes an adapter's events the way the engine's Trader does: applies book events, verifies the venue
 * checksum after each, and on a mismatch marks the book resyncing and asks the adapter for a fresh
 * snapshot, ignoring updates until it arrives.
 */
export class BookFollower {
  readonly book: ReferenceBook;
  resyncing = false;
  snapshots = 0;
  updates = 0;
  passed = 0;
  failed = 0;
  readonly states: ConnectionState[] = [];
  /** Everything but book events (those are only counted). */
  readonly others: ExchangeEvent[] = [];
  readonly done: Promise<void>;

  constructor(readonly exchange: Exchange, readonly instrument: Instrument, depth: number) {
    this.book = new ReferenceBook(depth);
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
        this.book.snapshot(ev.bids, ev.asks);
        this.#verify(ev.checksum);
      } else if (ev.kind === "BookUpdate") {
        this.updates++;
        if (this.resyncing) continue;
        this.book.update(ev.bids, ev.asks);
        this.#verify(ev.checksum);
      } else if (ev.kind === "ConnectionChanged") {
        this.states.push(ev.state);
      } else {
        this.others.push(ev);
      }
    }
  }

  #verify(checksum: number | undefined): void {
    if (checksum === undefined) return;
    if (this.exchange.bookChecksum!(this.instrument, this.book) === checksum) {
      this.passed++;
      return;
    }
    this.failed++;
    this.resyncing = true;
    this.exchange.resync!(this.instrument.symbol).catch(() => {});
  }
}
