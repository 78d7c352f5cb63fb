/**
 * The account side of one-shot commands: the stored key unlocked, the venue, and an OrderEngine per pair
 * over the same journal as the UI (owner "cli"), reconciled with the venue before anything else happens.
 */

import { type Balances, type Exchange, type Instrument, isPaper } from "../core/mod.ts";
import { OrderBook } from "../book/mod.ts";
import { Journal, journalPathFor, OrderEngine } from "../engine/mod.ts";
import { findInstrument } from "../engine/find_instrument.ts";
import { type CommandContext, unlockedExchange } from "./context.ts";

export const CLI_OWNER = "cli";

/** Book levels fetched to check a limit price against the mid and to price a market order. */
const BOOK_DEPTH = 100;

export interface AccountOptions {
  /** Only this pair; undefined: every pair with open orders, at the venue or in the journal. */
  readonly pair?: string;
  /** Fetch the pair's book for the engine's checks (limit price band, market order cost). */
  readonly book?: boolean;
  /** Fetch balances for the engine's funds check. */
  readonly balances?: boolean;
}

export interface Account extends Disposable {
  readonly exchange: Exchange;
  readonly journal: Journal;
  /** One per pair, in the order the venue lists its instruments. */
  readonly engines: readonly OrderEngine[];
}

/**
 * Unlocks the key, opens the journal beside the ini and an engine per pair, and reconciles each with the
 * venue's open orders (own orders settle, foreign ones appear). Throws what the venue or the journal threw.
 */
export async function openAccount(ctx: CommandContext, opts: AccountOptions = {}): Promise<Account> {
  const exchange = await unlockedExchange(ctx);
  const journal = Journal.open(journalPathFor(ctx.config.path));
  const engines: OrderEngine[] = [];
  const account: Account = {
    exchange,
    journal,
    engines,
    [Symbol.dispose]() {
      for (const e of engines) e.close();
      journal.close();
    },
  };
  try {
    const instruments = opts.pair === undefined
      ? await pairsWithOrders(exchange, journal)
      : [await findInstrument(exchange, opts.pair)];
    const balances: Balances | null = opts.balances ? await exchange.balances() : null;
    for (const instrument of instruments) {
      const engine = new OrderEngine({
        exchange,
        instrument,
        journal,
        book: opts.book ? await bookOf(exchange, instrument) : undefined,
        balances: () => balances,
        log: ctx.logger.log("orders"),
        priceBandPct: Number(ctx.config.settings.pytrader.price_band_pct),
      });
      engines.push(engine);
      await engine.reconcile();
    }
  } catch (e) {
    account[Symbol.dispose]();
    throw e;
  }
  return account;
}

/** Pairs with orders open at the venue or live in the journal, in the venue's order. */
async function pairsWithOrders(exchange: Exchange, journal: Journal): Promise<Instrument[]> {
  const [all, open] = await Promise.all([exchange.instruments(), exchange.openOrders()]);
  const paper = isPaper(exchange);
  const atVenue = new Set(open.map((o) => o.symbol));
  return all.filter((i) => atVenue.has(i.symbol) || journal.live(exchange.venue, i.symbol, paper).length > 0);
}

async function bookOf(exchange: Exchange, instrument: Instrument): Promise<OrderBook> {
  const snap = await exchange.book(instrument.symbol, BOOK_DEPTH);
  const book = new OrderBook(instrument, Math.max(snap.bids.length, snap.asks.length, 1));
  book.applySnapshot(snap.bids, snap.asks);
  return book;
}
