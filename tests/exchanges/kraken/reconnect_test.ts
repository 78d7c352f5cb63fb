import { assert, assertEquals } from "../../assert.ts";
import { followBook, rig, sameBook } from "./setup.ts";
import { eventually } from "../../eventually.ts";

Deno.test("a dropped socket leads to reconnect with backoff, resubscribe and a correct book", async () => {
  await using r = rig({ seed: 5 });
  const f = await followBook(r, 25);
  r.server.sendBookUpdates(300);
  await eventually(() => f.updates === 300, "300 updates");
  r.server.dropConnections();
  await eventually(() => f.state === "down", "state down");
  // Nothing happens until the backoff delay has passed on the (fake) clock.
  assertEquals(r.server.connectionsOpened, 1);
  r.timers.advance(749);
  assertEquals(r.server.connectionsOpened, 1);
  r.timers.advance(1);
  await r.server.waitForConnections(2);
  await eventually(() => f.snapshots === 2, "the snapshot after resubscribing");
  await eventually(() => f.state === "connected", "connected");
  r.server.sendBookUpdates(300);
  await eventually(() => f.updates === 600, "300 more updates");
  assert(sameBook(r, f));
  assertEquals(f.failed, 0);
  assertEquals(f.states, ["connecting", "connected", "down", "connecting", "resyncing", "connected"]);
});

Deno.test("a silent socket goes stale, is pinged, dropped after the deadline and replaced", async () => {
  await using r = rig({ seed: 9 });
  const f = await followBook(r, 25);
  r.server.sendBookUpdates(50);
  await eventually(() => f.updates === 50, "50 updates");
  r.server.silence();
  r.server.sendBookUpdates(20); // lost: the old socket no longer delivers
  const sent = r.server.received.length;
  r.timers.advance(5000);
  await eventually(() => f.state === "stale", "stale");
  await eventually(() => r.server.received.length === sent + 1, "a ping");
  assertEquals(JSON.parse(r.server.received[sent]!).method, "ping");
  r.timers.advance(10_000);
  await eventually(() => f.state === "down", "down after 15 s of silence");
  r.timers.advance(1000);
  await r.server.waitForConnections(2);
  await eventually(() => f.snapshots === 2 && f.state === "connected", "resubscribed");
  r.server.sendBookUpdates(200);
  await eventually(() => f.updates === 250, "200 more updates");
  assert(sameBook(r, f));
  assertEquals(f.failed, 0);
  assertEquals(f.states, [
    "connecting",
    "connected",
    "stale",
    "down",
    "connecting",
    "resyncing",
    "connected",
  ]);
});

Deno.test("reconnect attempts back off exponentially while the venue refuses connections", async () => {
  await using r = rig();
  const f = await followBook(r, 25);
  // Point the adapter's retries at a port nobody listens on by closing the fake's sockets and server.
  await r.server.close();
  await eventually(() => f.state === "down", "down");
  const attempts: number[] = [];
  for (let i = 0; i < 4; i++) {
    const at = r.timers.nextAt!;
    attempts.push(at - r.timers.now());
    r.timers.advance(at - r.timers.now());
    await eventually(() => f.states.at(-1) === "down" && r.timers.pending > 0, `attempt ${i} failed`);
  }
  // random() = 0.5: three quarters of 1 s, 2 s, 4 s, 8 s (capped at maxMs 8 s).
  assertEquals(attempts, [750, 1500, 3000, 6000]);
});
