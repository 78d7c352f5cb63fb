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

/**
 * An order in OpenOrders, ClosedOrders and QueryOrders answers (krakenfx/api-specs :
 * spot-rest/schemas/objects/user/orders/order.yaml; examples in kraken-rest-responses.json).
 */
export interface RestOrder {
  readonly cl_ord_id?: string | null;
  readonly userref?: Num | null;
  /** pending, open, closed, canceled, expired. */
  readonly status: string;
  /** Seconds since the epoch, with decimals. */
  readonly opentm?: Num;
  readonly closetm?: Num;
  readonly descr: {
    /** The REST pair name ("XBTUSD"). */
    readonly pair: string;
    readonly type: string;
    readonly ordertype: string;
    readonly price: string;
    readonly price2?: string;
  };
  readonly vol: string;
  readonly vol_exec: string;
  readonly cost?: string;
  readonly fee?: string;
  /** Average price. */
  readonly price?: string;
}

/** AddOrder: one txid in an array; none with validate=true. */
export interface RestAddOrder {
  readonly descr?: { readonly order?: string };
  readonly txid?: readonly string[];
}

/**
 * One execution report of the private `executions` channel (https://docs.kraken.com/api/docs/websocket-v2/executions).
 * Which fields appear depends on `exec_type`: pending_new and snapshots carry the order's details,
 * new/canceled updates little more than the ids, trades the fill.
 */
export interface WsExecution {
  readonly exec_type: string;
  readonly order_id: string;
  readonly cl_ord_id?: string;
  readonly order_status?: string;
  readonly symbol?: string;
  readonly side?: string;
  readonly order_type?: string;
  readonly order_qty?: Num;
  readonly limit_price?: Num;
  readonly cum_qty?: Num;
  readonly avg_price?: Num;
  readonly last_qty?: Num;
  readonly last_price?: Num;
  /** "m" maker, "t" taker. */
  readonly liquidity_ind?: string;
  readonly fees?: readonly { readonly asset: string; readonly qty: Num }[];
  readonly exec_id?: string;
  readonly timestamp?: string;
  readonly reason?: string;
}

/** A balances snapshot item (https://docs.kraken.com/api/docs/websocket-v2/balances). */
export interface WsBalance {
  readonly asset: string;
  readonly balance: Num;
  readonly wallets?: readonly { readonly type: string; readonly id?: string; readonly balance: Num }[];
}

/** A balances update: one ledger entry. */
export interface WsLedgerEntry {
  readonly asset: string;
  readonly balance: Num;
  readonly wallet_type?: string;
  readonly amount?: Num;
  readonly fee?: Num;
  readonly type?: string;
}
