import { assert, assertEquals, assertThrows } from "../../assert.ts";
import type { Instrument } from "../../../lib/core/mod.ts";
import { scanBookFrame } from "../../../exchanges/kraken/book_scanner.ts";
import { numberTextTicks } from "../../../lib/core/number_text.ts";
import { parseLexemeJson } from "../../../lib/net/lexeme_json.ts";
import { parseWsFrame } from "../../../exchanges/kraken/parse.ts";
import { assetName, restPairName, symbolFromWsname } from "../../../exchanges/kraken/symbols.ts";
import { FakeBook, levelsJson, prng } from "../../fakes/kraken/book_gen.ts";
import { BTC_USD, loadVector, MATIC_USD } from "./helpers.ts";

interface MessageCase {
  name: string;
  message?: Record<string, unknown>;
}
const messages = (await loadVector<{ cases: MessageCase[] }>("kraken-ws2-messages.json")).cases;
const doc = (name: string) => JSON.stringify(messages.find((c) => c.name === name)!.message);

/** ALGO/USD for the documented ticker and ohlc examples; 5 price decimals as the examples print them. */
const ALGO_USD: Instrument = { ...MATIC_USD, symbol: "ALGO/USD", base: "ALGO", pricePrecision: 5 };
const pairs = new Map([BTC_USD, MATIC_USD, ALGO_USD].map((i) => [i.symbol, i]));

Deno.test("the documented ticker snapshot becomes TickerChanged", () => {
  const m = parseWsFrame(doc("ticker snapshot"), pairs, 0);
  assertEquals(m, {
    type: "events",
    events: [{
      kind: "TickerChanged",
      symbol: "ALGO/USD",
      bid: 10025,
      ask: 10036,
      last: 10035,
      volume: 99703898383185,
      time: Date.parse("2023-09-25T09:04:31.742Z"),
    }],
  });
});

Deno.test("the documented ohlc snapshot becomes CandleUpdated per candle", () => {
  const m = parseWsFrame(doc("ohlc snapshot"), pairs, 0);
  assert(m.type === "events");
  assertEquals(m.events.length, 2);
  assertEquals(m.events[1], {
    kind: "CandleUpdated",
    symbol: "ALGO/USD",
    timeframe: 5,
    candle: {
      time: Date.parse("2023-10-04T15:30:00Z"),
      open: 9875,
      high: 9880,
      low: 9875,
      close: 9875,
      volume: 1625546368000,
      trades: 13,
    },
  });
});

Deno.test("the documented instrument snapshot gives BTC/USD's precisions", () => {
  const m = parseWsFrame(doc("instrument snapshot (truncated: only first pair kept)"), pairs, 0);
  assert(m.type === "instruments");
  assertEquals(m.instruments, [{
    symbol: "BTC/USD",
    base: "BTC",
    quote: "USD",
    pricePrecision: 1,
    qtyPrecision: 8,
    priceIncrement: 1,
    minQty: 10000,
    minCost: "0.5",
  }]);
});

Deno.test("documented replies: pong, acks (with warnings), errors", () => {
  assertEquals(parseWsFrame(doc("pong"), pairs, 0), { type: "pong", reqId: "101" });
  assertEquals(parseWsFrame(doc("subscribe ack instrument (with warning)"), pairs, 0), {
    type: "reply",
    method: "subscribe",
    reqId: "79",
    success: true,
    error: null,
    channel: "instrument",
    symbol: null,
    depth: null,
  });
  const err = parseWsFrame(doc("add_order response (error)"), pairs, 0);
  assert(err.type === "reply" && !err.success && err.error === "EOrder:Insufficient funds");
  assertEquals(parseWsFrame(doc("heartbeat"), pairs, 0), { type: "heartbeat" });
});

