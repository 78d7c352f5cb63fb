import { assertEquals } from "../../assert.ts";
import { scanBookFrame } from "../../../exchanges/poloniex/book_scanner.ts";
import { parseWsFrame } from "../../../exchanges/poloniex/parse.ts";
import { FakeBook } from "../../fakes/poloniex/book_gen.ts";
import { bookFrame, recordedFrame } from "../../fakes/poloniex/server.ts";
import { decoder } from "./helpers.ts";

const pairs = decoder().venuePairs;

/** What the generic JSON path makes of a book frame, in the scanner's terms. */
function generic(text: string) {
  const m = parseWsFrame(text, pairs, 0);
  if (m.type !== "book") throw new Error(`not a book frame: ${JSON.stringify(m)}`);
  return { snapshot: m.snapshot, item: m.items[0] };
}

Deno.test("poloniex book scanner: the same books as the JSON path, for the recorded frames and 3,000 generated ones", () => {
  for (const name of ["book_lv2 snapshot", "book_lv2 update"]) {
    assertEquals(scanBookFrame(recordedFrame(name), pairs), generic(recordedFrame(name)), name);
  }
  const book = new FakeBook(60, 13);
  let id = 1;
  assertEquals(
    scanBookFrame(bookFrame("snapshot", book.top(20), 0, id, 5), pairs),
    generic(bookFrame("snapshot", book.top(20), 0, id, 5)),
  );
  for (let n = 0; n < 3000;) {
    const d = book.step();
    if (!d) continue;
    n++;
    const frame = bookFrame("update", d, id, id += 3, 1677368876253 + n);
    assertEquals(scanBookFrame(frame, pairs), generic(frame));
  }
});

Deno.test("poloniex book scanner: anything unusual is left to the JSON path", () => {
  const update = recordedFrame("book_lv2 update");
  const odd = [
    update.replace('"createTime":1677368876882,', ""), // another layout
    update.replace('"6.35"', '"6.351"'), // finer than the pair's 2 decimals
    update.replace('"6.35"', '"6.35e0"'),
    update.replace('"6.35"', "6.35"), // a JSON number
    update.replace('"lastId":164148725', '"lastId":9007199254740993'), // beyond 2^53
    update.replace("BTC_USDT", "XYZ_USDT"),
    update.replace('"action":"update"', '"action":"other"'),
    update + " ",
  ];
  for (const text of odd) assertEquals(scanBookFrame(text, pairs), null, text);
  // Zeros in a snapshot delete nothing and are left out; an unsorted snapshot comes out best first.
  const snap =
    '{"channel":"book_lv2","data":[{"symbol":"BTC_USDT","createTime":1,"asks":[["5.70","1"],["5.65","0.02"],["5.80","0"]],"bids":[],"lastId":9,"id":10,"ts":2}],"action":"snapshot"}';
  assertEquals(scanBookFrame(snap, pairs), generic(snap));
  assertEquals(scanBookFrame(snap, pairs)!.item.asks, [{ price: 565, qty: 20_000 }, {
    price: 570,
    qty: 1_000_000,
  }]);
});
