/**
 * Wire shapes of Kraken WS v2 and REST, as read by parseLexemeJson: every JSON number arrives as its
 * source text (`Num`), so no precision is lost before the text becomes ticks.
 * Sources: protocols.md §1.3-1.4; https://docs.kraken.com/api/docs/websocket-v2/ ; krakenfx/api-specs.
 */

/** A JSON number's source text ("45283.5", "0.10000000", "14949390454975033707"). */
export type Num = string;

export interface WsLevel {
  readonly price: Num;
  readonly qty: Num;
}

export interface WsBookItem {
  readonly symbol: string;
  readonly bids: readonly WsLevel[];
  readonly asks: readonly WsLevel[];
  readonly checksum: Num;
  /** Updates only. */
  readonly timestamp?: string;
}

export interface WsTickerItem {
  readonly symbol: string;
  readonly bid: Num;
  readonly bid_qty: Num;
  readonly ask: Num;
  readonly ask_qty: Num;
  readonly last: Num;
  readonly volume: Num;
  readonly vwap: Num;
  readonly low: Num;
  readonly high: Num;
  readonly change: Num;
  readonly change_pct: Num;
  readonly timestamp?: string;
}

export interface WsTradeItem {
  readonly symbol: string;
  /** The taker's side. */
  readonly side: "buy" | "sell";
  readonly price: Num;
  readonly qty: Num;
  readonly ord_type: string;
  readonly trade_id: Num;
  readonly timestamp: string;
}

export interface WsOhlcItem {
  readonly symbol: string;
  readonly open: Num;
  readonly high: Num;
  readonly low: Num;
  readonly close: Num;
  readonly trades: Num;
  readonly volume: Num;
  readonly vwap: Num;
  readonly interval_begin: string;
  /** Minutes. */
  readonly interval: Num;
}

export interface WsInstrumentPair {
  readonly symbol: string;
  readonly base: string;
  readonly quote: string;
  readonly status: string;
  readonly qty_precision: Num;
  readonly qty_min: Num;
  readonly price_precision: Num;
  readonly price_increment: Num;
  readonly cost_min?: Num;
}

export interface WsStatusItem {
  readonly api_version: string;
  /** Can exceed 2^53: kept as text. */
  readonly connection_id: Num;
  readonly system: string;
  readonly version: string;
}

/** Any server frame: data frames carry `channel`, replies carry `method`. */
export interface WsFrame {
  readonly channel?: string;
  readonly type?: "snapshot" | "update";
  readonly data?: unknown;
  readonly method?: string;
  readonly req_id?: Num;
  readonly success?: boolean;
  readonly error?: string;
  readonly result?: { readonly channel?: string; readonly symbol?: string; readonly depth?: Num };
}

/** What the client sends. */
export interface WsRequest {
  readonly method: "subscribe" | "unsubscribe" | "ping";
  readonly params?: Readonly<Record<string, unknown>>;
  readonly req_id: number;
}

/** REST envelope: `{"error": [...], "result": {...}}`. */
export interface RestEnvelope<T> {
  readonly error?: readonly string[];
  readonly result?: T;
}

export interface RestAssetPair {
  readonly altname?: string;
  readonly wsname?: string;
  readonly base: string;
  readonly quote: string;
  readonly pair_decimals: Num;
  readonly lot_decimals: Num;
  readonly ordermin?: string;
  readonly costmin?: string;
  readonly tick_size?: string;
  readonly status?: string;
}

/** Ticker: a/b = [price, whole-lot volume, lot volume], c = [last, lot volume], v = [today, 24 h]. */
export interface RestTicker {
  readonly a: readonly string[];
  readonly b: readonly string[];
  readonly c: readonly string[];
  readonly v: readonly string[];
}

/** Depth: [price, volume, timestamp]. */
export interface RestDepth {
  readonly asks: readonly (readonly [string, string, Num])[];
  readonly bids: readonly (readonly [string, string, Num])[];
}

/** OHLC row: [time (s), open, high, low, close, vwap, volume, count]. */
export type RestOhlcRow = readonly [Num, string, string, string, string, string, string, Num];
