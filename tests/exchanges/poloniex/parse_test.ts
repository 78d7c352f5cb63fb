import { assert, assertEquals } from "../../assert.ts";
import type { Decoded } from "../../../exchanges/poloniex/decoder.ts";
import { recordedFrame } from "../../fakes/poloniex/server.ts";
import { BTC_USDT, decoder } from "./helpers.ts";

const NOW = 1677368877000;

function events(d: Decoded) {
  if (d.type !== "events") throw new Error(`not events: ${JSON.stringify(d)}`);
  return d.events;
}

Deno.test("poloniex: the recorded book_lv2 snapshot and the update that follows it (lastId = the snapshot's id)", () => {
  const d = decoder();
  assertEquals(BTC_USDT.pricePrecision, 2);
  assertEquals(BTC_USDT.qtyPrecision, 6);
  assertEquals(events(d.decodeWs(recordedFrame("book_lv2 snapshot"), NOW)), [{
    kind: "BookSnapshot",
    symbol: "BTC/USDT",
    bids: [{ price: 616, qty: 600_000 }],
    asks: [{ price: 565, qty: 20_000 }],
    time: 1677368876316,
  }]);
  assertEquals(events(d.decodeWs(recordedFrame("book_lv2 update"), NOW)), [{
    kind: "BookUpdate",
    symbol: "BTC/USDT",
    bids: [{ price: 565, qty: 20_000 }],
    asks: [{ price: 635, qty: 3_000_000 }],
    time: 1677368876890,
  }]);
  assertEquals(d.chain.last("BTC/USDT"), "164148726");
});

Deno.test("poloniex: an update before the book's snapshot is dropped; ids may jump by more than one", () => {
  const d = decoder();
  assertEquals(events(d.decodeWs(recordedFrame("book_lv2 update"), NOW)), []);
  assertEquals(d.stats.dropped, 1);
  d.decodeWs(recordedFrame("book_lv2 snapshot"), NOW);
  d.decodeWs(recordedFrame("book_lv2 update"), NOW);
  const jump = recordedFrame("book_lv2 update").replace(
    '"lastId":164148725,"id":164148726',
    '"lastId":164148726,"id":164148731',
  );
  assertEquals(events(d.decodeWs(jump, NOW)).map((e) => e.kind), ["BookUpdate"]);
  assertEquals(d.stats.gaps, 0);
});

Deno.test("poloniex: a broken chain is a sequence-gap loss in that very message; updates wait for the next snapshot", () => {
  const d = decoder();
  d.decodeWs(recordedFrame("book_lv2 snapshot"), NOW);
  const skipped = recordedFrame("book_lv2 update").replace(
    '"lastId":164148725,"id":164148726',
    '"lastId":164148727,"id":164148729',
  );
  const lost = d.decodeWs(skipped, NOW);
  assertEquals(lost.type === "events" && lost.broken, ["BTC/USDT"]);
  assertEquals(events(lost), [{
    kind: "BookIntegrityLost",
    symbol: "BTC/USDT",
    reason: "sequence-gap",
    detail: "update 164148729 follows 164148727, but the last message was 164148725",
    time: NOW,
  }]);
  const next = recordedFrame("book_lv2 update").replace(
    '"lastId":164148725,"id":164148726',
    '"lastId":164148729,"id":164148730',
  );
  assertEquals(events(d.decodeWs(next, NOW)), [], "no update applies on a book known to be wrong");
  assertEquals(events(d.decodeWs(recordedFrame("book_lv2 snapshot"), NOW)).map((e) => e.kind), [
    "BookSnapshot",
  ]);
  assertEquals(events(d.decodeWs(recordedFrame("book_lv2 update"), NOW)).map((e) => e.kind), ["BookUpdate"]);
  assertEquals([d.stats.gaps, d.stats.dropped], [1, 1]);
});

Deno.test("poloniex: a size of 0 deletes (levels leaving the top 20); snapshots come out best first", () => {
  const d = decoder();
  const snap =
    '{"channel":"book_lv2","data":[{"symbol":"BTC_USDT","createTime":1,"asks":[["5.70","1"],["5.65","0.02"]],"bids":[["6.10","2"],["6.16","0.6"]],"lastId":9,"id":10,"ts":2}],"action":"snapshot"}';
  const [s] = events(d.decodeWs(snap, NOW));
  assertEquals(s, {
    kind: "BookSnapshot",
    symbol: "BTC/USDT",
    bids: [{ price: 616, qty: 600_000 }, { price: 610, qty: 2_000_000 }],
    asks: [{ price: 565, qty: 20_000 }, { price: 570, qty: 1_000_000 }],
    time: 2,
  });
  const upd =
    '{"channel":"book_lv2","data":[{"symbol":"BTC_USDT","createTime":3,"asks":[["5.70","0"]],"bids":[],"lastId":10,"id":12,"ts":4}],"action":"update"}';
  assertEquals(events(d.decodeWs(upd, NOW)), [{
    kind: "BookUpdate",
    symbol: "BTC/USDT",
    bids: [],
    asks: [{ price: 570, qty: 0 }],
    time: 4,
  }]);
});

