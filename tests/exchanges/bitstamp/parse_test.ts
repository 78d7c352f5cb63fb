/**
 * Frames and answers from Bitstamp's documentation and from recordings, each with its source, through the
 * adapter's pure parsers.
 */
import { assert, assertEquals } from "../../assert.ts";
import type { Instrument } from "../../../lib/core/mod.ts";
import { parseWsFrame } from "../../../exchanges/bitstamp/parse.ts";
import { instrumentsFromMarkets } from "../../../exchanges/bitstamp/symbols.ts";
import {
  candlesFromOhlc,
  restBook,
  tickerFromRest,
  tradesFromTransactions,
} from "../../../exchanges/bitstamp/rest_parse.ts";
import {
  balancesFromRest,
  orderFromOpen,
  orderFromStatus,
} from "../../../exchanges/bitstamp/private_parse.ts";
import { OwnOrders } from "../../../exchanges/bitstamp/own_orders.ts";
import { MARKETS, OHLC_SHAPE, TICKER } from "../../fakes/bitstamp/payloads.ts";

const inst = (
  symbol: string,
  venueSymbol: string,
  pricePrecision: number,
  qtyPrecision: number,
): Instrument => {
  const [base, quote] = symbol.split("/") as [string, string];
  return {
    symbol,
    base,
    quote,
    pricePrecision,
    qtyPrecision,
    priceIncrement: 1,
    minQty: 0,
    minCost: "0",
    venueSymbol,
  };
};
const ETH_USD = inst("ETH/USD", "ethusd", 2, 8);
const BTC_USD = inst("BTC/USD", "btcusd", 2, 8);
const PERP = inst("BTC/USD", "btcusd-perp", 0, 8);
const markets = (...list: Instrument[]) => (name: string) => list.find((i) => i.venueSymbol === name);

Deno.test("markets/: symbols from base and counter currency, decimals and minimums; derivatives left out", () => {
  // tests/fakes/bitstamp/payloads.ts MARKETS (a recorded markets/ answer; JKorf's field names).
  const list = instrumentsFromMarkets([...MARKETS, {
    ...MARKETS[0],
    market_symbol: "btcusd-perp",
    market_type: "PERPETUAL",
  }]);
  assertEquals(list, [
    {
      symbol: "BTC/USD",
      base: "BTC",
      quote: "USD",
      pricePrecision: 0,
      qtyPrecision: 8,
      priceIncrement: 1,
      minQty: 2000,
      minCost: "10",
      venueSymbol: "btcusd",
    },
    {
      symbol: "ETH/BTC",
      base: "ETH",
      quote: "BTC",
      pricePrecision: 8,
      qtyPrecision: 8,
      priceIncrement: 1,
      minQty: 0,
      minCost: "0.00020000",
      venueSymbol: "ethbtc",
    },
  ]);
  // The obsolete trading-pairs-info/ entry as ccxt's comment records it: `name` and `minimum_order` "20.0 USD".
  const old = instrumentsFromMarkets([{
    trading: "Enabled",
    base_decimals: 8,
    url_symbol: "btcusd",
    market_symbol: "btcusd",
    name: "BTC/USD",
    instant_and_market_orders: "Enabled",
    minimum_order: "20.0 USD",
    counter_decimals: 2,
    description: "Bitcoin / U.S. dollar",
  }]);
  assertEquals([old[0]!.symbol, old[0]!.pricePrecision, old[0]!.minCost], ["BTC/USD", 2, "20.0"]);
});

Deno.test("diff_order_book: JKorf's recorded frame; deletions at any spelling of zero are qty 0", () => {
  // github JKorf/Bitstamp.Net : Bitstamp.Net.UnitTests/Subscriptions/ExchangeApi/DiffBook.txt (bids cut to 3).
  const text =
    '{"data":{"timestamp":"1772723362","microtimestamp":"1772723362377013","bids":[["2087.28","0.500000"],["2087.19","0.00000000"],["2087.09","0.056000"]],"asks":[["2087.29","6.330796"],["2087.37","0.00000000"]]},"channel":"diff_order_book_ethusd","event":"data"}';
  const msg = parseWsFrame(text, markets(ETH_USD), 0);
  assert(msg.type === "book");
  assertEquals([msg.kind, msg.micros], ["diff", 1772723362377013]);
  assertEquals(msg.bids, [{ price: 208728, qty: 50000000 }, { price: 208719, qty: 0 }, {
    price: 208709,
    qty: 5600000,
  }]);
  assertEquals(msg.asks, [{ price: 208729, qty: 633079600 }, { price: 208737, qty: 0 }]);
});

