import { assert, assertEquals, assertMatch, assertRejects } from "../assert.ts";
import { ExchangeUnavailable, InvalidOrder, OrderNotFound } from "../../lib/core/mod.ts";
import { isClientId } from "../../lib/engine/mod.ts";
import { rig, T0 } from "./engine_helpers.ts";

Deno.test("the journal holds the order before placeOrder is called; the venue's answer opens it", async () => {
  const r = rig();
  const seen: unknown[] = [];
  r.venue.onPlace = (cmd) => seen.push(r.journal.get(cmd.clientId));
  const { clientId, settled } = r.engine.submit({ side: "buy", price: "0.021", volume: "0.5", owner: "cli" });
  assert(isClientId(clientId));
  assertEquals(seen, [{
    clientId,
    venue: "fake",
    symbol: "ETH/BTC",
    side: "buy",
    type: "limit",
    price: "0.02100",
    volume: "0.50000000",
    filled: "0.00000000",
    owner: "cli",
    paper: false,
    status: "pending",
    venueId: "",
    createdAt: T0,
    updatedAt: T0,
    error: null,
  }]);
  assertEquals(r.venue.placed[0]!.clientId, clientId);
  assertEquals(r.engine.orders().map((o) => o.status), ["pending"]);
  const order = await settled;
  assertEquals([order.status, order.id, order.price, order.qty, order.owner], [
    "open",
    "OFAKE-1",
    2100,
    50_000_000,
    "cli",
  ]);
  assertEquals([r.journal.get(clientId)!.status, r.journal.get(clientId)!.venueId], ["open", "OFAKE-1"]);
  assertEquals(r.timers.size, 0, "the reply timer is stopped");
  r.journal.close();
});

Deno.test("an explicit venue refusal is a rejection with the venue's reason, logged, never retried", async () => {
  const r = rig();
  r.venue.scripts.push({ reject: "EOrder:Insufficient funds" });
  const { clientId, settled } = r.engine.submit({ side: "sell", price: "0.021", volume: "1" });
  const order = await settled;
  assertEquals([order.status, order.error], ["rejected", "EOrder:Insufficient funds"]);
  assertEquals(r.journal.get(clientId)!.status, "rejected");
  assertEquals(r.journal.get(clientId)!.error, "EOrder:Insufficient funds");
  assertEquals(r.engine.orders(), []);
  assertEquals(r.venue.placed.length, 1);
  assert(
    r.lines.some((l) => l.startsWith("warn") && l.includes("rejected") && l.includes("Insufficient funds")),
  );
  r.journal.close();
});

Deno.test("a submit whose reply never arrives stays unknown and reconcile makes it exactly one open order", async () => {
  const r = rig();
  r.venue.scripts.push("hang");
  const { clientId, settled } = r.engine.submit({ side: "buy", price: "0.021", volume: "0.5" });
  r.timers.fireAll();
  const order = await settled;
  assertEquals(order.status, "unknown");
  assertMatch(order.error!, /no answer from fake within 15000 ms/);
  assertEquals(r.engine.orders().map((o) => [o.clientId, o.status]), [[clientId, "unknown"]]);
  assertEquals(r.journal.get(clientId)!.status, "unknown");
  await r.engine.reconcile();
  assertEquals(r.engine.orders().map((o) => [o.clientId, o.status, o.id, o.owner]), [
    [clientId, "open", "OFAKE-1", "ui"],
  ]);
  assertEquals(r.venue.placed.length, 1, "never resubmitted");
  assertEquals([...r.venue.orders.values()].length, 1);
  // the late answer changes nothing
  r.venue.answerLate(clientId);
  await Promise.resolve();
  assertEquals(r.engine.orders().length, 1);
  r.journal.close();
});

Deno.test("a connection dropped after the venue accepted leaves the order unknown until reconcile finds it", async () => {
  const r = rig();
  r.venue.scripts.push("drop");
  const { clientId, settled } = r.engine.submit({ side: "sell", price: "0.02102", volume: "0.5" });
  assertEquals((await settled).status, "unknown");
  await r.engine.reconcile();
  assertEquals(r.engine.orders().map((o) => [o.clientId, o.status]), [[clientId, "open"]]);
  assertEquals(r.venue.placed.length, 1);
  r.journal.close();
});

