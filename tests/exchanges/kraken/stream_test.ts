import { assert, assertEquals } from "../../assert.ts";
import { followBook, rig, sameBook } from "./setup.ts";
import { eventually } from "../../eventually.ts";

Deno.test("snapshot plus 10,000 updates leave the book identical to the server's, every checksum verified", async () => {
  await using r = rig({ seed: 7 });
  const f = await followBook(r, 25);
  assertEquals(f.book.depth, 25);
  r.server.sendBookUpdates(10_000);
  await eventually(() => f.updates === 10_000, "10,000 updates");
  assert(sameBook(r, f), "book equals the server's top 25");
  assertEquals(f.failed, 0);
  assertEquals(f.passed, 10_001);
  assertEquals(r.exchange.decoder.stats.malformed, 0);
});

Deno.test("a deep book (depth 100) follows the server through 3,000 updates", async () => {
  await using r = rig({ seed: 11, levels: 300 });
  const f = await followBook(r, 100);
  r.server.sendBookUpdates(3000);
  await eventually(() => f.updates === 3000, "3,000 updates");
  assert(sameBook(r, f));
  assertEquals(f.failed, 0);
});

Deno.test("a corrupted checksum triggers a resync within one round trip and the book is right afterwards", async () => {
  await using r = rig({ seed: 3 });
  const f = await followBook(r, 10);
  r.server.sendBookUpdates(200);
  await eventually(() => f.updates === 200, "200 updates");
  const sentBefore = r.server.received.length;
  r.server.corruptNextChecksum();
  r.server.sendBookUpdates(1);
  await eventually(() => f.snapshots === 2, "the fresh snapshot");
  // The client sent unsubscribe and subscribe together; the snapshot is the answer to that one trip.
  const sent = r.server.received.slice(sentBefore).map((t) => JSON.parse(t).method);
  assertEquals(sent, ["unsubscribe", "subscribe"]);
  assertEquals(f.failed, 1);
  assertEquals(r.exchange.resyncs, 1);
  assert(f.states.includes("resyncing"), `states ${f.states}`);
  await eventually(() => f.state === "connected", "connected again");
  r.server.sendBookUpdates(500);
  await eventually(() => f.updates === 701, "500 more updates");
  assert(sameBook(r, f));
  assertEquals(f.failed, 1);
});
