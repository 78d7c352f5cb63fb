import { assert, assertEquals } from "../../assert.ts";
import { eventually } from "../../eventually.ts";
import { followBook, levelsKey, rig, sameBook, settled } from "./helpers.ts";

Deno.test("top mode: seeded from REST, then 10,000 order_book frames leave the book equal to the server's", async () => {
  await using r = rig({ seed: 7, key: false });
  const f = await followBook(r, 20);
  assertEquals(f.snapshots, 1, "the REST seed: nothing is sent on subscribe");
  assert(sameBook(r, f));
  r.server.moveBook(10_000);
  await eventually(() => f.snapshots === 10_001, "10,000 frames");
  assert(sameBook(r, f), "book equals the server's top 20");
  assertEquals(f.losses, []);
  assertEquals(r.exchange.decoder.stats.malformed, 0);
});

Deno.test("diff mode (depth beyond 100): REST snapshot bridged by microtimestamp, 10,000 diffs leave the whole book equal", async () => {
  await using r = rig({ seed: 5, key: false });
  const f = await followBook(r, 500);
  assertEquals(f.book.book.depth, 1_000_000, "the whole book is kept");
  assert(r.server.subscribed().includes("diff_order_book_btcusd"));
  r.server.moveBook(10_000);
  await settled(r);
  assert(sameBook(r, f, 1_000), "the whole book equals the server's");
  assertEquals(f.losses, []);
  assert(f.book.passed > 1_000, `top-100 checks passed: ${f.book.passed}`);
  assertEquals(f.book.failed, 0);
});

Deno.test("diff mode: a dropped diff shows against order_book, the book is untrusted, refetched and right again", async () => {
  await using r = rig({ seed: 9, key: false });
  const f = await followBook(r, 500);
  r.server.moveBook(100);
  await eventually(() => sameBook(r, f, 1_000), "the book to follow");
  const restBefore = r.server.restRequests.filter((p) => p.includes("order_book")).length;
  r.server.dropNextDiff();
  r.server.moveBook(5);
  await eventually(() => f.losses.length > 0, "the lost diff to be noticed");
  assert(f.losses[0]!.startsWith("checksum"), f.losses[0]);
  await eventually(
    () => r.server.restRequests.filter((p) => p.includes("order_book")).length > restBefore,
    "a fresh snapshot",
  );
  r.server.moveBook(50);
  await eventually(() => sameBook(r, f, 1_000), "the book to heal");
  assertEquals(r.exchange.resyncs, 1);
});

Deno.test("diff mode: a snapshot older than the first buffered diff is stale and fetched again", async () => {
  await using r = rig({ seed: 13, key: false });
  await r.exchange.connect();
  r.server.staleNextSnapshot();
  r.server.restFaults.push({ path: "order_book", stall: true });
  const inst = (await r.exchange.instruments()).find((i) => i.symbol === "BTC/USD")!;
  const { Follower } = await import("./helpers.ts");
  const f = new Follower(r.exchange, inst, r.exchange.bookDepth(500));
  await r.exchange.subscribe({ symbol: "BTC/USD", channels: ["book"], depth: r.exchange.bookDepth(500) });
  await eventually(() => r.server.restRequests.some((p) => p.includes("order_book")), "the snapshot request");
  r.server.moveBook(5);
  await eventually(() => r.exchange.decoder.sync("BTC/USD")!.buffered === 5, "5 buffered diffs");
  r.server.release();
  await eventually(
    () => f.losses.some((l) => l.startsWith("stale-snapshot")),
    "the stale snapshot to be refused",
  );
  await eventually(() => sameBook(r, f, 1_000), "the book from the second snapshot");
  assertEquals(r.exchange.decoder.stats.staleSnapshots, 1);
  // Nothing moved after the stale answer: every book shown as trusted is the venue's book now.
  const now = r.server.top(20);
  assert(
    f.shown.length > 0 && f.shown.every((s) => s === levelsKey(now.bids, now.asks, 20)),
    "nothing shown from the stale snapshot",
  );
});

Deno.test("top mode: a crossed frame marks the book untrusted until the next frame heals it", async () => {
  await using r = rig({ seed: 17, key: false });
  const f = await followBook(r, 20);
  r.server.moveBook(20);
  await eventually(() => sameBook(r, f), "the book to follow");
  r.server.crossNextTop();
  r.server.moveBook(1);
  await eventually(() => f.losses.length === 1, "the crossed frame to be caught");
  assert(f.losses[0]!.startsWith("crossed"), f.losses[0]);
  assert(!f.trusted || sameBook(r, f), "never shown crossed");
  r.server.moveBook(3);
  await eventually(() => sameBook(r, f), "the next frames to heal it");
});

Deno.test("diff mode: a diff leaving the book crossed is caught and the book rebuilt from REST", async () => {
  await using r = rig({ seed: 19, key: false });
  const f = await followBook(r, 500);
  r.server.moveBook(20);
  await eventually(() => sameBook(r, f, 1_000), "the book to follow");
  r.server.crossNextDiff();
  r.server.moveBook(1);
  await eventually(() => f.losses.some((l) => l.startsWith("crossed")), "the crossed book to be caught");
  r.server.moveBook(20);
  await eventually(() => sameBook(r, f, 1_000), "the rebuilt book");
});

for (const depth of [20, 500]) {
  const mode = depth <= 100 ? "top mode" : "diff mode";
  Deno.test(`${mode}: bts:request_reconnect reconnects at once; the book is shown untrusted, never wrong`, async () => {
    await using r = rig({ seed: 23, key: false, backoff: { baseMs: 200, maxMs: 400 } });
    const f = await followBook(r, depth);
    r.server.trackHistory(20);
    r.server.moveBook(50);
    await settled(r);
    assert(sameBook(r, f), "the book follows");
    const opened = r.server.connectionsOpened;
    const shownBefore = f.shown.length;
    r.server.requestReconnect();
    // The client leaves at once (Bitstamp gives "a few seconds"); the book moves while it is away, so the
    // book it had is no longer the venue's and must not be shown as such.
    await eventually(
      () => r.server.openConnections === 0 || r.server.connectionsOpened > opened,
      "the client to go",
    );
    r.server.stepBook(20);
    const fresh = r.server.steps;
    await eventually(() => r.server.connectionsOpened > opened, "the new connection");
    await eventually(() => f.states.at(-1) === "connected" && f.trusted, "the book trusted again");
    r.server.moveBook(30);
    await eventually(() => sameBook(r, f), "the resubscribed book to equal the server's");
    assertEquals(r.exchange.reconnectRequests, 1);
    assert(f.states.includes("down"), `states ${f.states}`);
    // Every book shown as trusted since is one the venue had after the client came back: none from before.
    const old = f.shown.slice(shownBefore).filter((s) => r.server.stateStep(s) < fresh);
    assertEquals(old.length, 0, "no book from before the reconnect was shown as trusted");
  });
}
