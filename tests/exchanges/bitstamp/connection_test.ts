import { assert, assertEquals } from "../../assert.ts";
import { eventually } from "../../eventually.ts";
import { FakeTimers } from "../../net/fake_timers.ts";
import { wsError } from "../../fakes/bitstamp/payloads.ts";
import { followBook, rig, sameBook, settled } from "./helpers.ts";

/** The adapter on a manual clock: heartbeats, watchdog and backoff move only when the test says. */
function clocked(seed: number) {
  const timers = new FakeTimers(Date.now());
  const r = rig({
    seed,
    key: false,
    timers,
    random: () => 0.5,
    heartbeatMs: 10_000,
    backoff: { baseMs: 1_000, maxMs: 8_000 },
  });
  return Object.assign(r, { timers });
}

Deno.test("bts:heartbeat goes out every 10 s and its reply keeps a quiet line from going stale", async () => {
  await using r = clocked(3);
  const f = await followBook(r, 20);
  const beats = () => r.server.received.filter((t) => t === '{"event":"bts:heartbeat"}').length;
  for (let i = 1; i <= 4; i++) {
    r.timers.advance(10_000);
    await eventually(() => beats() === i, `heartbeat ${i}`);
    await settled(r);
  }
  assertEquals(f.states.at(-1), "connected", `states ${f.states}`);
  assert(!f.states.includes("stale"), "never stale while the replies come");
});

Deno.test("a silent socket goes stale, is dropped after the deadline and replaced; the book is rebuilt", async () => {
  await using r = clocked(5);
  const f = await followBook(r, 20);
  r.server.moveBook(30);
  await settled(r);
  r.server.silence();
  r.server.moveBook(10); // lost: the old socket no longer delivers
  r.timers.advance(25_000);
  await eventually(() => f.states.at(-1) === "stale", "stale");
  r.timers.advance(15_000);
  await eventually(() => f.states.at(-1) === "down", "down after 40 s of silence");
  assert(!f.trusted, "untrusted while away");
  r.timers.advance(1_000);
  await r.server.waitForConnections(2);
  await eventually(() => sameBook(r, f), "the rebuilt book");
  assertEquals(f.states.slice(-3), ["connecting", "resyncing", "connected"]);
});

Deno.test("garbage frames and bts:error are logged and ignored; the book goes on", async () => {
  await using r = rig({ seed: 7, key: false });
  const f = await followBook(r, 20);
  r.server.sendRaw("this is not JSON");
  r.server.sendRaw('{"event":"data","channel":"order_book_btcusd","data":{"bids":[["x","y"]]}}');
  r.server.sendRaw(wsError("Invalid channel provided."));
  r.server.moveBook(20);
  await settled(r);
  assert(sameBook(r, f));
  assertEquals(r.exchange.decoder.stats.malformed, 2);
  assertEquals(f.losses, [], "a bad top frame costs nothing: the next frame is the whole book");
});

Deno.test("a diff that cannot be read is a diff lost: the book is rebuilt from a fresh snapshot", async () => {
  await using r = rig({ seed: 11, key: false });
  const f = await followBook(r, 500);
  r.server.moveBook(20);
  await settled(r);
  r.server.sendRaw(
    '{"data":{"timestamp":"1","microtimestamp":"1","bids":[["1.5e","x"]],"asks":[]},"channel":"diff_order_book_btcusd","event":"data"}',
  );
  await eventually(() => f.losses.some((l) => l.startsWith("invalid")), "the bad diff");
  r.server.moveBook(20);
  await eventually(() => sameBook(r, f, 1_000), "the rebuilt book");
});

Deno.test("dropped connections: reconnect with backoff, resubscribe, the book from a fresh snapshot", async () => {
  await using r = clocked(13);
  const f = await followBook(r, 20);
  r.server.dropConnections();
  await eventually(() => f.states.at(-1) === "down", "down");
  r.timers.advance(749);
  assertEquals(r.server.connectionsOpened, 1, "not before the backoff delay");
  r.timers.advance(1);
  await r.server.waitForConnections(2);
  await eventually(() => f.states.at(-1) === "connected" && f.trusted, "back and trusted");
  r.server.moveBook(20);
  await settled(r);
  assert(sameBook(r, f));
});