Deno.test("diff_order_book: the live probe's frame of a market with a dash (protocols.md §5.1.7)", () => {
  const text =
    '{"data":{"timestamp":"1789456316","microtimestamp":"1789456316507635","bids":[["77049","0.00000"],["77035","2.45710"]],"asks":[["77409","0.00000"]]},"channel":"diff_order_book_btcusd-perp","event":"data"}';
  const msg = parseWsFrame(text, markets(PERP), 0);
  assert(msg.type === "book");
  assertEquals([msg.micros, msg.bids, msg.asks], [1789456316507635, [{ price: 77049, qty: 0 }, {
    price: 77035,
    qty: 245710000,
  }], [{ price: 77409, qty: 0 }]]);
});

Deno.test("live_trades: JKorf's recorded frame, read from the *_str twins; type 0 a buy", () => {
  // github JKorf/Bitstamp.Net : Bitstamp.Net.UnitTests/Subscriptions/ExchangeApi/Trades.txt
  const text =
    '{"data":{"id":542327128,"timestamp":"1772723751","amount":0.241,"amount_str":"0.241000","price":2090.22,"price_str":"2090.22","type":0,"microtimestamp":"1772723751946000","buy_order_id":1982008431775746,"sell_order_id":1982008430600193},"channel":"live_trades_ethusd","event":"trade"}';
  const msg = parseWsFrame(text, markets(ETH_USD), 0);
  assertEquals(msg, {
    type: "trade",
    trade: {
      kind: "TradePrinted",
      symbol: "ETH/USD",
      price: 209022,
      qty: 24100000,
      side: "buy",
      time: 1772723751946,
      id: "542327128",
    },
  });
});

Deno.test("control frames: ack, heartbeat reply, request_reconnect whatever its data, errors", () => {
  const m = markets(ETH_USD);
  // JKorf's Trades.txt ack; the heartbeat reply and errors of protocols.md §5.1.1.
  assertEquals(
    parseWsFrame(
      '{ "event": "bts:subscription_succeeded", "channel": "live_trades_ethusd", "data": {}}',
      m,
      0,
    ),
    { type: "subscribed", channel: "live_trades_ethusd" },
  );
  assertEquals(
    parseWsFrame('{"event": "bts:heartbeat", "channel": "", "data": {"status": "success"}}', m, 0),
    { type: "heartbeat" },
  );
  for (const data of ["null", '""', "{}"]) {
    assertEquals(parseWsFrame(`{"event": "bts:request_reconnect", "channel": "", "data": ${data}}`, m, 0), {
      type: "reconnect",
    });
  }
  assertEquals(
    parseWsFrame(
      '{"event":"bts:error","channel":"","data":{"code":4009,"message":"Connection is unauthorized."}}',
      m,
      0,
    ),
    { type: "error", code: 4009, message: "Connection is unauthorized.", channel: "" },
  );
  assertEquals(
    parseWsFrame(
      '{"event":"bts:error","channel":"","data":{"code":null,"message":"Bad subscription string."}}',
      m,
      0,
    ),
    { type: "error", code: null, message: "Bad subscription string.", channel: "" },
  );
  assertEquals(parseWsFrame("not json", m, 0).type, "rejected");
  assertEquals(
    (parseWsFrame('{"event":"data","channel":"order_book_xyzabc","data":{}}', m, 0) as { reason: string })
      .reason,
    "unknown symbol",
  );
});