Deno.test("poloniex: ids beyond 2^53 and decimals written as JSON numbers keep every digit", () => {
  const d = decoder();
  const big = recordedFrame("book_lv2 snapshot").replace(
    '"lastId":164148724,"id":164148725',
    '"lastId":9007199254740993,"id":9007199254740995',
  );
  d.decodeWs(big, NOW);
  assertEquals(d.chain.last("BTC/USDT"), "9007199254740995");
  const next = recordedFrame("book_lv2 update")
    .replace('"lastId":164148725,"id":164148726', '"lastId":9007199254740995,"id":9007199254740997')
    .replace('[["6.35","3"]]', "[[6.35,3.000000]]");
  assertEquals(events(d.decodeWs(next, NOW)), [{
    kind: "BookUpdate",
    symbol: "BTC/USDT",
    bids: [{ price: 565, qty: 20_000 }],
    asks: [{ price: 635, qty: 3_000_000 }],
    time: 1677368876890,
  }]);
  assertEquals(d.chain.last("BTC/USDT"), "9007199254740997");
});

Deno.test("poloniex: the recorded ticker, with the bid and ask the socket's ticker lacks taken from the book", () => {
  const d = decoder();
  assertEquals(events(d.decodeWs(recordedFrame("ticker"), NOW)), [{
    kind: "TickerChanged",
    symbol: "BTC/USDT",
    bid: 0,
    ask: 0,
    last: 2_314_886,
    volume: 105_179_566,
    time: 1677367251090,
  }], "no book streamed: bid and ask unknown (0)");
  d.decodeWs(recordedFrame("book_lv2 snapshot"), NOW);
  const [t] = events(d.decodeWs(recordedFrame("ticker"), NOW));
  assert(t!.kind === "TickerChanged");
  assertEquals([t.bid, t.ask], [616, 565]);
});

Deno.test("poloniex: the recorded trade and candle frames", () => {
  const d = decoder();
  assertEquals(events(d.decodeWs(recordedFrame("trades"), NOW)), [{
    kind: "TradePrinted",
    symbol: "BTC/USDT",
    price: 2_498_389,
    qty: 537,
    side: "buy",
    time: 1676950548834,
    id: "62486976",
  }]);
  assertEquals(events(d.decodeWs(recordedFrame("candles_minute_1"), NOW)), [{
    kind: "CandleUpdated",
    symbol: "BTC/USDT",
    timeframe: 1,
    candle: {
      time: 1676942460000,
      open: 2_483_235,
      high: 2_483_235,
      low: 2_483_235,
      close: 2_483_235,
      volume: 33_856,
      trades: 1,
    },
  }]);
});

Deno.test("poloniex: replies, errors and what cannot be used", () => {
  const d = decoder();
  assertEquals(d.decodeWs('{"event":"pong"}', NOW), { type: "pong" });
  assertEquals(d.decodeWs("pong", NOW), { type: "pong" });
  assertEquals(d.decodeWs('{"event":"subscribe","channel":"book_lv2","symbols":["BTC_USDT"]}', NOW), {
    type: "ack",
    event: "subscribe",
    channel: "book_lv2",
    symbols: ["BTC_USDT"],
  });
  assertEquals(d.decodeWs(recordedFrame("error"), NOW), {
    type: "error",
    message: 'Invalid channel value ["ordersss"]',
  });
  assertEquals(d.decodeWs("}{ garbage", NOW).type, "rejected");
  assertEquals(d.decodeWs('{"channel":"nope","data":[]}', NOW), {
    type: "rejected",
    reason: "unknown channel",
    detail: 'unknown channel "nope"',
  });
  const other = recordedFrame("trades").replace("BTC_USDT", "XYZ_USDT");
  assertEquals(d.decodeWs(other, NOW), {
    type: "rejected",
    reason: "unknown symbol",
    detail: 'trades data for unknown pair "XYZ_USDT"',
  });
  const tooFine = recordedFrame("trades").replace('"24983.89"', '"24983.891"');
  assertEquals(
    d.decodeWs(tooFine, NOW).type,
    "rejected",
    "a price finer than the pair's scale is never rounded",
  );
  assertEquals([d.stats.malformed, d.stats.unknownChannel, d.stats.unknownSymbol], [2, 1, 1]);
});
