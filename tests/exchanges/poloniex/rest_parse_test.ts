import { assertEquals, assertThrows } from "../../assert.ts";
import {
  bookFromRest,
  candlesFromRest,
  marketsFromRest,
  serverTimeFromRest,
  tickerFromRest,
  tradesFromRest,
} from "../../../exchanges/poloniex/rest_parse.ts";
import { balancesFromRest, orderFromRest } from "../../../exchanges/poloniex/private_parse.ts";
import { tierOf } from "../../../exchanges/poloniex/rate_tiers.ts";
import { documentedRest } from "../../fakes/poloniex/server.ts";
import { BTC_USDT, market } from "./helpers.ts";

Deno.test("poloniex markets: symbolTradeLimit gives the decimals and minimums (quantity in base, amount in quote)", () => {
  const [btc] = marketsFromRest(documentedRest("GET /markets"));
  assertEquals(btc, {
    instrument: {
      symbol: "BTC/USDT",
      base: "BTC",
      quote: "USDT",
      pricePrecision: 2,
      qtyPrecision: 6,
      priceIncrement: 1,
      minQty: 1,
      minCost: "1",
      venueSymbol: "BTC_USDT",
    },
    amountScale: 2,
    state: "NORMAL",
  });
  const [bts] = marketsFromRest(documentedRest("GET /markets (another market)"));
  assertEquals(
    [
      bts!.instrument.symbol,
      bts!.instrument.pricePrecision,
      bts!.instrument.qtyPrecision,
      bts!.instrument.minQty,
    ],
    ["BTS/BTC", 10, 0, 100],
  );
  assertEquals(bts!.instrument.minCost, "0.00001");
});

Deno.test("poloniex ticker24h (recorded): bid, ask, close as the last price, quantity (base) as the volume", () => {
  const t = tickerFromRest(documentedRest("GET /markets/BTC_USDT/ticker24h") as never, BTC_USDT, 0);
  assertEquals(t, {
    kind: "TickerChanged",
    symbol: "BTC/USDT",
    bid: 2_644_757,
    ask: 2_644_758,
    last: 2_644_758,
    volume: 6_116_210_188,
    time: 1692870845446,
  });
});

Deno.test("poloniex order book (recorded): flat [price, qty, ...] arrays to levels, best first", () => {
  const b = bookFromRest(documentedRest("GET /markets/BTC_USDT/orderBook") as never, BTC_USDT, 0);
  assertEquals(b.asks.slice(0, 2), [{ price: 2_313_982, qty: 317_981 }, { price: 2_314_000, qty: 191_091 }]);
  assertEquals(b.bids.slice(0, 2), [{ price: 2_313_974, qty: 432_092 }, { price: 2_313_973, qty: 198_592 }]);
  assertEquals([b.asks.length, b.bids.length, b.time], [10, 10, 1659695219513]);
  assertThrows(() => bookFromRest({ asks: ["1"], bids: [] }, BTC_USDT, 0), RangeError, "flat");
});

Deno.test("poloniex candles (recorded): low and high come first, the open time is at index 12; oldest first", () => {
  const row = (documentedRest("GET /markets/BTC_USDT/candles") as unknown[][])[0]!;
  assertEquals(candlesFromRest([row], BTC_USDT), [{
    time: 1659664800000,
    open: 2_283_257,
    high: 2_293_742,
    low: 2_281_401,
    close: 2_293_742,
    volume: 171_199,
    trades: 33,
  }]);
  const later = [...row];
  later[12] = 1659665100000;
  assertEquals(candlesFromRest([later, row], BTC_USDT).map((c) => c.time), [1659664800000, 1659665100000]);
});

Deno.test("poloniex trades (recorded): quantity is the size (amount is quote), the taker side, oldest first", () => {
  const list = documentedRest("GET /markets/BTC_USDT/trades") as Record<string, unknown>[];
  const newer = { ...list[0]!, id: "60014522", createTime: 1659684603000, takerSide: "BUY" };
  assertEquals(tradesFromRest([newer, ...list], BTC_USDT), [
    {
      kind: "TradePrinted",
      symbol: "BTC/USDT",
      price: 2_316_294,
      qty: 90,
      side: "sell",
      time: 1659684602036,
      id: "60014521",
    },
    {
      kind: "TradePrinted",
      symbol: "BTC/USDT",
      price: 2_316_294,
      qty: 90,
      side: "buy",
      time: 1659684603000,
      id: "60014522",
    },
  ]);
  assertEquals(serverTimeFromRest({ serverTime: 1649052548178 }), 1649052548178);
});

Deno.test("poloniex balances (recorded): available plus hold of the spot account", () => {
  assertEquals(balancesFromRest(documentedRest("GET /accounts/balances")), { USDT: "2" });
  assertEquals(
    balancesFromRest([{
      accountType: "SPOT",
      balances: [{ currency: "BTC", available: "0.5", hold: "0.25" }],
    }]),
    { BTC: "0.75" },
  );
});

Deno.test("poloniex orders (recorded): an order by id and an open order", () => {
  const trx = market("TRX_USDC", 2, 2);
  const o = orderFromRest(documentedRest("GET /orders/{id}") as never, new Map([["TRX_USDC", trx]]));
  assertEquals(o, {
    id: "21934611974062080",
    clientId: "123",
    symbol: "TRX/USDC",
    side: "sell",
    type: "limit",
    price: 1000,
    qty: 100,
    filled: 0,
    status: "open",
    time: 1646196019020,
  });
  const elon = market("ELON_USDC", 2, 2);
  const [open] = documentedRest("GET /orders") as never[];
  const m = orderFromRest(open!, new Map([["ELON_USDC", elon]]));
  assertEquals([m.type, m.price, m.qty, m.status], ["market", null, 100, "open"]);
});

Deno.test("poloniex rate tiers (protocols.md §5.2.3)", () => {
  assertEquals(tierOf("GET", "/markets/BTC_USDT/orderBook"), "fast");
  assertEquals(tierOf("GET", "/markets/BTC_USDT/candles"), "fast");
  assertEquals(tierOf("POST", "/orders"), "orders");
  assertEquals(tierOf("DELETE", "/orders/21934611974062080"), "orders");
  assertEquals(tierOf("GET", "/orders/cid:pt1"), "orders");
  assertEquals(tierOf("GET", "/accounts/balances"), "orders");
  assertEquals(tierOf("GET", "/orders"), "lists");
  assertEquals(tierOf("DELETE", "/orders/cancelByIds"), "lists");
  assertEquals(tierOf("DELETE", "/orders"), "lists");
  assertEquals(tierOf("GET", "/markets"), "lists");
  assertEquals(tierOf("GET", "/markets/BTC_USDT/trades"), "lists");
  assertEquals(tierOf("GET", "/markets/BTC_USDT/ticker24h"), "lists");
});