Deno.test("private-my_orders: the recorded order layout, remaining in amount; a deletion with some left is a cancel", () => {
  // The recorded live_orders_btcusd order_changed frame (find_string `"amount_at_create"`), on the account
  // channel with a client id as protocols.md §5.1.6 lists.
  const changed =
    '{"data":{"id":1668902609674242,"id_str":"1668902609674242","client_order_id":"pt0001","order_type":1,"datetime":"1696281903","microtimestamp":"1696281903146000","amount":1.07512726,"amount_str":"1.07512726","amount_traded":"0.00184000","amount_at_create":"1.07696726","price":27856,"price_str":"27856"},"channel":"private-my_orders_btcusd-4848701","event":"order_changed"}';
  const btc = inst("BTC/USD", "btcusd", 0, 8);
  const msg = parseWsFrame(changed, markets(btc), 0);
  assert(msg.type === "my_order" && msg.event === "order_changed");
  const orders = new OwnOrders();
  const a = orders.applyOrder(msg.event, msg.data, btc, 0);
  assertEquals(a.events, [{
    kind: "OrderAccepted",
    order: {
      id: "1668902609674242",
      clientId: "pt0001",
      symbol: "BTC/USD",
      side: "sell",
      type: "limit",
      price: 27856,
      qty: 107696726,
      filled: 184000,
      status: "open",
      time: 1696281903146,
    },
  }]);
  // The recorded order_deleted frame: nothing traded, all left: canceled.
  const deleted =
    '{"data":{"id":1994262360649728,"id_str":"1994262360649728","order_type":0,"order_subtype":5,"datetime":"1775715434","microtimestamp":"1775715433800000","amount":0.045,"amount_str":"0.04500000","amount_traded":"0","amount_at_create":"0.04500000","price":71009,"price_str":"71009","is_liquidation":false},"channel":"private-my_orders_btcusd-4848701","event":"order_deleted"}';
  const d = parseWsFrame(deleted, markets(btc), 0);
  assert(d.type === "my_order");
  const c = orders.applyOrder(d.event, d.data, btc, 0);
  assertEquals(c.events.map((e) => [e.kind, "order" in e ? e.order.status : ""]), [[
    "OrderCanceled",
    "canceled",
  ]]);
});

Deno.test("REST answers recorded in ccxt's comments: order_book, ticker, transactions, ohlc, balances", () => {
  // github ccxt/ccxt : ts/src/bitstamp.ts, fetchOrderBook / parseTicker / fetchTrades / fetchOHLCV / fetchBalance.
  const book = restBook({
    timestamp: "1583652948",
    microtimestamp: "1583652948955826",
    bids: [["8750.00", "1.33685271"], ["8749.39", "0.07700000"]],
    asks: [["8754.10", "1.51995636"]],
  }, BTC_USD);
  assertEquals(book, {
    micros: 1583652948955826,
    bids: [{ price: 875000, qty: 133685271 }, { price: 874939, qty: 7700000 }],
    asks: [{ price: 875410, qty: 151995636 }],
  });
  const btc0 = inst("BTC/USD", "btcusd", 0, 8);
  const t = tickerFromRest(TICKER as never, btc0, 0);
  assertEquals(t, {
    kind: "TickerChanged",
    symbol: "BTC/USD",
    bid: 26208,
    ask: 26211,
    last: 26216,
    volume: 356313819902,
    time: 1686068944000,
  });
  const ethbtc = inst("ETH/BTC", "ethbtc", 8, 8);
  const trades = tradesFromTransactions([{
    date: "1551814435",
    tid: "83581898",
    price: "0.03532850",
    type: "1",
    amount: "0.85945907",
  }, { date: "1551814434", tid: "83581896", price: "0.03532851", type: "1", amount: "11.34130961" }], ethbtc);
  assertEquals(trades.map((x) => [x.id, x.time, x.side, x.price, x.qty]), [[
    "83581896",
    1551814434000,
    "sell",
    3532851,
    1134130961,
  ], ["83581898", 1551814435000, "sell", 3532850, 85945907]]);
  const candles = candlesFromOhlc({
    data: {
      ...OHLC_SHAPE.data,
      ohlc: [...OHLC_SHAPE.data.ohlc, {
        high: "9071.59",
        timestamp: "1593961500",
        volume: "3.48631711",
        low: "9058.76",
        close: "9061.07",
        open: "9064.66",
      }],
    },
  }, BTC_USD);
  assertEquals(candles[1], {
    time: 1593961500000,
    open: 906466,
    high: 907159,
    low: 905876,
    close: 906107,
    volume: 348631711,
    trades: 0,
  });
  assertEquals(
    balancesFromRest([{ currency: "usdt", total: "7.00000", available: "7.00000", reserved: "0.00000" }, {
      currency: "btc",
      total: "0.00000000",
    }]),
    { USDT: "7.00000" },
  );
});

