import { assert, assertEquals } from "../assert.ts";
import type { ExchangeEvent } from "../../lib/core/mod.ts";
import { MarketFeed, type MarketSub } from "../../lib/net/market_feed.ts";
import { FakeTimers } from "./fake_timers.ts";
import { eventually } from "../eventually.ts";
import { wsTestServer } from "./ws_test_server.ts";
import { memoryLog } from "../engine/fake_venue.ts";

interface Sub extends MarketSub {
  readonly channel: "book" | "trade";
}

const BOOK: Sub = { key: "book|BTC/USD", symbol: "BTC/USD", channel: "book" };
const TRADE: Sub = { key: "trade|BTC/USD", symbol: "BTC/USD", channel: "trade" };
const level = { price: 100, qty: 1 };

function rig() {
  const timers = new FakeTimers();
  const told: ExchangeEvent[] = [];
  const resent: string[] = [];
  const downs: string[] = [];
  const { lines, log } = memoryLog();
  const feed: MarketFeed<Sub> = new MarketFeed<Sub>({
    name: "Testex",
    timers,
    log,
    isBook: (sub) => sub.channel === "book",
    resubscribe: (sub) => (resent.push(sub.key), Promise.resolve()),
    down: (reason) => downs.push(reason),
  });
  feed.events.drain((batch) => told.push(...batch));
  return { timers, feed, told, resent, downs, lines };
}

function kinds(events: readonly ExchangeEvent[]): string[] {
  return events.map((ev) =>
    ev.kind === "ConnectionChanged"
      ? `${ev.kind} ${ev.state}`
      : ev.kind === "BookIntegrityLost"
      ? `${ev.kind} ${ev.reason}`
      : ev.kind
  );
}

Deno.test("market feed: a reconnect loses each book once, resends every subscription, drops updates until the snapshot", async () => {
  const srv = wsTestServer(() => {});
  const r = rig();
  try {
    assert(await r.feed.open({ url: srv.url, onMessage: () => {}, backoff: { baseMs: 100, maxMs: 100 } }));
    assert(!await r.feed.open({ url: srv.url, onMessage: () => {} }), "opened once");
    r.feed.subs.set(BOOK.key, BOOK);
    r.feed.subs.set(TRADE.key, TRADE);
    srv.dropAll();
    await eventually(() => r.downs.length === 1, "the drop");
    r.timers.advance(100);
    await eventually(() => r.resent.length === 2, "both subscriptions sent again");
    const update: ExchangeEvent = { kind: "BookUpdate", symbol: "BTC/USD", bids: [level], asks: [], time: 1 };
    const snapshot: ExchangeEvent = {
      kind: "BookSnapshot",
      symbol: "BTC/USD",
      bids: [level],
      asks: [],
      time: 2,
    };
    r.feed.take([update, snapshot, update]);
    r.feed.flush();
    await eventually(() => r.told.some((ev) => ev.kind === "BookSnapshot"), "the snapshot told");
    assertEquals(kinds(r.told), [
      "ConnectionChanged connecting",
      "ConnectionChanged connected",
      "BookIntegrityLost reconnect",
      "ConnectionChanged down",
      "ConnectionChanged connecting",
      "ConnectionChanged resyncing",
      "ConnectionChanged connected",
      "BookSnapshot",
      "BookUpdate",
    ], "one loss for the one book (not again on the reopen); the update before the snapshot dropped");
    assert(
      r.lines.some((l) => l.startsWith("info Reconnected to ") && l.endsWith("resubscribing 2 channel(s)")),
    );
  } finally {
    await r.feed.close();
    await srv.close();
  }
});

Deno.test("market feed: a resync without a socket cannot ask now; nothing is told after close", async () => {
  const r = rig();
  assertEquals(r.feed.awaitSnapshot("BTC/USD"), false, "no socket to ask on");
  r.feed.accountState("connected");
  r.feed.accountState("stale", "account feed quiet");
  await r.feed.close();
  r.feed.updateState("after close");
  r.feed.pushLater(
    Promise.resolve([{ kind: "BookIntegrityLost", symbol: "X", reason: "invalid", detail: "late", time: 0 }]),
    "x",
  );
  await Promise.resolve();
  r.feed.events.close();
  await eventually(() => r.feed.events.closed, "closed");
  assertEquals(
    kinds(r.told),
    ["ConnectionChanged down"],
    "no socket yet: down, told once; nothing after close",
  );
});
