import { assert, assertEquals } from "../../assert.ts";
import { eventually } from "../../eventually.ts";
import { followBook, rig, sameBook } from "./setup.ts";

Deno.test("poloniex: a snapshot and 10,000 updates leave the book equal to the server's top 20", async () => {
  await using r = rig({ fake: { seed: 7 } });
  const f = await followBook(r);
  assertEquals(f.book.depth, 20);
  r.server.sendBookUpdates(10_000);
  await eventually(() => f.updates === 10_000, "10,000 updates");
  assert(sameBook(r, f), "the book equals the server's top 20");
  assertEquals(f.losses, []);
  const s = r.exchange.decoder.stats;
  assertEquals([s.malformed, s.gaps, s.dropped], [0, 0, 0]);
});

Deno.test("poloniex: a skipped id is found within one message; the book resyncs and heals", async () => {
  await using r = rig({ fake: { seed: 3 } });
  const f = await followBook(r);
  r.server.sendBookUpdates(200);
  await eventually(() => f.updates === 200, "200 updates");
  const sentBefore = r.server.received.length;
  r.server.skipNextId();
  // Two updates leave the server: the first is lost on the way, the second names it as lastId.
  r.server.sendBookUpdates(2);
  await eventually(() => f.losses.length === 1, "the loss");
  assertEquals(f.losses[0]!.reason, "sequence-gap");
  assertEquals(f.losses[0]!.afterUpdates, 200, "found at the first message after the gap");
  await eventually(() => f.snapshots === 2, "the fresh snapshot");
  assert(f.states.includes("resyncing"), `states ${f.states}`);
  const sent = r.server.received.slice(sentBefore).map((x) => JSON.parse(x.text));
  assertEquals(sent, [
    { event: "unsubscribe", channel: ["book_lv2"], symbols: ["BTC_USDT"] },
    { event: "subscribe", channel: ["book_lv2"], symbols: ["BTC_USDT"] },
  ]);
  await eventually(() => f.state === "connected", "connected again");
  r.server.sendBookUpdates(300);
  await eventually(() => f.updates === 500, "300 more updates");
  assert(sameBook(r, f), "healed");
  assertEquals(r.exchange.resyncs, 1);
});
