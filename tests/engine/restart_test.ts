import { assertEquals } from "../assert.ts";
import { Journal } from "../../lib/engine/mod.ts";
import { rig, T0, tempJournalPath } from "./engine_helpers.ts";
import { FakeVenue } from "./fake_venue.ts";

Deno.test("restart: a new engine on the same journal file reconciles with the venue's open orders", async () => {
  const { dir, path } = tempJournalPath();
  const venue = new FakeVenue();
  const foreign = venue.addForeign("sell", 2120, 10_000_000);
  const a = rig({}, { journal: Journal.open(path) }, venue);
  const kept = a.engine.submit({ side: "buy", price: "0.021", volume: "0.5", owner: "strategy:buy" });
  await kept.settled;
  venue.scripts.push("hang");
  const hung = a.engine.submit({ side: "buy", price: "0.0209", volume: "0.5" });
  a.timers.fireAll();
  await hung.settled;
  const gone = a.engine.submit({ side: "sell", price: "0.0211", volume: "0.5" });
  const goneId = (await gone.settled).id;
  a.engine.close();
  a.journal.close();

  // while PyTrader was down: one order was filled at the venue
  venue.setStatus(goneId, "filled", 50_000_000);
  const b = rig({}, { journal: Journal.open(path) }, venue);
  assertEquals(b.engine.orders(), []);
  await b.engine.reconcile();
  assertEquals(b.engine.orders().map((o) => [o.clientId || o.id, o.status, o.owner]), [
    [kept.clientId, "open", "strategy:buy"],
    [hung.clientId, "open", "ui"],
    [foreign.id, "open", "foreign"],
  ]);
  // without a lookup the venue cannot say filled or canceled; the order is closed either way
  assertEquals(b.engine.order(gone.clientId)!.status, "canceled");
  assertEquals(b.journal.get(hung.clientId)!.status, "open");
  assertEquals(venue.placed.length, 3, "nothing was sent again");
  b.engine.close();
  b.journal.close();
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("restart with a venue lookup: an order filled while down is found filled", async () => {
  const { dir, path } = tempJournalPath();
  const venue = new FakeVenue({ lookup: true });
  const a = rig({}, { journal: Journal.open(path) }, venue);
  const s = a.engine.submit({ side: "sell", price: "0.0211", volume: "0.5" });
  const id = (await s.settled).id;
  a.journal.close();
  venue.setStatus(id, "filled", 50_000_000);
  const b = rig({}, { journal: Journal.open(path) }, venue);
  await b.engine.reconcile();
  assertEquals([b.engine.order(s.clientId)!.status, b.engine.order(s.clientId)!.filled], [
    "filled",
    50_000_000,
  ]);
  assertEquals(b.journal.get(s.clientId)!.status, "filled");
  b.journal.close();
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("two processes on one journal: the other's orders are its own, never foreign", async () => {
  const { dir, path } = tempJournalPath();
  const venue = new FakeVenue();
  const ui = rig({}, { journal: Journal.open(path) }, venue);
  const bot = rig({}, { journal: Journal.open(path) }, venue);
  const placed = ui.engine.submit({ side: "buy", price: "0.021", volume: "0.5", owner: "ui" });
  await placed.settled;
  await bot.engine.reconcile();
  assertEquals(bot.engine.orders().map((o) => [o.clientId, o.owner]), [[placed.clientId, "ui"]]);
  // a strategy in the other process cancels only its own
  assertEquals(await bot.engine.cancelAll({ owner: "strategy:balancer" }), { canceled: 0, failed: [] });
  assertEquals(venue.canceled, []);
  ui.journal.close();
  bot.journal.close();
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("two processes on one journal: an order still on its way in one is never rejected by the other's reconcile", async () => {
  const { dir, path } = tempJournalPath();
  const venue = new FakeVenue({ lookup: true });
  let now = T0;
  const ui = rig({}, { journal: Journal.open(path) }, venue);
  const cli = rig({}, { journal: Journal.open(path), clock: { now: () => now } }, venue);
  venue.scripts.push("lost");
  const sent = ui.engine.submit({ side: "buy", price: "0.021", volume: "0.5" });
  // `pytrader orders` in another terminal while the request is still on its way: the venue knows nothing yet
  now = T0 + 5_000;
  await cli.engine.reconcile();
  assertEquals(cli.journal.get(sent.clientId)!.status, "pending");
  assertEquals(ui.engine.order(sent.clientId)!.status, "pending");
  // a minute later the venue still has never heard of it: it never arrived
  now = T0 + 90_000;
  await cli.engine.reconcile();
  assertEquals(cli.journal.get(sent.clientId)!.status, "rejected");
  assertEquals(venue.placed.length, 1);
  ui.engine.close();
  ui.journal.close();
  cli.journal.close();
  Deno.removeSync(dir, { recursive: true });
});