Deno.test("trade ids beyond 2^53 stay exact text", () => {
  // Shape: https://docs.kraken.com/api/docs/websocket-v2/trade; price and qty from the documented REST
  // Trades row (vectors/kraken-rest-responses.json); the trade_id is deliberately beyond 2^53.
  const frame =
    '{"channel":"trade","type":"update","data":[{"symbol":"BTC/USD","side":"buy","price":30243.4,"qty":0.34507674,"ord_type":"market","trade_id":18446744073709551615,"timestamp":"2023-09-25T07:49:37.708706Z"}]}';
  const m = parseWsFrame(frame, pairs, 0);
  assert(m.type === "events" && m.events[0]!.kind === "TradePrinted");
  assertEquals(m.events[0].id, "18446744073709551615");
  assertEquals([m.events[0].price, m.events[0].qty], [302434, 34507674]);
});

Deno.test("the fast scanner gives exactly the events of the full parser on generated frames", () => {
  const book = new FakeBook(1, 8, 60, 42);
  let t = Date.parse("2023-10-06T17:35:55.440295Z");
  let compared = 0;
  for (let i = 0; i < 2000; i++) {
    const m = book.step([25]).get(25);
    if (!m) continue;
    t += 997;
    const ts = new Date(t).toISOString().replace("Z", "123Z");
    const type = i % 100 === 0 ? "snapshot" : "update";
    const frame = `{"channel":"book","type":"${type}","data":[{"symbol":"BTC/USD","bids":${
      levelsJson(m.bids, 1, 8)
    },"asks":${levelsJson(m.asks, 1, 8)},"checksum":${m.checksum}${
      type === "update" ? `,"timestamp":"${ts}"` : ""
    }}]}`;
    const fast = scanBookFrame(frame, pairs, 5);
    assert(fast !== null, `fast path refused ${frame}`);
    assertEquals({ type: "events", events: [fast] }, parseWsFrame(frame, pairs, 5));
    compared++;
  }
  assert(compared > 1500);
});

Deno.test("a frame scanned in place in a chunk of lines gives the events of the frame alone", () => {
  const book = new FakeBook(1, 8, 60, 43);
  let t = Date.parse("2023-12-31T23:59:58.000Z");
  const steps = [0, 1, 3, 250, 999, 1000, 61_000, 3_600_000, 86_400_000];
  const frames: string[] = [];
  for (let i = 0; frames.length < 600; i++) {
    const m = book.step([25]).get(25);
    if (!m) continue;
    t += steps[i % steps.length]!;
    // Fractions of every length Kraken might send, and none.
    const digits = i % 7;
    const iso = new Date(t).toISOString();
    const ts = digits === 0
      ? iso.slice(0, 19) + "Z"
      : iso.slice(0, 20) + (iso.slice(20, 23) + "456789").slice(0, digits) + "Z";
    frames.push(
      `{"channel":"book","type":"update","data":[{"symbol":"BTC/USD","bids":${
        levelsJson(m.bids, 1, 8)
      },"asks":${levelsJson(m.asks, 1, 8)},"checksum":${m.checksum},"timestamp":"${ts}"}]}`,
    );
  }
  const chunk = frames.map((f) => `{"t":1,"frame":${f}}`).join("\n");
  let at = 0;
  for (const f of frames) {
    const start = chunk.indexOf(":", chunk.indexOf('"frame"', at)) + 1;
    const inPlace = scanBookFrame(chunk, pairs, 5, start, start + f.length);
    assert(inPlace !== null, f);
    assertEquals({ type: "events", events: [inPlace] }, parseWsFrame(f, pairs, 5));
    // Cut one short or one long, it is refused.
    assertEquals(scanBookFrame(chunk, pairs, 5, start, start + f.length - 1), null);
    assertEquals(scanBookFrame(chunk, pairs, 5, start, start + f.length + 1), null);
    at = start + f.length;
  }
});

Deno.test("the fast scanner agrees with the full parser on the documented book frames", async () => {
  const v = await loadVector<{ cases: { steps?: { message: string }[] }[] }>("kraken-ws2-book-checksum.json");
  for (const c of v.cases) {
    for (const s of c.steps ?? []) {
      const fast = scanBookFrame(s.message, pairs, 0);
      assert(fast !== null);
      assertEquals({ type: "events", events: [fast] }, parseWsFrame(s.message, pairs, 0));
    }
  }
});

