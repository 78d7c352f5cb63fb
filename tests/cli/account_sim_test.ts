import { assert, assertEquals, assertMatch, assertStringIncludes } from "../assert.ts";
import { AuthenticationError, ExchangeUnavailable, InsufficientFunds } from "../../lib/core/mod.ts";
import { Journal, journalPathFor } from "../../lib/engine/mod.ts";
import { Home, quietSim, simDeps, type SimFaults } from "./account_helpers.ts";

type Json = Record<string, unknown>;

/** The order's fields that change from run to run, checked for their form and left out. */
function stable(order: unknown): Json {
  const { clientId, time, ...rest } = order as Json;
  assertMatch(String(clientId), /^pt[0-9a-z]{16}$/);
  assertMatch(String(time), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  return rest;
}

async function simHome(faults: SimFaults = {}) {
  const sim = quietSim();
  const home = await Home.create(simDeps(sim, faults));
  return Object.assign(home, { sim });
}

Deno.test("balance: exact JSON shape and a table", async () => {
  await using home = await simHome();
  assertEquals(await home.json(["balance"], 0), {
    ok: true,
    exchange: "sim",
    balances: { BTC: "1.00000000", ETH: "10.00000000", USD: "10000.00" },
  });
  const r = await home.run(["balance"]);
  assertEquals([r.code, r.stderr], [0, ""]);
  assertEquals(r.stdout.split("\n"), [
    "asset      balance",
    "-----  -----------",
    "BTC     1.00000000",
    "ETH    10.00000000",
    "USD       10000.00",
  ]);
});

Deno.test("buy: a limit order placed through the engine and journal, listed by orders in both modes", async () => {
  await using home = await simHome();
  const placed = await home.json(["buy", "59000", "0.01"], 0);
  assertEquals(placed.ok, true);
  assertEquals(placed.exchange, "sim");
  assertEquals(placed.validate, false);
  assertEquals(stable(placed.order), {
    id: "OSIM-000001",
    pair: "BTC/USD",
    side: "buy",
    type: "limit",
    price: "59000.0",
    volume: "0.01000000",
    filled: "0.00000000",
    status: "open",
    owner: "cli",
    foreign: false,
  });
  const clientId = (placed.order as Json).clientId as string;
  const journal = Journal.open(journalPathFor(home.ini));
  try {
    const e = journal.get(clientId)!;
    assertEquals([e.owner, e.status, e.venueId, e.price, e.volume], [
      "cli",
      "open",
      "OSIM-000001",
      "59000.0",
      "0.01000000",
    ]);
  } finally {
    journal.close();
  }
  const listed = await home.json(["orders"], 0);
  assertEquals(Object.keys(listed), ["ok", "exchange", "orders"]);
  assertEquals((listed.orders as Json[]).map((o) => o.clientId), [clientId]);
  assertEquals(stable((listed.orders as Json[])[0]), stable(placed.order));
  const table = await home.run(["orders"]);
  assertEquals(table.code, 0);
  const lines = table.stdout.split("\n");
  assertMatch(lines[0]!, /^id\s+client id\s+pair\s+side\s+type\s+price\s+volume\s+filled\s+status\s+owner$/);
  assertMatch(
    lines[2]!,
    new RegExp(
      `^OSIM-000001\\s+${clientId}\\s+BTC/USD\\s+buy\\s+limit\\s+59000.0\\s+0.01000000\\s+0.00000000\\s+open\\s+cli$`,
    ),
  );
});

Deno.test("orders: foreign orders (placed outside PyTrader) are listed and marked", async () => {
  await using home = await simHome();
  await home.sim.placeOrder({
    kind: "SubmitOrder",
    clientId: "elsewhere-1",
    symbol: "ETH/USD",
    side: "sell",
    type: "limit",
    price: 400_000,
    qty: 100_000_000,
  });
  const r = await home.json(["orders"], 0);
  const [o] = r.orders as Json[];
  assertEquals(stable({ ...o, clientId: "pt0000000000000000" }), {
    id: "OSIM-000001",
    pair: "ETH/USD",
    side: "sell",
    type: "limit",
    price: "4000.00",
    volume: "1.00000000",
    filled: "0.00000000",
    status: "open",
    owner: "foreign",
    foreign: true,
  });
  assertStringIncludes((await home.run(["orders"])).stdout, "foreign");
  assertEquals((await home.json(["orders", "--pair", "BTC/USD"], 0)).orders, []);
  assertEquals((await home.run(["orders", "--pair", "BTC/USD"])).stdout, "no open orders on sim");
});

Deno.test("sell market: filled at once; price null; balances follow", async () => {
  await using home = await simHome();
  const r = await home.json(["sell", "market", "0.5"], 0);
  assertEquals(stable(r.order), {
    id: "OSIM-000001",
    pair: "BTC/USD",
    side: "sell",
    type: "market",
    price: null,
    volume: "0.50000000",
    filled: "0.50000000",
    status: "filled",
    owner: "cli",
    foreign: false,
  });
  const b = (await home.json(["balance"], 0)).balances as Json;
  assertEquals(b.BTC, "0.50000000");
  assert(Number(b.USD) > 10000 + 29000, `USD ${b.USD}`);
  const human = await home.run(["buy", "MARKET", "0.1"]);
  assertEquals(human.code, 0, human.stderr);
  assertEquals(human.stdout.split("\n")[0], "order filled on sim");
  assertMatch(human.stdout, /buy\s+market\s+market\s+0.10000000\s+0.10000000\s+filled\s+cli/);
});

Deno.test("buy --validate: the venue checks, nothing is placed or journalled", async () => {
  await using home = await simHome();
  const r = await home.json(["buy", "59000", "0.01", "--validate"], 0);
  assertEquals(r.validate, true);
  assertEquals(stable(r.order), {
    id: "",
    pair: "BTC/USD",
    side: "buy",
    type: "limit",
    price: "59000.0",
    volume: "0.01000000",
    filled: "0.00000000",
    status: "validated",
    owner: "cli",
    foreign: false,
  });
  assertEquals((await home.json(["orders"], 0)).orders, []);
  assertEquals(await home.sim.openOrders(), []);
  const journal = Journal.open(journalPathFor(home.ini));
  try {
    assertEquals(journal.get((r.order as Json).clientId as string), null);
  } finally {
    journal.close();
  }
  const human = await home.run(["sell", "61000", "0.5", "--validate"]);
  assertEquals(human.stdout.split("\n")[0], "sim accepts this order (validate only: nothing was placed)");
});

Deno.test("bad numbers and unknown pairs exit 2 before anything is sent", async () => {
  await using home = await simHome();
  const cases: [string[], string][] = [
    [["buy", "abc", "1"], "Cannot use PRICE abc: expected a non-negative decimal number like 0.5"],
    [["buy", "59000", "1e3"], "Cannot use VOLUME 1e3: expected a non-negative decimal number like 0.5"],
    [["sell", "0", "1"], "Cannot use PRICE 0: expected a price above 0 or market"],
    [["sell", "60000", "0.000"], "Cannot use VOLUME 0.000: expected a volume above 0"],
    [["buy", "59000.05", "0.01"], "Cannot use PRICE 59000.05: BTC/USD prices have at most 1 decimal"],
    [
      ["buy", "59000", "0.000000001"],
      "Cannot use VOLUME 0.000000001: BTC/USD volumes have at most 8 decimals",
    ],
    [["buy", "59000"], "Missing required argument 'volume'"],
    [["trades", "--limit", "0"], "Cannot use --limit 0: expected a whole number from 1 to 1000"],
    [["doctor", "--timeout", "x"], "Cannot use --timeout x: expected a whole number from 1 to 60"],
    [["buy", "59000", "0.01", "--pair", "FOO/BAR"], 'Cannot find pair "FOO/BAR" on sim'],
    [["orders", "--pair", "FOO/BAR"], 'Cannot find pair "FOO/BAR" on sim'],
    [["cancel-all", "--pair", "FOO/BAR"], 'Cannot find pair "FOO/BAR" on sim'],
    [["trades", "--pair", "FOO/BAR"], 'Cannot find pair "FOO/BAR" on sim'],
  ];
  for (const [args, message] of cases) {
    const r = await home.json(args, 2);
    assertEquals(r.ok, false, args.join(" "));
    assertEquals(
      (r.error as Json).kind,
      message.startsWith("Cannot find pair") ? "UnknownSymbol" : "UsageError",
    );
    assertStringIncludes(String((r.error as Json).message), message);
    const human = await home.run(args);
    assertEquals([human.code, human.stdout], [2, ""], args.join(" "));
    assertStringIncludes(human.stderr, `pytrader: `);
    assertStringIncludes(human.stderr, message);
  }
  assertEquals(await home.sim.openOrders(), [], "nothing was placed");
});

Deno.test("a local check refuses the order (exit 1, OrderDenied): nothing is sent", async () => {
  let sent = 0;
  await using home = await simHome({ place: () => void sent++ });
  const r = await home.json(["buy", "59000", "1"], 1);
  assertEquals(r, {
    ok: false,
    error: {
      kind: "OrderDenied",
      message: 'Cannot place order on "BTC/USD": needs 59000 USD, only 10000 USD is available',
    },
  });
  const far = await home.json(["sell", "1000", "0.1"], 1);
  assertStringIncludes(String((far.error as Json).message), "outside the 10 % band");
  assertEquals(sent, 0);
});

Deno.test("a venue refusal exits 1 with the venue's error kind; a refused key exits 3", async () => {
  let refusal: Error = new InsufficientFunds(
    'Cannot place order on "BTC/USD" on sim: EOrder:Insufficient funds',
  );
  await using home = await simHome({
    place: () => {
      throw refusal;
    },
  });
  const r = await home.json(["buy", "59000", "0.01"], 1);
  assertEquals(r.error, { kind: "InsufficientFunds", message: refusal.message });
  assertEquals((r.order as Json).status, "rejected");
  assertEquals((r.order as Json).error, refusal.message);
  refusal = new AuthenticationError("Cannot place order on sim: EGeneral:Permission denied");
  const denied = await home.json(["sell", "61000", "0.01"], 3);
  assertEquals(denied.error, { kind: "AuthenticationError", message: refusal.message });
  const human = await home.run(["sell", "61000", "0.01"]);
  assertEquals([human.code, human.stdout, human.stderr], [3, "", `pytrader: ${refusal.message}`]);
});

Deno.test("an unknown outcome exits 1 (OutcomeUnknown) with the order; the next command reconciles it, never resending", async () => {
  let placed = 0;
  await using home = await simHome({
    placed: () => {
      placed++;
      throw new ExchangeUnavailable("Cannot place order on sim: the connection broke before the answer");
    },
  });
  const r = await home.json(["buy", "59000", "0.01"], 1);
  const order = r.order as Json;
  assertEquals(r.ok, false);
  assertEquals((r.error as Json).kind, "OutcomeUnknown");
  assertEquals(
    (r.error as Json).message,
    `Cannot tell whether order ${order.clientId} was placed on sim: Cannot place order on sim: the connection ` +
      "broke before the answer; it stays in the journal as unknown and is reconciled by the next command or " +
      "start, never sent again",
  );
  assertEquals([order.status, order.id], ["unknown", ""]);
  const listed = await home.json(["orders"], 0);
  assertEquals(
    (listed.orders as Json[]).map((o) => [o.clientId, o.status, o.id]),
    [[order.clientId, "open", "OSIM-000001"]],
  );
  assertEquals(placed, 1, "sent once");
  assertEquals((await home.sim.openOrders()).length, 1);
});

Deno.test("cancel by venue id and by client id; an unknown id is a failure; cancel-all across pairs", async () => {
  await using home = await simHome();
  const a = (await home.json(["buy", "59000", "0.01"], 0)).order as Json;
  const b = (await home.json(["buy", "58900", "0.01"], 0)).order as Json;
  const c = (await home.json(["sell", "3100", "1", "--pair", "ETH/USD"], 0)).order as Json;
  const d = (await home.json(["sell", "3200", "1", "--pair", "ETH/USD"], 0)).order as Json;

  const one = await home.json(["cancel", String(a.id), String(b.clientId)], 0);
  assertEquals({ ...one, orders: undefined }, {
    ok: true,
    exchange: "sim",
    canceled: 2,
    failed: [],
    orders: undefined,
  });
  assertEquals((one.orders as Json[]).map((o) => [o.clientId, o.status]), [[a.clientId, "canceled"], [
    b.clientId,
    "canceled",
  ]]);

  const again = await home.json(["cancel", String(a.id)], 1);
  assertEquals(again, {
    ok: false,
    error: {
      kind: "OrderNotFound",
      message: `Cannot cancel order "${a.id}" on sim: no open order has this id`,
    },
    exchange: "sim",
    canceled: 0,
    failed: [{
      id: a.id,
      reason: `Cannot cancel order "${a.id}" on sim: no open order has this id`,
      kind: "OrderNotFound",
    }],
    orders: [],
  });

  const all = await home.json(["cancel-all"], 0);
  assertEquals([all.canceled, all.failed], [2, []]);
  assertEquals((all.orders as Json[]).map((o) => o.clientId), [c.clientId, d.clientId]);
  assertEquals(await home.sim.openOrders(), []);
  const none = await home.run(["cancel-all"]);
  assertEquals([none.code, none.stdout, none.stderr], [0, "canceled 0 orders on sim", ""]);
});

Deno.test("cancel-all --pair cancels that pair's orders only, foreign ones included", async () => {
  await using home = await simHome();
  await home.json(["buy", "59000", "0.01"], 0);
  await home.json(["sell", "3100", "1", "--pair", "ETH/USD"], 0);
  await home.sim.placeOrder({
    kind: "SubmitOrder",
    clientId: "",
    symbol: "BTC/USD",
    side: "sell",
    type: "limit",
    price: 610_000,
    qty: 1_000_000,
  });
  const r = await home.run(["cancel-all", "--pair", "BTC/USD"]);
  assertEquals([r.code, r.stderr], [0, ""]);
  const lines = r.stdout.split("\n");
  assertEquals(lines[0], "canceled 2 orders on sim");
  assertMatch(lines[3]!, /^OSIM-000001\s+pt\w+\s+BTC\/USD\s+buy\s+limit\s+59000.0\s.*canceled\s+cli$/);
  assertMatch(lines[4]!, /^OSIM-000003\s+-\s+BTC\/USD\s+sell\s+limit\s+61000.0\s.*canceled\s+foreign$/);
  assertEquals((await home.sim.openOrders()).map((o) => o.symbol), ["ETH/USD"]);
});

Deno.test("half the cancels failing: exit 4, ok true, each failure listed; all failing: exit 1, ok false", async () => {
  const refused = new Set<string>();
  await using home = await simHome({
    cancel: (id) => {
      if (refused.has(id)) throw new ExchangeUnavailable(`Cannot cancel order on sim: EService:Unavailable`);
    },
  });
  const orders: Json[] = [];
  for (const price of ["59000", "58900", "58800", "58700"]) {
    orders.push((await home.json(["buy", price, "0.01"], 0)).order as Json);
  }
  refused.add(String(orders[1]!.id)).add(String(orders[3]!.id));
  const r = await home.json(["cancel-all"], 4);
  assertEquals({ ...r, orders: (r.orders as Json[]).map((o) => o.clientId) }, {
    ok: true,
    exchange: "sim",
    canceled: 2,
    failed: [1, 3].map((i) => ({
      id: orders[i]!.clientId,
      reason: `Cannot cancel order "${orders[i]!.clientId}" on sim: EService:Unavailable`,
      kind: "ExchangeUnavailable",
    })),
    orders: [orders[0]!.clientId, orders[2]!.clientId],
  });

  const human = await home.run(["cancel", String(orders[1]!.id), String(orders[3]!.id)]);
  assertEquals(human.code, 1);
  assertEquals(human.stdout, "canceled 0 orders on sim, 2 failed");
  assertEquals(human.stderr.split("\n"), [
    `pytrader: Cannot cancel order "${orders[1]!.id}" on sim: EService:Unavailable`,
    `pytrader: Cannot cancel order "${orders[3]!.id}" on sim: EService:Unavailable`,
  ]);
  const all = await home.json(["cancel", String(orders[1]!.id), String(orders[3]!.id)], 1);
  assertEquals([all.ok, all.error, all.canceled], [false, {
    kind: "CancelFailed",
    message: "Cannot cancel 2 orders on sim: every cancel failed",
  }, 0]);
  refused.clear();
  const rest = await home.run(["cancel", String(orders[1]!.id), "nonsense"]);
  assertEquals(rest.code, 4);
  assertEquals(rest.stderr, 'pytrader: Cannot cancel order "nonsense" on sim: no open order has this id');
});

Deno.test("trades: the newest trades, oldest first, in both modes", async () => {
  await using home = await simHome();
  const r = await home.json(["trades", "--limit", "3"], 0);
  assertEquals(Object.keys(r), ["ok", "exchange", "pair", "trades"]);
  assertEquals([r.exchange, r.pair], ["sim", "BTC/USD"]);
  const trades = r.trades as Json[];
  assertEquals(trades.length, 3);
  for (const t of trades) {
    assertEquals(Object.keys(t), ["id", "time", "side", "price", "volume"]);
    assertMatch(String(t.price), /^\d+\.\d$/);
    assertMatch(String(t.volume), /^\d+\.\d{8}$/);
    assert(t.side === "buy" || t.side === "sell");
  }
  assert(String(trades[0]!.time) <= String(trades[2]!.time));
  const human = await home.run(["trades", "-n", "3"]);
  const lines = human.stdout.split("\n");
  assertMatch(lines[0]!, /^time \(UTC\)\s+side\s+price \(USD\)\s+volume \(BTC\)\s+id$/);
  assertEquals(lines.length, 5);
  const eth = await home.json(["trades", "--pair", "ETH/USD", "--limit", "1"], 0);
  assertMatch(String((eth.trades as Json[])[0]!.price), /^\d+\.\d\d$/);
});