Deno.test("5xx and rate limits are unknown, never rejected; the venue's lookup settles them after a grace period", async () => {
  let now = T0;
  const r = rig({ lookup: true }, { clock: { now: () => now } });
  r.venue.scripts.push("5xx", "rate-limit");
  const a = r.engine.submit({ side: "buy", price: "0.021", volume: "0.5" });
  const b = r.engine.submit({ side: "buy", price: "0.021", volume: "0.5" });
  assertEquals([(await a.settled).status, (await b.settled).status], ["unknown", "unknown"]);
  assertMatch((await a.settled).error!, /HTTP 503/);
  // The venue may simply not have processed them yet: a young order it does not know stays unknown.
  now = T0 + 10_000;
  await r.engine.reconcile();
  assertEquals(r.venue.queryCalls, 2);
  for (const id of [a.clientId, b.clientId]) assertEquals(r.engine.order(id)!.status, "unknown");
  now = T0 + 61_000;
  await r.engine.reconcile();
  for (const id of [a.clientId, b.clientId]) {
    const o = r.engine.order(id)!;
    assertEquals([o.status, o.error], [
      "rejected",
      "fake has no order with this client id 61 s after it was sent",
    ]);
  }
  assertEquals(r.venue.placed.length, 2);
  r.journal.close();
});

Deno.test("an order filled at once whose answer timed out is found filled by the lookup", async () => {
  const r = rig({ lookup: true });
  r.venue.scripts.push("fill-drop");
  const { clientId, settled } = r.engine.submit({ side: "buy", price: "0.02101", volume: "0.5" });
  assertEquals((await settled).status, "unknown");
  await r.engine.reconcile();
  const o = r.engine.order(clientId)!;
  assertEquals([o.status, o.filled, o.id], ["filled", 50_000_000, "OFAKE-1"]);
  assertEquals(r.journal.get(clientId)!.filled, "0.50000000");
  assertEquals(r.engine.orders(), []);
  r.journal.close();
});

Deno.test("without a lookup an order missing from the venue stays unknown: never a guessed rejection", async () => {
  const r = rig();
  r.venue.scripts.push("lost");
  const { clientId } = r.engine.submit({ side: "buy", price: "0.021", volume: "0.5" });
  r.timers.fireAll();
  await r.engine.reconcile();
  assertEquals(r.engine.order(clientId)!.status, "unknown");
  assertMatch(r.engine.order(clientId)!.error!, /cannot be asked by client id/);
  // the user can clear it: the venue says there is no such open order
  const canceled = await r.engine.cancel(clientId);
  assertEquals(canceled.status, "canceled");
  assertEquals(r.venue.placed.length, 1);
  r.journal.close();
});

Deno.test("an answer that arrives after the timeout settles the unknown order, once", async () => {
  const r = rig();
  r.venue.scripts.push("hang");
  const { clientId, settled } = r.engine.submit({ side: "buy", price: "0.021", volume: "0.5" });
  r.timers.fireAll();
  assertEquals((await settled).status, "unknown");
  const changed = new Promise<void>((resolve) => r.engine.onChange(resolve));
  r.venue.answerLate(clientId);
  await changed;
  assertEquals(r.engine.orders().map((o) => [o.status, o.id]), [["open", "OFAKE-1"]]);
  assertEquals(r.engine.order(clientId)!.error, undefined);
  r.journal.close();
});

