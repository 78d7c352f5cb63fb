import { OrderBook } from "../../lib/book/mod.ts";
import type { Balances, ExchangeEvent } from "../../lib/core/mod.ts";
import { Journal, OrderEngine, type OrderEngineOptions } from "../../lib/engine/mod.ts";
import { FakeVenue, type FakeVenueOptions, ManualTimers, memoryLog } from "./fake_venue.ts";

export const T0 = Date.UTC(2026, 10, 23, 12, 0);

/** ETH/BTC book: bids 0.02099 × 1, 0.02090 × 2; asks 0.02101 × 1, 0.02103 × 2 (mid 0.021). */
export function ethBtcBook(venue: FakeVenue): OrderBook {
  const book = new OrderBook(venue.instrument, 10);
  book.applySnapshot(
    [{ price: 2099, qty: 100_000_000 }, { price: 2090, qty: 200_000_000 }],
    [{ price: 2101, qty: 100_000_000 }, { price: 2103, qty: 200_000_000 }],
  );
  return book;
}

export interface Rig {
  readonly venue: FakeVenue;
  readonly engine: OrderEngine;
  readonly journal: Journal;
  readonly book: OrderBook;
  readonly timers: ManualTimers;
  readonly lines: string[];
  balances: Balances | null;
}

/** An engine on a FakeVenue with an in-memory journal (or the one given), a manual timer and a log. */
export function rig(
  venueOptions: FakeVenueOptions = {},
  engineOptions: Partial<OrderEngineOptions> = {},
  venue = new FakeVenue(venueOptions),
): Rig {
  const journal = engineOptions.journal ?? Journal.memory();
  const book = ethBtcBook(venue);
  const timers = new ManualTimers();
  const { lines, log } = memoryLog();
  const r: Rig = { venue, journal, book, timers, lines, balances: venue.balancesValue } as Rig;
  (r as { engine: OrderEngine }).engine = new OrderEngine({
    exchange: venue,
    instrument: venue.instrument,
    journal,
    book,
    balances: () => r.balances,
    clock: { now: () => T0 },
    log,
    timers,
    ...engineOptions,
  });
  return r;
}

/** Feeds events to the engine as the Trader does. */
export function feed(engine: OrderEngine, events: readonly ExchangeEvent[]): void {
  for (const ev of events) engine.apply(ev);
}

export function tempJournalPath(): { dir: string; path: string } {
  const dir = Deno.makeTempDirSync({ prefix: "pytrader-journal-" });
  return { dir, path: `${dir}/pytrader.journal.sqlite` };
}
