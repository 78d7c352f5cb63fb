import { assertEquals, assertRejects, assertThrows } from "../../assert.ts";
import { ExchangeError, type TradePrinted, UnknownSymbol } from "../../../lib/core/mod.ts";
import { KrakenRest } from "../../../exchanges/kraken/rest.ts";
import { restResult } from "../../../exchanges/kraken/rest_parse.ts";
import { type RestTrades, secondsTextToMs, tradesFromRest } from "../../../exchanges/kraken/trades_parse.ts";
import { BTC_USD, loadVector } from "./helpers.ts";
import { rig } from "./setup.ts";

/**
 * The documented Trades answer: vectors/kraken-rest-responses.json, case "GET /0/public/Trades?pair=XBTUSD"
 * (krakenfx/api-specs : spot-rest/openapi_v3.yaml paths./public/Trades).
 */
const rest = await loadVector<{ cases: { endpoint: string; response: unknown }[] }>(
  "kraken-rest-responses.json",
);
const documentedTrades = JSON.stringify(
  rest.cases.find((c) => c.endpoint === "GET /0/public/Trades?pair=XBTUSD")!.response,
);

/** The three documented trades at BTC/USD's precisions (price 1, qty 8 decimals), oldest first. */
const DOCUMENTED: TradePrinted[] = [
  { price: 302434, qty: 34507674, side: "buy", time: 1688669597827, id: "61044952" },
  { price: 302433, qty: 376960, side: "sell", time: 1688669598280, id: "61044953" },
  { price: 302433, qty: 1235716, side: "sell", time: 1688669602698, id: "61044956" },
].map((t) => ({ kind: "TradePrinted", symbol: "BTC/USD", ...t, side: t.side as TradePrinted["side"] }));

Deno.test("the documented Trades answer becomes TradePrinted in ticks, oldest first", () => {
  const result = restResult<RestTrades>(documentedTrades, "list trades");
  assertEquals(tradesFromRest(result, BTC_USD), DOCUMENTED);
});

Deno.test("trade times: seconds text to whole ms from the digits, truncated", () => {
  assertEquals(secondsTextToMs("1688669597.8277369"), 1688669597827);
  assertEquals(secondsTextToMs("1688669602.698379"), 1688669602698);
  assertEquals(secondsTextToMs("1688669602.6"), 1688669602600);
  assertEquals(secondsTextToMs("1688669602"), 1688669602000);
  assertEquals(secondsTextToMs("1.6886696025e9"), 1688669602500);
  // Through a float, Math.floor(1688669597.0009999 * 1000) is 1688669597001: a ms that did not happen.
  assertEquals(secondsTextToMs("1688669597.0009999"), 1688669597000);
  assertThrows(() => secondsTextToMs("-1.5"), RangeError, "not a non-negative decimal number");
  assertThrows(() => secondsTextToMs("soon"), RangeError);
});

Deno.test("a trade row with a side other than b/s is refused", () => {
  const result = { XXBTZUSD: [["30243.4", "0.1", "1688669597.8", "x", "m", "", "1"] as const], last: "1" };
  assertThrows(() => tradesFromRest(result, BTC_USD), RangeError, 'a trade side is "x", not "b" or "s"');
});

Deno.test("trades come from REST Trades against the fake: the newest `limit`, count capped at 1000", async () => {
  await using r = rig();
  assertEquals(await r.exchange.trades("BTC/USD", 2), DOCUMENTED.slice(1));
  assertEquals(await r.exchange.trades("btc/usd", 5000), DOCUMENTED);
  assertEquals(r.server.restRequests.filter((q) => q.includes("Trades")), [
    "/0/public/Trades?pair=XXBTZUSD&count=2",
    "/0/public/Trades?pair=XXBTZUSD&count=1000",
  ]);
});

Deno.test("trades of a pair the venue refuses: UnknownSymbol with Kraken's error", async () => {
  await using r = rig();
  // ETH/BTC is in the documented AssetPairs; the fake answers Trades for BTC/USD names only.
  await assertRejects(
    () => r.exchange.trades("ETH/BTC", 10),
    UnknownSymbol,
    'Cannot list trades of "ETH/BTC" on kraken: EQuery:Unknown asset pair',
  );
  await assertRejects(
    () => r.exchange.trades("FOO/BAR", 10),
    UnknownSymbol,
    'Cannot list trades of "FOO/BAR" on kraken: unknown pair',
  );
});

Deno.test("a volume with non-zero digits beyond the qty precision is an error, not rounded", async () => {
  await using r = rig();
  const client = new KrakenRest({ baseUrl: r.server.restUrl });
  try {
    await assertRejects(
      () => client.trades({ ...BTC_USD, qtyPrecision: 4 }, 10),
      ExchangeError,
      'Cannot list trades of "BTC/USD" on kraken: Cannot read "0.34507674": more than 4 decimal places',
    );
  } finally {
    client.close();
  }
});
