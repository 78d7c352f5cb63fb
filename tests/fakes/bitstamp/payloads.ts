/**
 * Payloads the fake Bitstamp answers with, each from Bitstamp's documentation or a recording, with its
 * source. Shapes are never invented; where a sample gives the shape and the fake needs its own values (a
 * generated book, the fake account's orders), the values are the fake's and the field names the sample's.
 */

/**
 * `GET /api/v2/markets/`: field names as JKorf's model of the endpoint (`github JKorf/Bitstamp.Net :
 * Bitstamp.Net/Objects/Models/BitstampSymbol.cs`, protocols.md §5.1.3); the two entries as a public client's
 * recorded answer of /api/v2/markets/ (find_string `"minimum_order_value": "0.00020000"`): BTC/USD prices in
 * whole dollars (as the live probe's `77049` of protocols.md §5.1.7), ETH/BTC at 8 decimals. The BTC/USD
 * `minimum_order_amount` (JKorf's field) is the fake's own: the sample leaves it out.
 */
export const MARKETS = [
  {
    name: "BTC/USD",
    market_symbol: "btcusd",
    base_currency: "BTC",
    base_decimals: 8,
    counter_currency: "USD",
    counter_decimals: 0,
    minimum_order_value: "10",
    minimum_order_amount: "0.00002000",
    trading: "Enabled",
    instant_order_counter_decimals: 2,
    instant_and_market_orders: "Enabled",
    description: "Bitcoin / U.S. dollar",
    market_type: "SPOT",
  },
  {
    name: "ETH/BTC",
    market_symbol: "ethbtc",
    base_currency: "ETH",
    base_decimals: 8,
    counter_currency: "BTC",
    counter_decimals: 8,
    minimum_order_value: "0.00020000",
    trading: "Enabled",
    instant_order_counter_decimals: 8,
    instant_and_market_orders: "Enabled",
    description: "Ethereum / Bitcoin",
    market_type: "SPOT",
  },
] as const;

/**
 * `GET /api/v2/ticker/btcusd/` as recorded in ccxt's comment (`github ccxt/ccxt : ts/src/bitstamp.ts`
 * parseTicker, protocols.md §2.2); the fake puts its own book's best bid and ask in `bid`/`ask`.
 */
export const TICKER = {
  timestamp: "1686068944",
  high: "26252",
  last: "26216",
  bid: "26208",
  vwap: "25681",
  volume: "3563.13819902",
  low: "25350",
  ask: "26211",
  open: "25730",
  open_24: "25895",
  percent_change_24: "1.24",
} as const;

/**
 * `GET /api/v2/transactions/ethbtc/` as recorded in ccxt's comment (fetchTrades, `ts/src/bitstamp.ts`):
 * newest first, type 0 a buy and 1 a sell. The fake serves it for ETH/BTC; BTC/USD trades are the fake's
 * own fills and generated prints in the same shape.
 */
export const ETHBTC_TRANSACTIONS = [
  { date: "1551814435", tid: "83581898", price: "0.03532850", type: "1", amount: "0.85945907" },
  { date: "1551814434", tid: "83581896", price: "0.03532851", type: "1", amount: "11.34130961" },
] as const;

/**
 * `GET /api/v2/ohlc/btcusd/` rows as recorded in ccxt's comment (fetchOHLCV): `{"data": {"pair", "ohlc":
 * [{high, timestamp, volume, low, close, open}]}}`; the fake generates its candles in that shape.
 */
export const OHLC_SHAPE = {
  data: {
    pair: "BTC/USD",
    ohlc: [{
      high: "9064.77",
      timestamp: "1593961440",
      volume: "18.49436608",
      low: "9040.87",
      close: "9064.77",
      open: "9040.87",
    }],
  },
} as const;

/**
 * `POST /api/v2/account_balances/` entry as recorded in ccxt's comment (fetchBalance): `{currency, total,
 * available, reserved}` with lowercase codes. The amounts are the fake account's.
 */
export const BALANCES: readonly { currency: string; total: string }[] = [
  { currency: "usd", total: "250000.00" },
  { currency: "btc", total: "10.00000000" },
  { currency: "eth", total: "0.00000000" },
  { currency: "usdt", total: "7.00000" },
];

/** The heartbeat reply (protocols.md §5.1.1, [doc-q, probe]). */
export const HEARTBEAT_REPLY = '{"event": "bts:heartbeat", "channel": "", "data": {"status": "success"}}';

/** `bts:request_reconnect`: the doc example's `data` is null (protocols.md §5.1.1). */
export const REQUEST_RECONNECT = '{"event": "bts:request_reconnect", "channel": "", "data": null}';

/** The unauthorized error (protocols.md §5.1.1, quoted from a ccxt comment). */
export const UNAUTHORIZED =
  '{"event":"bts:error","channel":"","data":{"code":4009,"message":"Connection is unauthorized."}}';

/** Probe texts for malformed requests (protocols.md §5.1.1): `code` null. */
export function wsError(
  message: "Incorrect JSON format." | "Bad subscription string." | "Invalid channel provided.",
): string {
  return JSON.stringify({ event: "bts:error", channel: "", data: { code: null, message } });
}

/** The authentication errors of https://www.bitstamp.net/api/ ("Possible authentication errors"). */
export const AUTH_ERRORS = {
  API0001: "API key not found",
  API0004: "Invalid nonce",
  API0005: "Invalid signature",
  API0010: "Invalid version",
  API0017: "X-Auth-Timestamp header is out of boundaries",
  API0019: "Content-Type header is not accepted",
  API0020: "Content-Type header should not be present",
} as const;