Deno.test("venue events fill and cancel own orders and update the journal", async () => {
  const r = rig();
  const { clientId, settled } = r.engine.submit({ side: "buy", price: "0.021", volume: "0.5" });
  const open = await settled;
  r.engine.apply({
    kind: "OrderFilled",
    order: { ...open, filled: 20_000_000 },
    price: 2100,
    qty: 20_000_000,
    fee: "0.00001",
    liquidity: "maker",
    time: T0 + 1,
  });
  assertEquals(r.engine.orders()[0]!.filled, 20_000_000);
  assertEquals(r.journal.get(clientId)!.filled, "0.20000000");
  assert(r.lines.some((l) => l.includes("filled 0.20000000 ETH at 0.02100 (maker, fee 0.00001 BTC)")));
  r.engine.apply({
    kind: "OrderCanceled",
    order: { ...open, filled: 20_000_000, status: "canceled" },
    time: T0 + 2,
  });
  assertEquals(r.engine.orders(), []);
  assertEquals(r.journal.get(clientId)!.status, "canceled");
  // a stale "open" can never undo a fill: filled amounts only grow, filled is final
  r.engine.apply({
    kind: "OrderFilled",
    order: { ...open, filled: 50_000_000, status: "filled" },
    price: 2100,
    qty: 30_000_000,
    fee: "0",
    liquidity: "maker",
    time: T0 + 3,
  });
  r.engine.apply({ kind: "OrderAccepted", order: open });
  assertEquals([r.engine.order(clientId)!.status, r.engine.order(clientId)!.filled], ["filled", 50_000_000]);
  r.journal.close();
});

Deno.test("a rejection event settles a pending order", async () => {
  const r = rig();
  r.venue.scripts.push("lost");
  const { clientId, settled } = r.engine.submit({ side: "buy", price: "0.021", volume: "0.5" });
  r.engine.apply({ kind: "OrderRejected", clientId, reason: "EOrder:Invalid price", time: T0 });
  const o = await settled;
  assertEquals([o.status, o.error], ["rejected", "EOrder:Invalid price"]);
  r.journal.close();
});

Deno.test("foreign orders show as foreign; cancelAll({owner}) touches only that owner's orders", async () => {
  const r = rig();
  const foreign = r.venue.addForeign("sell", 2110, 30_000_000);
  await r.engine.reconcile();
  assertEquals(r.engine.orders().map((o) => [o.id, o.owner]), [[foreign.id, "foreign"]]);
  const ui = r.engine.submit({ side: "buy", price: "0.021", volume: "0.5" });
  const strat = r.engine.submit({ side: "buy", price: "0.0209", volume: "0.5", owner: "strategy:balancer" });
  await Promise.all([ui.settled, strat.settled]);
  const result = await r.engine.cancelAll({ owner: "strategy:balancer" });
  assertEquals(result, { canceled: 1, failed: [] });
  assertEquals(r.engine.orders().map((o) => o.owner), ["foreign", "ui"]);
  assertEquals(r.venue.canceled, [r.engine.order(strat.clientId)!.id]);
  assertEquals(r.venue.orders.get(foreign.id)!.status, "open");
  // a foreign order gone from the venue leaves the list at the next reconcile
  r.venue.setStatus(foreign.id, "canceled");
  await r.engine.reconcile();
  assertEquals(r.engine.orders().map((o) => o.owner), ["ui"]);
  r.journal.close();
});

Deno.test("cancelAll reports partial failures and cancels the rest", async () => {
  const r = rig();
  const a = r.engine.submit({ side: "buy", price: "0.021", volume: "0.5" });
  const b = r.engine.submit({ side: "buy", price: "0.0209", volume: "0.5" });
  const oa = await a.settled;
  await b.settled;
  r.venue.cancelErrors.set(oa.id, new ExchangeUnavailable("Cannot cancel order on fake: HTTP 502"));
  const result = await r.engine.cancelAll();
  assertEquals(result, {
    canceled: 1,
    failed: [{ id: a.clientId, reason: "Cannot cancel order on fake: HTTP 502" }],
  });
  assertEquals(r.engine.orders().map((o) => o.clientId), [a.clientId]);
  r.journal.close();
});

Deno.test("cancel: by client id or venue id; unknown ids and finished orders are refused", async () => {
  const r = rig();
  const a = r.engine.submit({ side: "buy", price: "0.021", volume: "0.5" });
  const o = await a.settled;
  await assertRejects(
    () => r.engine.cancel("nope"),
    OrderNotFound,
    'Cannot cancel order "nope" on "ETH/BTC"',
  );
  assertEquals((await r.engine.cancel(o.id)).status, "canceled");
  await assertRejects(() => r.engine.cancel(a.clientId), InvalidOrder, "it is already canceled");
  r.journal.close();
});

