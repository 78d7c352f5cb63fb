/**
 * Poloniex ends a session after 30 s without a client message, whatever it sends itself (protocols.md §5.2.1).
 * The fake enforces that on the same fake clock as the adapter, so the test runs 30 s and more of venue time
 * in steps of one second, a book update arriving every second.
 */
import { assert, assertEquals } from "../../assert.ts";
import { eventually } from "../../eventually.ts";
import { followBook, rig } from "./setup.ts";

Deno.test("poloniex keepalive: our ping goes out every 10 s of our own silence while data streams; 30 s is never reached", async () => {
  await using r = rig({ fake: { seed: 5 }, key: true });
  const f = await followBook(r);
  await eventually(() => r.exchange.accountFeedFramesSent === 3, "the account feed's auth and subscriptions");
  const pings = (priv: boolean) =>
    r.server.received.filter((x) => x.text === '{"event":"ping"}' && x.private === priv).length;
  for (let s = 1; s <= 95; s++) {
    r.server.sendBookUpdates(1);
    await eventually(() => f.updates === s, `update ${s}`);
    r.timers.advance(1000);
    // Both sockets ping; the fake notes when each arrived, on the clock that stands still meanwhile.
    if (s % 10 === 0) {
      await eventually(() => pings(false) === s / 10 && pings(true) === s / 10, `ping ${s / 10}`);
    }
  }
  assertEquals(r.server.idleCloses, 0, "no session was ended for silence");
  assertEquals(r.server.connectionsOpened, 2, "the public and the private socket, never reopened");
  assert(
    r.server.maxClientSilenceMs <= 10_000,
    `the longest client silence was ${r.server.maxClientSilenceMs} ms, well under 30 s`,
  );
  assertEquals(f.losses, []);
  assertEquals(f.state, "connected");
});

Deno.test("poloniex keepalive, control: without our pings the fake ends the session at 30 s of client silence", async () => {
  await using r = rig({
    fake: { seed: 5 },
    adapter: { keepaliveMs: 0, staleAfterMs: 60_000, deadAfterMs: 120_000 },
  });
  const f = await followBook(r);
  for (let s = 1; s <= 31 && r.server.idleCloses === 0; s++) {
    r.server.sendBookUpdates(1);
    await eventually(() => f.updates === s, `update ${s}`);
    r.timers.advance(1000);
  }
  await eventually(() => r.server.idleCloses === 1, "the fake to end the silent session");
  await eventually(() => f.states.includes("down"), "the dropped session to show");
  assertEquals(r.server.maxClientSilenceMs, 30_000);
});
