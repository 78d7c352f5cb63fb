import type { Order, Side } from "./orders.ts";

/** One price level: price and quantity in ticks of the instrument. Quantity 0 deletes the level. */
export interface PriceLevel {
  readonly price: number;
  readonly qty: number;
}

/** One OHLCV candle; prices in price ticks, volume in qty ticks; `time` is the open time in ms. */
export interface Candle {
  readonly time: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  readonly trades: number;
}

export interface BookSnapshot {
  readonly kind: "BookSnapshot";
  readonly symbol: string;
  /** Best first: bids descending, asks ascending. */
  readonly bids: readonly PriceLevel[];
  readonly asks: readonly PriceLevel[];
  readonly time: number;
  /** Venue checksum of the book after this message, when the venue sends one. */
  readonly checksum?: number;
}

export interface BookUpdate {
  readonly kind: "BookUpdate";
  readonly symbol: string;
  /** Changes in the order they must be applied; qty 0 removes the level. */
  readonly bids: readonly PriceLevel[];
  readonly asks: readonly PriceLevel[];
  readonly time: number;
  readonly checksum?: number;
}

export interface TradePrinted {
  readonly kind: "TradePrinted";
  readonly symbol: string;
  readonly price: number;
  readonly qty: number;
  /** The taker's side. */
  readonly side: Side;
  readonly time: number;
  readonly id?: string;
}

export interface TickerChanged {
  readonly kind: "TickerChanged";
  readonly symbol: string;
  readonly bid: number;
  readonly ask: number;
  readonly last: number;
  /** 24 h volume in qty ticks. */
  readonly volume: number;
  readonly time: number;
}

export interface CandleUpdated {
  readonly kind: "CandleUpdated";
  readonly symbol: string;
  /** Candle length in minutes. */
  readonly timeframe: number;
  readonly candle: Candle;
}

export interface OrderAccepted {
  readonly kind: "OrderAccepted";
  readonly order: Order;
}

export interface OrderFilled {
  readonly kind: "OrderFilled";
  /** The order after the fill. */
  readonly order: Order;
  readonly price: number;
  readonly qty: number;
  /** Fee charged, decimal text in the quote currency. */
  readonly fee: string;
  readonly liquidity: "maker" | "taker";
  readonly time: number;
}

export interface OrderCanceled {
  readonly kind: "OrderCanceled";
  readonly order: Order;
  readonly time: number;
}

export interface OrderRejected {
  readonly kind: "OrderRejected";
  readonly clientId: string;
  readonly reason: string;
  readonly time: number;
}

/** Balances by asset code, amounts as decimal text. */
export type Balances = Readonly<Record<string, string>>;

export interface WalletChanged {
  readonly kind: "WalletChanged";
  readonly balances: Balances;
  readonly time: number;
}

export type ConnectionState = "connecting" | "connected" | "stale" | "resyncing" | "down";

export interface ConnectionChanged {
  readonly kind: "ConnectionChanged";
  readonly state: ConnectionState;
  readonly detail?: string;
  readonly time: number;
}

/** Why a local book stopped being trustworthy. */
export type BookProblem =
  | "checksum"
  | "sequence-gap"
  | "stale-snapshot"
  | "crossed"
  | "invalid"
  | "reconnect";

/**
 * The venue's book of `symbol` is known to be wrong or incomplete, whatever the venue's method of telling
 * (a checksum, a broken id chain, a snapshot older than the diffs, a crossed book, a reconnect). Updates are
 * no longer applied and nothing is traded on it until the next `BookSnapshot`; the adapter that reports
 * this has already asked its venue for that snapshot.
 */
export interface BookIntegrityLost {
  readonly kind: "BookIntegrityLost";
  readonly symbol: string;
  readonly reason: BookProblem;
  /** For the log: `checksum 123 does not match the venue's 456`. */
  readonly detail: string;
  readonly time: number;
}

export type MarketEvent =
  | BookSnapshot
  | BookUpdate
  | BookIntegrityLost
  | TradePrinted
  | TickerChanged
  | CandleUpdated;
export type AccountEvent = OrderAccepted | OrderFilled | OrderCanceled | OrderRejected | WalletChanged;
export type ExchangeEvent = MarketEvent | AccountEvent | ConnectionChanged;
