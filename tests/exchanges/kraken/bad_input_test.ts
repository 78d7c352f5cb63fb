import { assert, assertEquals, assertRejects } from "../../assert.ts";
import { ExchangeError, UnknownSymbol } from "../../../lib/core/mod.ts";
import { followBook, rig, sameBook } from "./setup.ts";
import { eventually } from "../../eventually.ts";

/**
 * Frames a venue (or a broken proxy) might send; none may crash the adapter or touch the book. Deliberately
 * broken variants of the documented book/trade shapes (https://docs.kraken.com/api/docs/websocket-v2/book,
 * .../trade), not protocol fixtures.
 */
const BAD_FRAMES: [string, "malformed" | "unknownChannel" | "unknownSymbol"][] = [
  ["garbage{", "malformed"],
  ["", "malformed"],
  ["[1,2,3]", "malformed"],
  ["null", "malformed"],
  [
    '{"channel":"book","type":"update","data":[{"symbol":"BTC/USD","bids":[{"price":1e400,"qty":1}],"asks":[],"checksum":1}]}',
    "malformed",
  ],
  [
    '{"channel":"book","type":"update","data":[{"symbol":"BTC/USD","bids":[{"price":30000.0,"qty":0.123456789}],"asks":[],"checksum":1}]}',
    "malformed",
  ],
  [
    '{"channel":"book","type":"update","data":[{"symbol":"BTC/USD","bids":[{"price":-5.0,"qty":1.0}],"asks":[],"checksum":1}]}',
    "malformed",
  ],
  [
    '{"channel":"book","type":"update","data":[{"symbol":"BTC/USD","bids":[{"price":30000.0,"qty":99999999999999999999}],"asks":[],"checksum":1}]}',
    "malformed",
  ],
  [
    '{"channel":"book","type":"update","data":[{"symbol":"BTC/USD","bids":[],"asks":[],"checksum":99999999999}]}',
    "malformed",
  ],
  [
    '{"channel":"book","type":"update","data":[{"symbol":"BTC/USD","bids":[{"price":"x","qty":1}],"asks":[],"checksum":1}]}',
    "malformed",
  ],
  [
    '{"channel":"book","type":"sideways","data":[{"symbol":"BTC/USD","bids":[],"asks":[],"checksum":1}]}',
    "malformed",
  ],
  ['{"channel":"book","type":"update","data":{"symbol":"BTC/USD"}}', "malformed"],
  [
    '{"channel":"book","type":"update","data":[{"symbol":"FOO/BAR","bids":[],"asks":[],"checksum":1}]}',
    "unknownSymbol",
  ],
  ['{"channel":"level3","type":"update","data":[]}', "unknownChannel"],
  [
    '{"channel":"trade","type":"update","data":[{"symbol":"BTC/USD","side":"up","price":1.0,"qty":1.0,"trade_id":18446744073709551615,"timestamp":"2023-10-06T17:35:55Z"}]}',
    "malformed",
  ],
  ['{"hello":"world"}', "malformed"],
];

Deno.test("garbage, unknown channels, unknown pairs and out-of-range numbers are counted and ignored", async () => {
  await using r = rig({ seed: 13 });
  const f = await followBook(r, 25);
  r.server.sendBookUpdates(100);
  for (const [frame] of BAD_FRAMES) r.server.sendRaw(frame);
  r.server.sendBookUpdates(100);
  await eventually(() => f.updates === 200, "200 updates around the bad frames");
  const s = r.exchange.decoder.stats;
  const expect = (k: string) => BAD_FRAMES.filter(([, kind]) => kind === k).length;
  assertEquals(
    { malformed: s.malformed, unknownChannel: s.unknownChannel, unknownSymbol: s.unknownSymbol },
    {
      malformed: expect("malformed"),
      unknownChannel: expect("unknownChannel"),
      unknownSymbol: expect("unknownSymbol"),
    },
  );
  assert(sameBook(r, f));
  assertEquals(f.failed, 0);
  assertEquals(f.others, []);
});

Deno.test("subscribing to a pair Kraken does not list fails before anything is sent", async () => {
  await using r = rig();
  await r.exchange.connect();
  const sent = r.server.received.length;
  await assertRejects(
    () => r.exchange.subscribe({ symbol: "FOO/BAR", channels: ["book"] }),
    UnknownSymbol,
    'Cannot subscribe to "FOO/BAR" on kraken: unknown pair',
  );
  assertEquals(r.server.received.length, sent);
});

Deno.test("a subscription the venue refuses rejects with the venue's reason", async () => {
  await using r = rig();
  await r.exchange.connect();
  // ETH/BTC is in the documented AssetPairs (wsname ETH/XBT) but the fake's WS only streams BTC/USD.
  await assertRejects(
    () => r.exchange.subscribe({ symbol: "ETH/BTC", channels: ["book"] }),
    ExchangeError,
    'Cannot subscribe to "ETH/BTC" on kraken: EQuery:Unknown asset pair',
  );
});

Deno.test("the status frame's connection_id beyond 2^53 is kept as text", async () => {
  await using r = rig();
  const ids: string[] = [];
  r.exchange.onFrame((frame) => {
    const m = r.exchange.decoder.decodeWs(frame.data, 0);
    if (m.type === "status") ids.push(m.connectionId);
  });
  await r.exchange.connect();
  await eventually(() => ids.length === 1, "the status frame");
  assertEquals(ids, ["14949390454975033707"]);
});
