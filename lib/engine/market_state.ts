import type {
  Balances,
  Candle,
  ConnectionState,
  Instrument,
  Order,
  TickerChanged,
  TradePrinted,
} from "../core/mod.ts";
import type { BookStatus, OrderBook } from "../book/mod.ts";

export type { BookStatus } from "../book/mod.ts";

/** What the UI and commands read of one market. `book` is live: read it, never change it. */
export interface MarketState {
  readonly venue: string;
  readonly instrument: Instrument;
  readonly book: OrderBook;
  /** The one trusted state of the book (lib/book VerifiedBook): "resyncing" from a loss to the next verified snapshot. */
  readonly bookStatus: BookStatus;
  /** Oldest first. */
  readonly candles: readonly Candle[];
  /** Minutes. */
  readonly timeframe: number;
  readonly ticker: TickerChanged | null;
  readonly lastTrade: TradePrinted | null;
  readonly connection: ConnectionState;
  /** When `connection` last changed (ms). */
  readonly connectionSince: number;
  /** When the venue last sent anything (ms), 0 before the first message. */
  readonly lastMessageAt: number;
  /** null while unknown (no account, or not yet loaded). */
  readonly balances: Balances | null;
  /**
   * Live orders (open, pending, unknown; own and foreign) in submission order: the engine's orders(), whose
   * items are OwnOrder (owner, paper, error); read `trader.engine.orders()` for those fields.
   */
  readonly orders: readonly Order[];
  /** Changes whenever anything above changes. */
  readonly version: number;
}
