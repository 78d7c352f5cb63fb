import { assert, assertEquals } from "../../assert.ts";
import type { Instrument } from "../../../lib/core/mod.ts";
import { formatTicks } from "../../../lib/core/mod.ts";
import { scanBookFrame } from "../../../exchanges/bitstamp/book_scanner.ts";
import { parseWsFrame } from "../../../exchanges/bitstamp/parse.ts";
import { FakeBook, type Level } from "../../fakes/kraken/book_gen.ts";

const ETH_USD: Instrument = {
  symbol: "ETH/USD",
  base: "ETH",
  quote: "USD",
  pricePrecision: 2,
  qtyPrecision: 8,
  priceIncrement: 1,
  minQty: 0,
  minCost: "0",
  venueSymbol: "ethusd",
};
const BTC_USD: Instrument = {
  ...ETH_USD,
  symbol: "BTC/USD",
  base: "BTC",
  pricePrecision: 0,
  venueSymbol: "btcusd",
};
const markets = (name: string) => [ETH_USD, BTC_USD].find((i) => i.venueSymbol === name);

/** The JSON path's reading of a book frame, for comparison. */
function slow(text: string) {
  const m = parseWsFrame(text, markets, 0);
  if (m.type !== "book") throw new Error(`not a book: ${m.type}`);
  return { kind: m.kind, inst: m.inst, micros: m.micros, bids: m.bids, asks: m.asks };
}

Deno.test("the scanner reads the probe's frame layout exactly as the JSON path does", () => {
  // JKorf's recorded DiffBook.txt frame, minified as Bitstamp sends it (its levels cut to a few).
  const text =
    '{"data":{"timestamp":"1772723362","microtimestamp":"1772723362377013","bids":[["2087.28","0.500000"],["2087.19","0.00000000"]],"asks":[["2087.29","6.330796"]]},"channel":"diff_order_book_ethusd","event":"data"}';
  assertEquals(scanBookFrame(text, markets), slow(text));
  const empty =
    '{"data":{"timestamp":"1","microtimestamp":"1000000","bids":[],"asks":[]},"channel":"order_book_btcusd","event":"data"}';
  assertEquals(scanBookFrame(empty, markets), slow(empty));
});

Deno.test("the scanner agrees with the JSON path on 2,000 generated frames of both channels", () => {
  const book = new FakeBook(0, 8, 300, 5, 300_000, 3);
  const rows = (ls: readonly Level[]) =>
    "[" + ls.map((l) => `["${formatTicks(l.price, 0)}","${formatTicks(l.qty, 8)}"]`).join(",") + "]";
  let micros = 1_789_456_316_507_635;
  for (let n = 0; n < 1_000; n++) {
    const d = book.step([1_000_000]).get(1_000_000);
    if (!d) continue;
    const top = book.top(100);
    for (
      const [channel, b, a] of [["diff_order_book_btcusd", d.bids, d.asks], [
        "order_book_btcusd",
        top.bids,
        top.asks,
      ]] as const
    ) {
      const text = `{"data":{"timestamp":"${
        Math.floor(++micros / 1e6)
      }","microtimestamp":"${micros}","bids":${rows(b)},"asks":${
        rows(a)
      }},"channel":"${channel}","event":"data"}`;
      const fast = scanBookFrame(text, markets);
      assert(fast !== null, text.slice(0, 80));
      assertEquals(fast, slow(text));
    }
  }
});

Deno.test("anything else takes the JSON path: spaces, other key order, exponents, digits beyond the precision, unknown markets", () => {
  const good =
    '{"data":{"timestamp":"1","microtimestamp":"1000000","bids":[["77049","0.5"]],"asks":[]},"channel":"order_book_btcusd","event":"data"}';
  assert(scanBookFrame(good, markets) !== null);
  for (
    const text of [
      good.replace('"bids":', '"bids": '),
      '{"channel":"order_book_btcusd","event":"data","data":{"timestamp":"1","microtimestamp":"1000000","bids":[],"asks":[]}}',
      good.replace('"0.5"', '"5e-1"'),
      good.replace('"77049"', '"77049.5"'),
      good.replace('"0.5"', '"0.123456789"'),
      good.replace("order_book_btcusd", "order_book_xyz"),
      good.replace("order_book_btcusd", "live_trades_btcusd"),
      good.replace('"event":"data"', '"event":"trade"'),
      good.replace('"1000000"', '""'),
    ]
  ) {
    assertEquals(scanBookFrame(text, markets), null, text);
  }
  // The JSON path then reads what it can: trailing zeros beyond the precision are fine there too.
  assertEquals(slow(good.replace('"77049"', '"77049.000"')).bids, [{ price: 77049, qty: 50_000_000 }]);
});
