/**
 * The strategy SDK: what a strategy module sees. Import these types only (`import type`): a strategy runs in
 * its own Worker without permissions and imports nothing from the app at run time.
 *
 * A strategy module exports a default class (or factory function) with any of the handlers below, and may
 * export `defaults`, its settings for the `[strategy.<name>]` ini section (also read as a static `defaults`).
 *
 * Prices and volumes are plain numbers for arithmetic (base units, quote per base). Orders are sent as decimal
 * text rounded to the instrument's precision, so float noise never reaches the exchange.
 */

export type Side = "buy" | "sell";
/**
 * How the strategy runs: on the venue ("live"), on the live market with orders filled locally ("paper",
 * `--paper`), or on a recording (`pytrader backtest`: the recording's clock, timers and Date included).
 */
export type StrategyMode = "live" | "paper" | "backtest";
export type BookSide = "bid" | "ask";

/** A setting's default: its type decides how the ini text is read back. */
export type ConfigValue = string | number | boolean;
export type ConfigDefaults = Readonly<Record<string, ConfigValue>>;

export interface InstrumentView {
  /** "BTC/USD". */
  readonly symbol: string;
  readonly base: string;
  readonly quote: string;
  readonly pricePrecision: number;
  readonly qtyPrecision: number;
  /** Smallest price step. */
  readonly priceStep: number;
  /** Smallest order volume in base units. */
  readonly minVolume: number;
}

export interface Level {
  readonly price: number;
  readonly volume: number;
  /** Volume of open own orders (any owner) at this price. */
  readonly ownVolume: number;
}

export type OrderStatus = "pending" | "open" | "filled" | "canceled" | "rejected" | "unknown";

export interface OrderView {
  /** The id `buy`/`sell` returned (or the engine's client id for an order from an earlier run). */
  readonly id: string;
  /** The engine's client order id ("" until known). */
  readonly clientId: string;
  /** The venue's order id ("" until acknowledged). */
  readonly venueId: string;
  readonly side: Side;
  /** null for a market order. */
  readonly price: number | null;
  readonly volume: number;
  readonly filled: number;
  readonly status: OrderStatus;
  /** True when this strategy placed it. */
  readonly mine: boolean;
  /** Why it was denied or rejected. */
  readonly error?: string;
}

export interface OrderChange {
  readonly order: OrderView;
  /** Base volume filled since the previous report (0 when nothing was filled). */
  readonly filledNow: number;
}

export interface BookView {
  /** Highest first. */
  readonly bids: readonly Level[];
  /** Lowest first. */
  readonly asks: readonly Level[];
  /** Best bid and ask, 0 when that side is empty. */
  readonly bid: number;
  readonly ask: number;
  /** Open own orders of the account on this pair, whoever placed them. */
  readonly owns: readonly OrderView[];
  /** Sum of price × volume over all bids (quote units). */
  readonly totalBid: number;
  /** Sum of volume over all asks (base units). */
  readonly totalAsk: number;
  /** False while the book is empty or being resynchronised: do not trade on it. */
  readonly ok: boolean;
  /** Cumulative (base, quote) from the best price through `price` inclusive. */
  totalUpTo(side: BookSide, price: number): { readonly base: number; readonly quote: number };
  /** Own volume at exactly `price`. */
  ownVolumeAt(side: BookSide, price: number): number;
}

export interface Ticker {
  readonly bid: number;
  readonly ask: number;
  readonly last: number;
  /** 24 h volume, base units. */
  readonly volume: number;
  /** ms since the epoch (may have a fraction). */
  readonly time: number;
}

export interface Trade {
  readonly price: number;
  readonly volume: number;
  /** The taker's side. */
  readonly side: Side;
  readonly time: number;
  readonly id?: string;
}

export interface DepthChange {
  readonly side: BookSide;
  readonly price: number;
  /** New total volume at the level; 0 = removed. */
  readonly volume: number;
}

export interface CandleView {
  /** Open time, ms. */
  readonly time: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

export interface OrderOptions {
  /** Ask the venue to check the order without placing it. */
  readonly validate?: boolean;
}

/** What a strategy can read and do. Everything is read-only; commands never block. */
export interface StrategyApi {
  /** The strategy's name (file name without extension): its ini section is `[strategy.<name>]`. */
  readonly name: string;
  readonly instrument: InstrumentView;
  readonly book: BookView;
  /** Balances by asset code; {} while unknown (no account). */
  readonly wallet: Readonly<Record<string, number>>;
  /** Whether the account is known (a key is configured and balances arrived). */
  readonly hasAccount: boolean;
  /** This strategy's own orders that are still working (pending, open or unknown). */
  readonly orders: readonly OrderView[];
  /** Candles, oldest first. */
  readonly candles: readonly CandleView[];
  /** Candle length in minutes. */
  readonly timeframe: number;
  /** The last ticker, null before the first. */
  readonly ticker: Ticker | null;
  /** Maker fee in percent when the venue reported one, else null. */
  readonly fee: number | null;
  /** Settings from `[strategy.<name>]`, typed like the declared defaults. */
  readonly config: Readonly<Record<string, ConfigValue>>;
  /** True when this instance replaced an earlier one by a reload (`l`), false after a fresh start. */
  readonly reloaded: boolean;
  /** "live", "paper" (`--paper`) or "backtest" (`pytrader backtest`): the only difference a strategy sees. */
  readonly mode: StrategyMode;
  /**
   * Places a limit buy, or a market buy with price null (a price of 0 throws: it is more likely an empty
   * book side than a wish). Returns the order's id at once; its progress arrives through `onOwnsChanged`.
   * A refused order shows up there with status "rejected" and an `error`.
   */
  buy(price: number | string | null, volume: number | string, opts?: OrderOptions): string;
  sell(price: number | string | null, volume: number | string, opts?: OrderOptions): string;
  /** Cancels one of this strategy's orders. */
  cancel(id: string): void;
  /** Cancels every working order of this strategy (never anyone else's). */
  cancelAll(): void;
  /** Writes to the strategy log pane (and the log file). */
  log(...args: unknown[]): void;
  /** Calls `fn` after `ms` milliseconds (repeatedly with `repeat`); returns a function that cancels it. */
  setTimer(ms: number, fn: () => void, repeat?: boolean): () => void;
}

/** Optional handlers, named after the original's slots. `this` is the strategy instance. */
export interface Strategy {
  /** After construction; `state` is what onBeforeUnload returned last time (reload or earlier run). */
  onStart?(api: StrategyApi, state: unknown): void | Promise<void>;
  onTick?(ticker: Ticker): void | Promise<void>;
  /** One call per changed level (coalesced: the latest volume of each level since the last delivery). */
  onDepth?(change: DepthChange): void | Promise<void>;
  onTrade?(trade: Trade): void | Promise<void>;
  onBookChanged?(book: BookView): void | Promise<void>;
  onOwnsChanged?(orders: readonly OrderView[], changes: readonly OrderChange[]): void | Promise<void>;
  onHistoryChanged?(candles: readonly CandleView[]): void | Promise<void>;
  onWalletChanged?(wallet: Readonly<Record<string, number>>): void | Promise<void>;
  /** Letters a–z except q and l. */
  onKeypress?(key: string): void | Promise<void>;
  /** Before a reload or shutdown: return what the next instance should get (JSON-serialisable). */
  onBeforeUnload?(): unknown;
}

export type StrategyClass = new (api: StrategyApi) => Strategy;
export type StrategyFactory = (api: StrategyApi) => Strategy;
