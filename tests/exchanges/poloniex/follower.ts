import {
  type BookSnapshot,
  type BookUpdate,
  type ConnectionState,
  type Exchange,
  type ExchangeEvent,
  type Instrument,
} from "../../../lib/core/mod.ts";
import { OrderBook } from "../../../lib/book/mod.ts";
import { ReferenceBook } from "../kraken/reference_book.ts";

/**
 * Consumes an adapter's events the way the Trader does: applies book events to lib/book's OrderBook (and a
 * simple ReferenceBook as a cross-check), and on a BookIntegrityLost ignores updates until the next snapshot
 * (the adapter has asked for it).
 */
export class BookFollower {
  readonly book: OrderBook;
  readonly ref: ReferenceBook;
  resyncing = false;
  snapshots = 0;
  updates = 0;
  /** BookIntegrityLost events, with the number of updates seen before each. */
  readonly losses: { reason: string; detail: string; afterUpdates: number }[] = [];
  readonly states: ConnectionState[] = [];
  /** Everything but book events and losses. */
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
        this.#apply(ev);
      } else if (ev.kind === "BookUpdate") {
        this.updates++;
        if (!this.resyncing) this.#apply(ev);
      } else if (ev.kind === "BookIntegrityLost") {
        this.losses.push({ reason: ev.reason, detail: ev.detail, afterUpdates: this.updates });
        this.resyncing = true;
      } else if (ev.kind === "ConnectionChanged") {
        this.states.push(ev.state);
      } else {
        this.others.push(ev);
      }
    }
  }

  #apply(ev: BookSnapshot | BookUpdate): void {
    if (ev.kind === "BookSnapshot") {
      this.ref.snapshot(ev.bids, ev.asks);
      this.book.applySnapshot(ev.bids, ev.asks);
    } else {
      this.ref.update(ev.bids, ev.asks);
      this.book.applyUpdate(ev.bids, ev.asks);
    }
  }
}
