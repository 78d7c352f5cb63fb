import { assert, assertEquals } from "../assert.ts";
import { Journal, Trader } from "../../lib/engine/mod.ts";
import { FakeVenue } from "./fake_venue.ts";
import { T0, tempJournalPath } from "./engine_helpers.ts";
import { eventually } from "../eventually.ts";

const clock = { now: () => T0 };

Deno.test("the trader creates the order engine once balances are readable; its orders are the state's", async () => {
  const venue = new FakeVenue();
  const foreign = venue.addForeign("sell", 2150, 10_000_000);
  const trader = new Trader(venue, { symbol: "ETH/BTC", depth: 10, timeframe: 15, clock });
  await trader.start();
  const engine = trader.engine!;
  assert(engine !== null);
  assertEquals(trader.state.balances, { ETH: "100", BTC: "10" });
  assertEquals(trader.state.orders.map((o) => o.id), [foreign.id]);
  assertEquals(engine.orders().map((o) => o.owner), ["foreign"]);
  venue.stream.push({
    kind: "BookSnapshot",
    symbol: "ETH/BTC",
    bids: [{ price: 2099, qty: 100_000_000 }],
    asks: [{ price: 2101, qty: 100_000_000 }],
    time: T0,
  });
  await eventually(() => trader.state.bookStatus === "ok", "the book");
  const { clientId, settled } = engine.submit({ side: "buy", price: "0.021", volume: "0.5" });
  await settled;
  assertEquals(trader.state.orders.map((o) => o.clientId || o.id), [foreign.id, clientId]);
  // a reconnect reconciles: an order placed elsewhere meanwhile shows up
  const other = venue.addForeign("buy", 2000, 10_000_000);
  venue.stream.push({ kind: "ConnectionChanged", state: "down", time: T0 + 1 });
  venue.stream.push({ kind: "ConnectionChanged", state: "connected", time: T0 + 2 });
  await eventually(() => trader.state.orders.some((o) => o.id === other.id), "the reconcile after reconnect");
  assertEquals(venue.openOrdersCalls, 2);
  // venue events reach the engine: a cancel removes the order from the state
  const mine = venue.byClientId(clientId)!;
  venue.stream.push({ kind: "OrderCanceled", order: venue.setStatus(mine.id, "canceled"), time: T0 + 3 });
  await eventually(() => !trader.state.orders.some((o) => o.clientId === clientId), "the cancel");
  await trader.stop();
});

Deno.test("the trader keeps the journal in the file it is given, and closes it on stop", async () => {
  const { dir, path } = tempJournalPath();
  const venue = new FakeVenue();
  const trader = new Trader(venue, { symbol: "ETH/BTC", depth: 10, timeframe: 15, clock, journalPath: path });
  await trader.start();
  venue.stream.push({
    kind: "BookSnapshot",
    symbol: "ETH/BTC",
    bids: [{ price: 2099, qty: 100_000_000 }],
    asks: [{ price: 2101, qty: 100_000_000 }],
    time: T0,
  });
  await eventually(() => trader.state.bookStatus === "ok", "the book");
  const { clientId, settled } = trader.engine!.submit({
    side: "sell",
    price: "0.0211",
    volume: "0.5",
    owner: "cli",
  });
  await settled;
  await trader.stop();
  const journal = Journal.open(path);
  assertEquals([journal.get(clientId)?.status, journal.get(clientId)?.owner], ["open", "cli"]);
  journal.close();
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("a journal that cannot be opened turns trading off, never the market view", async () => {
  const venue = new FakeVenue();
  const trader = new Trader(venue, {
    symbol: "ETH/BTC",
    depth: 10,
    timeframe: 15,
    clock,
    journalPath: "/nonexistent-dir/pytrader.journal.sqlite",
  });
  await trader.start();
  assertEquals(trader.engine, null);
  assertEquals(trader.state.balances, { ETH: "100", BTC: "10" });
  await trader.stop();
});

Deno.test("no order is placed while the book is known to be wrong (resyncing); it is again once verified", async () => {
  const venue = new FakeVenue();
  const trader = new Trader(venue, { symbol: "ETH/BTC", depth: 10, timeframe: 15, clock });
  await trader.start();
  const snapshot = {
    kind: "BookSnapshot" as const,
    symbol: "ETH/BTC",
    bids: [{ price: 2099, qty: 100_000_000 }],
    asks: [{ price: 2101, qty: 100_000_000 }],
    time: T0,
  };
  venue.stream.push(snapshot);
  await eventually(() => trader.state.bookStatus === "ok", "the book");
  // an update that crosses the book: the book is wrong until the next snapshot
  venue.stream.push({
    kind: "BookUpdate",
    symbol: "ETH/BTC",
    bids: [{ price: 2200, qty: 1 }],
    asks: [],
    time: T0,
  });
  await eventually(() => trader.state.bookStatus === "resyncing", "resyncing");
  let denied = "";
  try {
    trader.engine!.submit({ side: "buy", price: "0.01", volume: "0.5" });
  } catch (e) {
    denied = (e as Error).message;
  }
  assertEquals(
    denied,
    'Cannot place order on "ETH/BTC": the book is being resynced (crossed book); wait until it is verified again',
  );
  assertEquals(venue.placed.length, 0);
  venue.stream.push(snapshot);
  await eventually(() => trader.state.bookStatus === "ok", "the book verified again");
  await trader.engine!.submit({ side: "buy", price: "0.02099", volume: "0.5" }).settled;
  assertEquals(venue.placed.length, 1);
  await trader.stop();
});