Deno.test("the fast scanner refuses (so the full parser decides) anything unusual", () => {
  const base =
    '{"channel":"book","type":"update","data":[{"symbol":"BTC/USD","bids":[{"price":45283.5,"qty":0.10000000}],"asks":[],"checksum":3310070434,"timestamp":"2023-10-06T17:35:55.440295Z"}]}';
  assert(scanBookFrame(base, pairs, 0) !== null);
  const variants = [
    base.replace("45283.5", "4.52835e4"),
    base.replace("45283.5", "-45283.5"),
    base.replace("0.10000000", "0.100000001"),
    base.replace("45283.5", "0.0"),
    base.replace('"symbol":"BTC/USD"', '"symbol":"XXX/USD"'),
    base.replace('"symbol":"BTC/USD"', '"symbol":"BTC\\/USD"'),
    base.replace('"checksum":3310070434', '"checksum":33100704341'),
    base.replace(',"asks":[]', ', "asks":[]'),
    base.replace('"bids"', '"bids2"'),
    base + " ",
    base.replace('"qty":0.10000000', '"qty":0.10000000,"extra":1'),
    base.replace("45283.5", "9007199254740992.0"),
  ];
  const rand = prng(5);
  const chars = '0123456789.-eE"{}[],: x\\';
  const snapshot =
    '{"channel":"book","type":"snapshot","data":[{"symbol":"BTC/USD","bids":[{"price":45283.5,"qty":0.1},{"price":45283.4,"qty":1.54582015}],"asks":[{"price":45285.2,"qty":0.00100000}],"checksum":0}]}';
  for (let i = 0; i < 3000; i++) {
    const src = i % 2 ? base : snapshot;
    const k = Math.floor(rand() * src.length);
    const c = chars[Math.floor(rand() * chars.length)]!;
    const op = i % 3;
    variants.push(
      op === 0
        ? src.slice(0, k) + src.slice(k + 1)
        : op === 1
        ? src.slice(0, k) + c + src.slice(k)
        : src.slice(0, k) + c + src.slice(k + 1),
    );
  }
  for (const v of variants) {
    const fast = scanBookFrame(v, pairs, 0);
    const full = parseWsFrame(v, pairs, 0);
    if (fast !== null) assertEquals({ type: "events", events: [fast] }, full, v);
  }
});

Deno.test("number text to ticks: exact, with exponents, refusing lost digits", () => {
  assertEquals(numberTextTicks("45283.5", 1), 452835);
  assertEquals(numberTextTicks("0.10000000", 8), 10000000);
  assertEquals(numberTextTicks("1e-08", 8), 1);
  assertEquals(numberTextTicks("1.5E+3", 1), 15000);
  assertEquals(numberTextTicks("740.0", 8), 74000000000);
  assertThrows(() => numberTextTicks("1e-9", 8), RangeError);
  assertThrows(() => numberTextTicks("1e400", 1), RangeError);
  assertThrows(() => numberTextTicks("0x10", 1), RangeError);
});

Deno.test("JSON numbers keep their source text, ids beyond 2^53 included", () => {
  assertEquals(parseLexemeJson('{"a":14949390454975033707,"b":[0.10000,-1e-8],"c":"x"}'), {
    a: "14949390454975033707",
    b: ["0.10000", "-1e-8"],
    c: "x",
  });
});

Deno.test("asset and pair names map between REST and WS v2", () => {
  assertEquals(["XXBT", "ZUSD", "XBT", "XRP", "XTZ", "ZEC", "XETH", "XXDG", "USDT"].map(assetName), [
    "BTC",
    "USD",
    "BTC",
    "XRP",
    "XTZ",
    "ZEC",
    "ETH",
    "DOGE",
    "USDT",
  ]);
  assertEquals(symbolFromWsname("XBT/USD"), "BTC/USD");
  assertEquals(symbolFromWsname("ETH/XBT"), "ETH/BTC");
  assertEquals(symbolFromWsname("BTCUSD"), null);
  assertEquals(restPairName("BTC/USD"), "XBTUSD");
  assertEquals(restPairName("ETH/EUR"), "ETHEUR");
});
