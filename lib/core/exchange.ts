import type { Balances, BookSnapshot, Candle, ExchangeEvent, TickerChanged, TradePrinted } from "./events.ts";
import type { Instrument } from "./instrument.ts";
import type { EventSource } from "./event_stream.ts";
import type { Order, SubmitOrder } from "./orders.ts";

/** Read access to a book, best level at index 0; what a venue checksum is computed over. */
export interface BookReader {
  size(side: "bid" | "ask"): number;
  priceAt(side: "bid" | "ask", i: number): number;
  qtyAt(side: "bid" | "ask", i: number): number;
}

/** A decrypted API key pair; values come out only through reveal(), when signing. */
export interface ApiCredentials {
  readonly key: { reveal(): string };
  readonly secret: { reveal(): string };
}

/** How a venue adapter is to be built beyond its ini section. */
export interface VenueAccess {
  /** null: market data only. */
  readonly credentials: ApiCredentials | null;
  /** Stem for files a venue keeps beside the ini (e.g. Kraken's nonce state): the ini path without `.ini`. */
  readonly statePrefix: string;
  /** Own orders are filled locally against the live book (`--paper`). */
  readonly paper: boolean;
}

export type Channel = "book" | "trades" | "ticker" | "candles";

export interface Subscription {
  readonly symbol: string;
  readonly channels: readonly Channel[];
  /** Book depth to keep (levels per side). */
  readonly depth?: number;
  /** Candle length in minutes, for the candles channel. */
  readonly timeframe?: number;
}

export interface CandleQuery {
  /** Candle length in minutes. */
  readonly timeframe: number;
  /** Only candles opening at or after this time (ms). */
  readonly since?: number;
  /** At most this many, the newest. */
  readonly limit?: number;
}

/**
 * What the engine, commands and UI see of a venue; optional capabilities (order lookup, raw frames, book
 * verification, paper) are interfaces in capabilities.ts with type guards. Adapters (exchanges/<venue>) translate wire <-> these
 * shapes; everything above cannot tell the simulated market from a real one.
 */
export interface Exchange {
  readonly venue: string;
  /** Tradable pairs, as the venue describes them. */
  instruments(): Promise<readonly Instrument[]>;
  /** Opens the streaming connection(s). */
  connect(): Promise<void>;
  /** Starts streaming the channels; events arrive on `events()`. */
  subscribe(sub: Subscription): Promise<void>;
  /**
   * The single stream of everything the venue reports, in arrival order, one by one or in bursts (the
   * events of one socket message together). Ends after close().
   */
  events(): EventSource<ExchangeEvent>;
  /** One-shot requests, answered without a subscription. */
  ticker(symbol: string): Promise<TickerChanged>;
  book(symbol: string, depth: number): Promise<BookSnapshot>;
  /** Candles oldest first. */
  candles(symbol: string, query: CandleQuery): Promise<Candle[]>;
  /** The newest public trades, oldest first; venues without a trade history leave this out. */
  trades?(symbol: string, limit: number): Promise<TradePrinted[]>;
  /** The venue's clock (ms since the epoch), for checking the local clock's offset. */
  serverTime?(): Promise<number>;
  /** Account; adapters without credentials throw AuthenticationError. */
  balances(): Promise<Balances>;
  openOrders(symbol?: string): Promise<Order[]>;
  /**
   * Sends the order once. Resolves with the venue's acknowledgement; rejects with an ExchangeError subclass
   * only when the venue certainly refused this very request, with a NetworkError when the outcome is not
   * certain (timeout, dropped connection, 5xx, an answer that does not prove the order was not taken).
   */
  placeOrder(cmd: SubmitOrder): Promise<Order>;
  /** Cancels by venue id or client id; resolves with the order as canceled. */
  cancelOrder(id: string): Promise<Order>;
  close(): Promise<void>;
}