Deno.test("orders recorded in ccxt's comments: open orders (remaining amount), order_status with transactions", () => {
  const xrpbtc = inst("XRP/BTC", "xrpbtc", 8, 8);
  // fetchOpenOrders: {"price", "currency_pair", "client_order_id", "datetime", "amount", "type", "id"}.
  const o = orderFromOpen(
    {
      price: "0.00008012",
      currency_pair: "XRP/BTC",
      client_order_id: "",
      datetime: "2019-01-31 21:23:36",
      amount: "15.00000000",
      type: "0",
      id: "2814205012",
    },
    xrpbtc,
    0,
  );
  assertEquals(o, {
    id: "2814205012",
    clientId: "",
    symbol: "XRP/BTC",
    side: "buy",
    type: "limit",
    price: 8012,
    qty: 1500000000,
    filled: 0,
    status: "open",
    time: Date.parse("2019-01-31T21:23:36Z"),
  });
  // fetchOrder: a Finished order with one transaction of 0.005 ETH.
  const ethusdt = inst("ETH/USDT", "ethusdt", 2, 8);
  const s = orderFromStatus(
    {
      status: "Finished",
      id: 1429545880227846,
      amount_remaining: "0.00000000",
      market: "ETH/USDT",
      transactions: [{
        fee: "0.11128",
        price: "4451.25000000",
        datetime: "2021-11-25 12:59:59.322000",
        usdt: "22.25625000",
        tid: 209895701,
        eth: "0.00500000",
        type: 2,
      }],
    },
    ethusdt,
    undefined,
    0,
  );
  assertEquals([s.id, s.status, s.qty, s.filled, s.price], [
    "1429545880227846",
    "filled",
    500000,
    500000,
    null,
  ]);
  // A partly filled order canceled: the filled part from its transactions.
  const c = orderFromStatus(
    {
      id: 468646390,
      client_order_id: "",
      status: "Canceled",
      amount_remaining: "0.77000000",
      transactions: [{
        eth: "0.23000000",
        fee: "0.09",
        tid: 25810126,
        usd: "69.8947000000000000",
        type: 2,
        price: "303.89000000",
        datetime: "2017-11-11 07:22:20.710567",
      }],
    },
    ETH_USD,
    undefined,
    0,
  );
  assertEquals([c.status, c.qty, c.filled], ["canceled", 100000000, 23000000]);
});

Deno.test("private-my_trades: fills of an order not known yet wait for it, then count once each", () => {
  const btc = inst("BTC/USD", "btcusd", 0, 8);
  const orders = new OwnOrders();
  const trade = (id: number, amount: string) => ({
    id,
    order_id: 1700,
    amount,
    price: "27000",
    fee: "0.1",
    microtimestamp: "1696281903146000",
  });
  // Two fills of order 1700 before anything else told of it: both kept, each asks for a lookup.
  assertEquals(orders.applyTrade(trade(1, "0.001"), btc, 0), { events: [], unknown: "1700" });
  assertEquals(orders.applyTrade(trade(2, "0.002"), btc, 0), { events: [], unknown: "1700" });
  assertEquals(orders.drain("1700", 0), [], "nothing to apply while the order is unknown");
  // The lookup's answer (REST), then the fills kept for it: both, once.
  orders.remember({
    id: "1700",
    clientId: "",
    symbol: "BTC/USD",
    side: "buy",
    type: "limit",
    price: 27000,
    qty: 1_000_000,
    filled: 300_000,
    status: "open",
    time: 0,
  });
  const fills = orders.drain("1700", 0);
  assertEquals(fills.map((e) => e.kind === "OrderFilled" && e.qty), [100_000, 200_000]);
  assertEquals(orders.drain("1700", 0), [], "a second lookup's answer applies nothing again");
  assertEquals(orders.applyTrade(trade(2, "0.002"), btc, 0).events, [], "a fill seen again is not counted");
});