Deno.test("cancel waits for an order still on its way, then cancels it at the venue", async () => {
  const r = rig();
  r.venue.scripts.push("hang");
  const a = r.engine.submit({ side: "buy", price: "0.021", volume: "0.5" });
  const canceling = r.engine.cancel(a.clientId);
  r.venue.answerLate(a.clientId);
  assertEquals((await canceling).status, "canceled");
  assertEquals(r.venue.canceled, ["OFAKE-1"]);
  r.journal.close();
});

Deno.test("a reconnect reconciles; the first connection does not", async () => {
  const r = rig();
  r.engine.apply({ kind: "ConnectionChanged", state: "connected", time: T0 });
  assertEquals(r.venue.openOrdersCalls, 0);
  r.venue.addForeign("buy", 2000, 10_000_000);
  r.engine.apply({ kind: "ConnectionChanged", state: "down", time: T0 + 1 });
  const changed = new Promise<void>((resolve) => r.engine.onChange(resolve));
  r.engine.apply({ kind: "ConnectionChanged", state: "connected", time: T0 + 2 });
  await changed;
  assertEquals(r.venue.openOrdersCalls, 1);
  assertEquals(r.engine.orders().map((o) => o.owner), ["foreign"]);
  r.journal.close();
});

Deno.test("validate asks the venue and places nothing: nothing journalled, nothing listed", async () => {
  const r = rig();
  const { clientId, settled } = r.engine.submit({
    side: "buy",
    price: "0.021",
    volume: "0.5",
    validate: true,
  });
  assertEquals(r.venue.placed.map((c) => c.validate), [true]);
  assertEquals((await settled).status, "pending");
  assertEquals(r.journal.get(clientId), null);
  assertEquals(r.engine.orders(), []);
  r.journal.close();
});

Deno.test("concurrent reconciles share one run and never double an order", async () => {
  const r = rig();
  r.venue.scripts.push("hang");
  const a = r.engine.submit({ side: "buy", price: "0.021", volume: "0.5" });
  r.timers.fireAll();
  await Promise.all([r.engine.reconcile(), r.engine.reconcile(), r.engine.reconcile()]);
  assertEquals(r.engine.orders().map((o) => [o.clientId, o.status]), [[a.clientId, "open"]]);
  assert(r.venue.openOrdersCalls <= 2);
  r.journal.close();
});

Deno.test("cancel on behalf of an owner refuses other owners' orders", async () => {
  const r = rig();
  const ui = r.engine.submit({ side: "buy", price: "0.021", volume: "0.5" });
  await ui.settled;
  await assertRejects(
    () => r.engine.cancel(ui.clientId, { owner: "strategy:sell" }),
    InvalidOrder,
    `Cannot cancel order "${ui.clientId}" on "ETH/BTC": it belongs to "ui", not "strategy:sell"`,
  );
  assertEquals(r.venue.canceled, []);
  assertEquals((await r.engine.cancel(ui.clientId, { owner: "ui" })).status, "canceled");
  r.journal.close();
});

Deno.test("the engine's log tells each order's life in plain words, for every owner", async () => {
  const r = rig();
  const { clientId, settled } = r.engine.submit({ side: "buy", price: "0.021", volume: "0.5" });
  await settled;
  await r.engine.cancel(clientId);
  r.venue.scripts.push({ reject: "EOrder:Insufficient funds" });
  await r.engine.submit({ side: "sell", price: "0.0211", volume: "1", owner: "strategy:balancer" }).settled;
  const lines = r.lines.filter((l) => l.includes("Order"));
  assertEquals(lines.slice(0, 3), [
    `info Order sent to fake: buy 0.50000000 ETH at 0.02100 BTC (client id ${clientId})`,
    "info Order open: buy 0.50000000 ETH at 0.02100 BTC (id OFAKE-1)",
    "info Order canceled: buy 0.50000000 ETH at 0.02100 BTC",
  ]);
  assertEquals(
    lines.at(-1),
    "warn Order rejected by fake: sell 1.00000000 ETH at 0.02110 BTC [strategy:balancer]: EOrder:Insufficient funds",
  );
  r.journal.close();
});
