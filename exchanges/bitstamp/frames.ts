/**
 * Bitstamp wire shapes (protocols.md §2, §5.1), as far as PyTrader reads them. Everything is optional and
 * `unknown` where the venue has been seen to vary; the parsers check each field they use.
 */

/** A book level: `[price, amount]` as decimal text (`[price, amount, order_id]` in detail books). */
export type WireLevel = readonly [string, string, ...unknown[]];

/** Every WebSocket v2 message: `{"event", "channel", "data"}`, keys in any order. */
export interface WsEnvelope {
  readonly event?: unknown;
  readonly channel?: unknown;
  readonly data?: unknown;
}

/** `order_book_<pair>` (top 100 a side) and `diff_order_book_<pair>` (changed levels) data. */
export interface WsBookData {
  readonly timestamp?: unknown;
  /** Microseconds since the epoch, as text: "1789456316507635". */
  readonly microtimestamp?: unknown;
  readonly bids?: unknown;
  readonly asks?: unknown;
}

/** `live_trades_<pair>` data: numbers with `*_str` twins (use the twins). */
export interface WsTradeData {
  readonly id?: unknown;
  readonly amount_str?: unknown;
  readonly price_str?: unknown;
  /** 0 buy, 1 sell. */
  readonly type?: unknown;
  readonly microtimestamp?: unknown;
  readonly timestamp?: unknown;
}

/** `private-my_orders_<pair>-<uid>` data (order_created / order_changed / order_deleted). */
export interface WsMyOrderData {
  readonly id?: unknown;
  readonly id_str?: unknown;
  readonly client_order_id?: unknown;
  /** 0 buy, 1 sell. */
  readonly order_type?: unknown;
  readonly microtimestamp?: unknown;
  /** Remaining amount. */
  readonly amount?: unknown;
  readonly amount_str?: unknown;
  readonly amount_traded?: unknown;
  readonly amount_at_create?: unknown;
  readonly price?: unknown;
  readonly price_str?: unknown;
}

/** `private-my_trades_<pair>-<uid>` data (event `trade`). */
export interface WsMyTradeData {
  readonly id?: unknown;
  readonly order_id?: unknown;
  readonly client_order_id?: unknown;
  readonly amount?: unknown;
  readonly price?: unknown;
  readonly fee?: unknown;
  /** "buy" / "sell". */
  readonly side?: unknown;
  readonly microtimestamp?: unknown;
}

/** One entry of `GET markets/` (field names: protocols.md §5.1.3). */
export interface RestMarket {
  readonly name?: unknown;
  readonly market_symbol?: unknown;
  readonly base_currency?: unknown;
  readonly base_decimals?: unknown;
  readonly counter_currency?: unknown;
  readonly counter_decimals?: unknown;
  readonly minimum_order_value?: unknown;
  readonly minimum_order_amount?: unknown;
  /** The old `trading-pairs-info/` spelling, "20.0 USD". */
  readonly minimum_order?: unknown;
  readonly trading?: unknown;
  readonly market_type?: unknown;
}

export interface RestTicker {
  readonly last?: unknown;
  readonly bid?: unknown;
  readonly ask?: unknown;
  readonly volume?: unknown;
  readonly timestamp?: unknown;
}

export interface RestOrderBook {
  readonly timestamp?: unknown;
  readonly microtimestamp?: unknown;
  readonly bids?: unknown;
  readonly asks?: unknown;
}

/** One public transaction (`transactions/<pair>/`): newest first. */
export interface RestTransaction {
  readonly date?: unknown;
  readonly tid?: unknown;
  readonly price?: unknown;
  readonly amount?: unknown;
  /** "0" buy, "1" sell. */
  readonly type?: unknown;
}

export interface RestOhlcRow {
  readonly timestamp?: unknown;
  readonly open?: unknown;
  readonly high?: unknown;
  readonly low?: unknown;
  readonly close?: unknown;
  readonly volume?: unknown;
}

/** `account_balances/` entry. */
export interface RestBalance {
  readonly currency?: unknown;
  readonly total?: unknown;
  readonly available?: unknown;
  readonly reserved?: unknown;
}

/** `open_orders/all/` entry, and the buy/sell answer. */
export interface RestOpenOrder {
  readonly id?: unknown;
  readonly datetime?: unknown;
  /** "0" buy, "1" sell. */
  readonly type?: unknown;
  readonly price?: unknown;
  /** Remaining amount (open orders); the ordered amount (buy/sell answer). */
  readonly amount?: unknown;
  readonly amount_at_create?: unknown;
  /** "BTC/USD". */
  readonly market?: unknown;
  /** Deprecated twin of `market`. */
  readonly currency_pair?: unknown;
  readonly client_order_id?: unknown;
}

/** `order_status/` answer. */
export interface RestOrderStatus {
  readonly id?: unknown;
  readonly datetime?: unknown;
  readonly type?: unknown;
  /** Open, Finished, Expired, Canceled, "Cancel pending" ("In Queue" in older answers). */
  readonly status?: unknown;
  readonly market?: unknown;
  readonly amount_remaining?: unknown;
  readonly client_order_id?: unknown;
  readonly transactions?: unknown;
}

/** A transaction of an order in `order_status/`: the base amount sits under the base currency's code. */
export type RestOrderTransaction = Readonly<Record<string, unknown>>;

/** `websockets_token/` answer. */
export interface RestWsToken {
  readonly token?: unknown;
  readonly user_id?: unknown;
  readonly valid_sec?: unknown;
}
