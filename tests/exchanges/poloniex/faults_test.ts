/** The fake's fault knobs against the adapter, on fake timers: silence, drops, garbage, stalls, rate tiers. */
import { assert, assertEquals, assertRejects } from "../../assert.ts";
import { eventually } from "../../eventually.ts";
import { RequestTimeout } from "../../../lib/core/mod.ts";
import { Trader } from "../../../lib/engine/mod.ts";
import { FakePoloniex } from "../../fakes/poloniex/server.ts";
import { fastAdapter, followBook, rig, sameBook } from "./setup.ts";

Deno.test("poloniex: a silent socket turns stale, is dropped after the deadline and comes back with a fresh book", async () => {
  await using r = rig({ fake: { seed: 9 }, adapter: { staleAfterMs: 15_000, deadAfterMs: 25_000 } });
  const f = await followBook(r);
  r.server.silence();
  for (let s = 0; s < 15 && f.state !== "stale"; s++) r.timers.advance(1000);
  await eventually(() => f.state === "stale", "stale after 15 s of silence");
  r.timers.advance(10_000);
  await eventually(() => f.states.includes("down"), "dropped after 25 s");
  r.timers.advance(1_000); // the backoff (base 1 s, jitter 0.5)
  await eventually(() => r.server.connectionsOpened === 2, "a new connection");
  await eventually(() => f.snapshots === 2, "the book subscribed again, a fresh snapshot");
  await eventually(() => f.state === "connected", "connected");
  r.server.sendBookUpdates(100);
  await eventually(() => f.updates >= 100, "updates on the new connection");
  assert(sameBook(r, f));
});

Deno.test("poloniex: after a drop, updates are dropped until the resubscribed book's snapshot; garbage is ignored", async () => {
  await using r = rig({ fake: { seed: 2 } });
  const f = await followBook(r);
  r.server.sendRaw("}{ not json");
  r.server.sendRaw('{"channel":"book_lv2","data":"nope","action":"update"}');
  r.server.sendBookUpdates(50);
  await eventually(() => f.updates === 50, "updates after the garbage");
  assertEquals(r.exchange.decoder.stats.malformed, 2);
  r.server.dropConnections("public");
  await eventually(() => f.states.includes("down"), "the drop");
  r.timers.advance(1_000);
  await eventually(() => f.snapshots === 2, "the snapshot after resubscribing");
  r.server.sendBookUpdates(50);
  await eventually(() => f.updates === 100, "50 more");
  assert(sameBook(r, f), "the book is right after the reconnect");
  assertEquals(f.losses.map((l) => [l.reason, l.afterUpdates]), [["reconnect", 50]], "the drop, told once");
});

Deno.test("poloniex: a stalled REST answer is a RequestTimeout at the deadline", async () => {
  await using r = rig({ adapter: { restTimeoutMs: 5_000 } });
  await r.exchange.instruments();
  r.server.restFaults.push({ stall: true, path: "/markets/BTC_USDT/ticker24h" });
  const pending = assertRejects(
    () => r.exchange.ticker("BTC/USDT"),
    RequestTimeout,
    "no answer within 5000 ms",
  );
  await eventually(
    () => r.server.restRequests.some((p) => p.includes("ticker24h")),
    "the request at the fake",
  );
  r.timers.advance(5_000);
  await pending;
});

Deno.test("poloniex rate tiers: lists go out at 10 a second, orders at 50 (client-side token buckets)", async () => {
  await using r = rig({ key: true, adapter: { rates: {} } });
  await r.exchange.instruments();
  const lists = () => r.server.privateRest.calls.filter((c) => c.path.startsWith("/orders?")).length;
  const calls = Array.from({ length: 15 }, () => r.exchange.openOrders("BTC/USDT"));
  // `/markets` took one token of the lists tier: nine more go out at once.
  await eventually(() => lists() === 9, "a burst of nine");
  // A request of another tier goes out and comes back meanwhile; the tenth list still waits for its token.
  await r.exchange.book("BTC/USDT", 5);
  assertEquals(lists(), 9);
  r.timers.advance(100);
  await eventually(() => lists() === 10, "one more a tenth of a second later");
  r.timers.advance(500);
  await Promise.all(calls);
  assertEquals(lists(), 15);
  const lookups = Array.from(
    { length: 50 },
    (_, i) =>
      r.exchange.queryOrder({ symbol: "BTC/USDT", clientId: `ptlookup${String(i).padStart(10, "0")}` }),
  );
  await Promise.all(lookups);
  assertEquals(r.server.privateRest.calls.filter((c) => c.path.startsWith("/orders/cid:")).length, 50);
});

Deno.test("poloniex: the account feed alone dropping leaves the Trader's book trusted and the book subscription alone", async () => {
  const server = FakePoloniex.start({ seed: 4 });
  const exchange = fastAdapter(server);
  const trader = new Trader(exchange, { symbol: "BTC/USDT", depth: 10, timeframe: 1, historyLimit: 10 });
  const statuses: string[] = [];
  trader.onChange(() => {
    const s = trader.state.bookStatus;
    if (statuses.at(-1) !== s) statuses.push(s);
  });
  try {
    await trader.start();
    await eventually(
      () => trader.state.bookStatus === "ok" && trader.state.connection === "connected",
      "a book",
    );
    const subscribes = () =>
      server.received.filter((x) =>
        !x.private && x.text.includes('"subscribe"') && x.text.includes("book_lv2")
      );
    assertEquals(subscribes().length, 1);
    const states: string[] = [];
    trader.onChange(() => {
      if (states.at(-1) !== trader.state.connection) states.push(trader.state.connection);
    });
    server.dropConnections("private");
    await eventually(() => states.some((s) => s !== "connected"), "the account feed's drop to show");
    await eventually(() => trader.state.connection === "connected", "the account feed back");
    assertEquals(statuses, ["empty", "ok"], "the book was never untrusted: its market data never stopped");
    assertEquals(subscribes().length, 1, "the book was not subscribed again");
    server.sendBookUpdates(50);
    const same = () =>
      JSON.stringify({
        bids: trader.state.book.levels("bid", 20),
        asks: trader.state.book.levels("ask", 20),
      }) ===
        JSON.stringify(server.book.top(20));
    await eventually(same, "the book to follow the venue's");
  } finally {
    await trader.stop();
    await server.close();
  }
});
