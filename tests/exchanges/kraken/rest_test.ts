import { assert, assertEquals, assertRejects } from "../../assert.ts";
import {
  ExchangeUnavailable,
  formatTicks,
  RateLimited,
  RequestTimeout,
  UnknownSymbol,
} from "../../../lib/core/mod.ts";
import { rig } from "./setup.ts";
import { eventually } from "../../eventually.ts";

Deno.test("instruments come from the documented AssetPairs, named as WS v2 names them", async () => {
  await using r = rig();
  const all = await r.exchange.instruments();
  assertEquals(all.map((i) => i.symbol), ["ETH/BTC", "BTC/USD"]);
  const btc = all[1]!;
  assertEquals(btc, {
    symbol: "BTC/USD",
    base: "BTC",
    quote: "USD",
    pricePrecision: 1,
    qtyPrecision: 8,
    priceIncrement: 1,
    minQty: 10000,
    minCost: "0.5",
    venueSymbol: "XXBTZUSD",
  });
  assertEquals(all[0]!.base, "ETH");
  assertEquals(all[0]!.pricePrecision, 5);
});

Deno.test("ticker, book and candles come from REST Ticker, Depth and OHLC", async () => {
  await using r = rig();
  const t = await r.exchange.ticker("BTC/USD");
  assertEquals([t.bid, t.ask, t.last, t.volume], [303000, 303001, 303032, 441273601799]);
  const b = await r.exchange.book("BTC/USD", 3);
  assertEquals(b.asks.map((l) => formatTicks(l.price, 1)), ["30384.1", "30387.9", "30393.7"]);
  assertEquals(b.bids[0], { price: 302970, qty: 111500000 });
  const c = await r.exchange.candles("BTC/USD", { timeframe: 1, limit: 2 });
  assertEquals(c, [
    {
      time: 1688671320000,
      open: 303003,
      high: 303004,
      low: 302914,
      close: 302914,
      volume: 213024789,
      trades: 25,
    },
    {
      time: 1688671380000,
      open: 302918,
      high: 302951,
      low: 302918,
      close: 302950,
      volume: 101836275,
      trades: 9,
    },
  ]);
  assert(r.server.restRequests.includes("/0/public/Depth?pair=XXBTZUSD&count=3"));
  assert(r.server.restRequests.includes("/0/public/OHLC?pair=XXBTZUSD&interval=1"));
});

Deno.test("timeframes Kraken lacks are built from a smaller interval", async () => {
  await using r = rig();
  const c = await r.exchange.candles("BTC/USD", { timeframe: 2 });
  assert(r.server.restRequests.includes("/0/public/OHLC?pair=XXBTZUSD&interval=1"));
  assertEquals(c.map((x) => x.time), [1688671200000, 1688671320000]);
  assertEquals(c[0]!.volume, 339243896 + 442996871);
  assertEquals(c[0]!.trades, 41);
});

Deno.test("an unknown pair is an UnknownSymbol error naming the action", async () => {
  await using r = rig();
  await assertRejects(
    () => r.exchange.ticker("FOO/BAR"),
    UnknownSymbol,
    'Cannot load ticker for "FOO/BAR" on kraken: unknown pair',
  );
});

Deno.test("REST 5xx maps to ExchangeUnavailable", async () => {
  await using r = rig();
  await r.exchange.instruments();
  r.server.restFaults.push({ status: 503 });
  await assertRejects(
    () => r.exchange.ticker("BTC/USD"),
    ExchangeUnavailable,
    'Cannot load ticker for "BTC/USD" on kraken: HTTP 503 Service Unavailable',
  );
  // The next call is answered again.
  assertEquals((await r.exchange.ticker("BTC/USD")).bid, 303000);
});

Deno.test("EAPI:Rate limit exceeded maps to RateLimited with a wait", async () => {
  await using r = rig();
  r.server.restFaults.push({ error: "EAPI:Rate limit exceeded" });
  const e = await assertRejects(() => r.exchange.instruments(), RateLimited, "EAPI:Rate limit exceeded");
  assert((e as RateLimited).retryAfterMs > 0);
  // A failed instruments() is not cached.
  assertEquals((await r.exchange.instruments()).length, 2);
});

Deno.test("a slow REST answer times out on the clock with RequestTimeout", async () => {
  await using r = rig();
  await r.exchange.instruments();
  r.server.restFaults.push({ stall: true });
  const pending = r.exchange.ticker("BTC/USD");
  await eventually(() => r.server.restRequests.length === 2, "the request at the server");
  r.timers.advance(10_000);
  await assertRejects(() => pending, RequestTimeout, "no answer within 10000 ms");
  r.server.release();
});

Deno.test("without an API key, account calls say how to add one", async () => {
  await using r = rig();
  await assertRejects(
    () => r.exchange.balances(),
    Error,
    "Cannot read balances on kraken: no API key; run pytrader --add-secret",
  );
});

Deno.test("server time: the documented Time answer parses, and the fake's clock comes back in whole seconds", async () => {
  const { KrakenRest } = await import("../../../exchanges/kraken/rest.ts");
  const { timeFromRest } = await import("../../../exchanges/kraken/rest_parse.ts");
  const cases = JSON.parse(
    await Deno.readTextFile(
      new URL("../../fakes/kraken/vectors/kraken-rest-responses.json", import.meta.url),
    ),
  ).cases as { endpoint: string; response: { result: { unixtime?: string } } }[];
  const time = cases.find((c) => c.endpoint === "GET /0/public/Time")!.response.result;
  assertEquals(timeFromRest(time), 1688669448000);
  await using r = rig();
  r.server.clockOffsetMs = -3_600_000;
  const rest = new KrakenRest({ baseUrl: r.server.restUrl });
  try {
    const before = Date.now() - 3_600_000;
    const t = await rest.time();
    const after = Date.now() - 3_600_000;
    assertEquals(t % 1000, 0);
    // the fake's clock an hour behind, read at some moment of the call, in whole seconds
    const from = Math.floor(before / 1000) * 1000;
    assert(t >= from && t <= after, `server time ${t} is not between ${from} and ${after}`);
  } finally {
    rest.close();
  }
});
