/**
 * Wire shapes of Poloniex spot v3 (protocols.md §3, §5.2). Decimals arrive as JSON strings; ids and times as
 * JSON numbers, read either by JSON.parse (public frames: `number`) or by parseLexemeJson (private frames,
 * whose ids can exceed 2^53: the number's source text). `Num` covers both.
 * Sources: https://api-docs.poloniex.com/spot/ ; github poloniex/polo-sdk-python ; the samples ccxt quotes
 * from the live service (github ccxt/ccxt : ts/src/poloniex.ts, ts/src/pro/poloniex.ts).
 */

export type Num = string | number;

/** `[price, quantity]` as decimal text. */
export type WsLevel = readonly [string, string];

export interface WsBookItem {
  readonly symbol: string;
  readonly createTime?: Num;
  readonly asks?: readonly WsLevel[];
  readonly bids?: readonly WsLevel[];
  /** The id of the previous message of this book (SeqId); each update's lastId is the last message's id. */
  readonly lastId: Num;
  readonly id: Num;
  readonly ts?: Num;
}

export interface WsTickerItem {
  readonly symbol: string;
  readonly startTime?: Num;
  readonly open?: string;
  readonly high?: string;
  readonly low?: string;
  readonly close: string;
  /** Base units over 24 h. */
  readonly quantity: string;
  /** Quote units over 24 h. */
  readonly amount?: string;
  readonly tradeCount?: Num;
  readonly dailyChange?: string;
  readonly markPrice?: string;
  readonly closeTime?: Num;
  readonly ts?: Num;
}

export interface WsTradeItem {
  readonly symbol: string;
  /** Quote units. */
  readonly amount?: string;
  /** Base units. */
  readonly quantity: string;
  /** "buy"/"sell" on the socket, "BUY"/"SELL" over REST. */
  readonly takerSide: string;
  readonly createTime: Num;
  readonly price: string;
  readonly id: Num;
  readonly ts?: Num;
}

export interface WsCandleItem {
  readonly symbol: string;
  readonly amount?: string;
  readonly high: string;
  /** Base units. */
  readonly quantity: string;
  readonly tradeCount?: Num;
  readonly low: string;
  readonly closeTime?: Num;
  readonly startTime: Num;
  readonly close: string;
  readonly open: string;
  readonly ts?: Num;
}

/** Any public frame: data frames carry `channel`, replies carry `event`. */
export interface WsFrame {
  readonly channel?: unknown;
  readonly action?: unknown;
  readonly data?: unknown;
  readonly event?: unknown;
  readonly symbols?: unknown;
  readonly message?: unknown;
}

/** `GET /markets` item. */
export interface RestMarket {
  readonly symbol: string;
  readonly baseCurrencyName: string;
  readonly quoteCurrencyName: string;
  readonly displayName?: string;
  /** NORMAL, PAUSE, POST_ONLY. */
  readonly state?: string;
  readonly symbolTradeLimit?: {
    readonly priceScale: Num;
    readonly quantityScale: Num;
    readonly amountScale?: Num;
    readonly minQuantity?: Num;
    readonly minAmount?: Num;
  };
}

/** `GET /markets/{symbol}/ticker24h`. */
export interface RestTicker {
  readonly symbol?: string;
  readonly close: string;
  readonly quantity: string;
  readonly bid?: string;
  readonly ask?: string;
  readonly ts?: Num;
}

/** `GET /markets/{symbol}/orderBook`: flat `[price, qty, price, qty, ...]` arrays, best first. */
export interface RestOrderBook {
  readonly time?: Num;
  readonly scale?: string;
  readonly asks: readonly string[];
  readonly bids: readonly string[];
  readonly ts?: Num;
}

/**
 * `GET /markets/{symbol}/candles` row: [low, high, open, close, amount, quantity, buyTakerAmount,
 * buyTakerQuantity, tradeCount, ts, weightedAverage, interval, startTime, closeTime]. Low and high first.
 */
export type RestCandleRow = readonly (string | number)[];

/** `GET /markets/{symbol}/trades` item. */
export interface RestTrade {
  readonly id: Num;
  readonly price: string;
  readonly quantity: string;
  readonly amount?: string;
  readonly takerSide: string;
  readonly ts?: Num;
  readonly createTime: Num;
}

/** `GET /accounts/balances` item. */
export interface RestAccount {
  readonly accountId?: Num;
  readonly accountType?: string;
  readonly balances: readonly {
    readonly currencyId?: Num;
    readonly currency: string;
    readonly available: string;
    readonly hold: string;
  }[];
}

/** An order of `GET /orders`, `GET /orders/{id}` and `GET /orders/cid:{id}`. */
export interface RestOrder {
  readonly id: Num;
  readonly clientOrderId?: string;
  readonly symbol: string;
  /** PENDING_NEW, NEW, PARTIALLY_FILLED, FILLED, PENDING_CANCEL, PARTIALLY_CANCELED, CANCELED, REJECTED, EXPIRED, FAILED. */
  readonly state: string;
  readonly accountType?: string;
  readonly side: string;
  /** MARKET, LIMIT, LIMIT_MAKER. */
  readonly type: string;
  readonly timeInForce?: string;
  /** Base units ordered; "0" for a market buy by quote amount. */
  readonly quantity: string;
  readonly price: string;
  readonly avgPrice?: string;
  /** Quote units ordered (market buys). */
  readonly amount?: string;
  readonly filledQuantity: string;
  readonly filledAmount?: string;
  readonly createTime?: Num;
  readonly updateTime?: Num;
}

/** One item of a cancel answer (`DELETE /orders/{id}` alone, the batch forms as a list). */
export interface RestCancel {
  readonly orderId: Num;
  readonly clientOrderId?: string;
  readonly state?: string;
  readonly code?: Num;
  readonly message?: string;
}

/** An event of the private `orders` channel. */
export interface WsOrderEvent {
  readonly symbol: string;
  readonly type: string;
  readonly quantity: string;
  readonly orderId: Num;
  readonly tradeFee?: string;
  readonly clientOrderId?: string;
  readonly accountType?: string;
  readonly feeCurrency?: string;
  /** place, trade, canceled. */
  readonly eventType: string;
  readonly side: string;
  readonly filledQuantity?: string;
  readonly filledAmount?: string;
  readonly matchRole?: string;
  readonly state: string;
  readonly tradeTime?: Num;
  readonly tradeAmount?: string;
  readonly orderAmount?: string;
  readonly createTime?: Num;
  readonly price: string;
  readonly tradeQty?: string;
  readonly tradePrice?: string;
  readonly tradeId?: Num;
  readonly ts?: Num;
}

/** An event of the private `balances` channel; its `id` can exceed 2^53. */
export interface WsBalanceEvent {
  readonly changeTime?: Num;
  readonly accountId?: Num;
  readonly accountType?: string;
  readonly eventType?: string;
  readonly available: string;
  readonly currency: string;
  readonly id?: Num;
  readonly userId?: Num;
  readonly hold: string;
  readonly ts?: Num;
}
