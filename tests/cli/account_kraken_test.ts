import { assert, assertEquals, assertMatch, assertStringIncludes } from "../assert.ts";
import { FAKE_KEY } from "../fakes/kraken/server.ts";
import { krakenHome } from "./account_helpers.ts";

/** The WebSocket check may wait as long as it allows (default 5 s): a bound on a hang, not on speed. */
const PATIENT = ["--timeout", "60"];

type Json = Record<string, unknown>;

function stable(order: unknown): Json {
  const { clientId, time, ...rest } = order as Json;
  assertMatch(String(clientId), /^(pt[0-9a-z]{16})?$/);
  assertMatch(String(time), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  return rest;
}

/** A resting buy placed in the fake account directly, as another program would: no client id. */
function foreignBuy(server: { account: { addOrder(f: URLSearchParams): unknown } }, price: string): void {
  server.account.addOrder(
    new URLSearchParams({ pair: "XBTUSD", type: "buy", ordertype: "limit", price, volume: "0.5" }),
  );
}

Deno.test("kraken balance: the documented Balance answer with asset codes normalised, in both modes", async () => {
  await using k = await krakenHome();
  const pf = ["--passphrase-file", k.file];
  assertEquals(await k.home.json(["balance", ...pf], 0), {
    ok: true,
    exchange: "kraken",
    balances: {
      BTC: "1011.1908877900",
      DAI: "9999.9999999999",
      DOT: "2.5000000000",
      ETH: "818.5500000000",
      ETH2: "2.5885574330",
      "ETH2.S": "198.3970800000",
      EUR: "504861.8946",
      USD: "171288.6158",
      "USD.M": "1213029.2780",
      USDT: "500000.00000000",
    },
  });
  const r = await k.home.run(["balance", ...pf]);
  assertEquals([r.code, r.stderr], [0, ""]);
  assertEquals(r.stdout.split("\n").slice(0, 3), [
    "asset           balance",
    "------  ---------------",
    "BTC     1011.1908877900",
  ]);
});

Deno.test("kraken buy/sell/orders: one AddOrder with the client id, journalled; foreign orders marked", async () => {
  await using k = await krakenHome();
  const pf = ["--passphrase-file", k.file];
  const placed = await k.home.json(["buy", "30000", "0.01", ...pf], 0);
  const order = placed.order as Json;
  assertEquals(stable(order), {
    id: "O00001-FAKE1-KRAKEN",
    pair: "BTC/USD",
    side: "buy",
    type: "limit",
    price: "30000.0",
    volume: "0.01000000",
    filled: "0.00000000",
    status: "open",
    owner: "cli",
    foreign: false,
  });
  const adds = k.server.privateRest.calls.filter((c) => c.method === "AddOrder");
  assertEquals(adds.length, 1);
  assertEquals(adds[0]!.params.cl_ord_id, order.clientId);
  foreignBuy(k.server, "29000.0");
  const listed = await k.home.json(["orders", ...pf], 0);
  assertEquals(
    (listed.orders as Json[]).map((o) => [o.id, o.owner, o.foreign, o.price, o.status]),
    [["O00001-FAKE1-KRAKEN", "cli", false, "30000.0", "open"], [
      "O00002-FAKE2-KRAKEN",
      "foreign",
      true,
      "29000.0",
      "open",
    ]],
  );
  const table = await k.home.run(["orders", ...pf]);
  assertMatch(
    table.stdout.split("\n")[3]!,
    /^O00002-FAKE2-KRAKEN\s+-\s+BTC\/USD\s+buy\s+limit\s+29000.0\s+.*open\s+foreign$/,
  );

  const market = await k.home.json(["sell", "market", "0.01", ...pf], 0);
  assertEquals([(market.order as Json).type, (market.order as Json).price], ["market", null]);
  assertEquals(k.server.privateRest.calls.at(-1)!.params.ordertype, "market");
});

Deno.test("kraken buy --validate: AddOrder with validate=true, nothing placed", async () => {
  await using k = await krakenHome();
  const r = await k.home.json(["buy", "30000", "0.01", "--validate", "--passphrase-file", k.file], 0);
  assertEquals([r.validate, (r.order as Json).status, (r.order as Json).id], [true, "validated", ""]);
  const add = k.server.privateRest.calls.find((c) => c.method === "AddOrder")!;
  assertEquals(add.params.validate, "true");
  assertEquals(k.server.account.orders.size, 0);
});

Deno.test("kraken cancel by id and client id; an unknown id fails in the documented grammar", async () => {
  await using k = await krakenHome();
  const pf = ["--passphrase-file", k.file];
  const a = (await k.home.json(["buy", "30000", "0.01", ...pf], 0)).order as Json;
  const b = (await k.home.json(["buy", "29900", "0.01", ...pf], 0)).order as Json;
  const r = await k.home.json(["cancel", String(a.id), String(b.clientId), ...pf], 0);
  assertEquals([r.canceled, r.failed], [2, []]);
  assertEquals([...k.server.account.orders.values()].map((o) => o.status), ["canceled", "canceled"]);
  const again = await k.home.run(["cancel", "OXXXXX-XXXXX-XXXXXX", ...pf]);
  assertEquals(again.code, 1);
  assertEquals(
    again.stderr,
    'pytrader: Cannot cancel order "OXXXXX-XXXXX-XXXXXX" on kraken: no open order has this id',
  );
});

Deno.test("kraken cancel-all with half the cancels failing: exit 4, the failures listed; all failing: exit 1", async () => {
  await using k = await krakenHome();
  const pf = ["--passphrase-file", k.file];
  for (const price of ["30000", "29900", "29800", "29700"]) {
    await k.home.json(["buy", price, "0.01", ...pf], 0);
  }
  k.server.privateRest.faults.push({ method: "CancelOrder", error: "EService:Unavailable", times: 2 });
  const r = await k.home.json(["cancel-all", ...pf], 4);
  assertEquals([r.ok, r.exchange, r.canceled], [true, "kraken", 2]);
  const failed = r.failed as Json[];
  assertEquals(failed.length, 2);
  for (const f of failed) {
    assertEquals(f, {
      id: f.id,
      reason: `Cannot cancel order "${f.id}" on kraken: EService:Unavailable`,
      kind: "ExchangeUnavailable",
    });
  }
  assertEquals((r.orders as Json[]).length, 2);
  assertEquals([...k.server.account.orders.values()].filter((o) => o.status === "open").length, 2);

  k.server.privateRest.faults.push({ method: "CancelOrder", error: "EService:Unavailable", times: 2 });
  const human = await k.home.run(["cancel-all", ...pf]);
  assertEquals(human.code, 1);
  assertEquals(human.stdout, "canceled 0 orders on kraken, 2 failed");
  assertEquals(human.stderr.split("\n").length, 2);
  const last = await k.home.json(["cancel-all", ...pf], 0);
  assertEquals([last.canceled, last.failed], [2, []]);
});

Deno.test("kraken: a lost AddOrder answer exits 1 OutcomeUnknown; the next command finds the order; sent once", async () => {
  await using k = await krakenHome();
  const pf = ["--passphrase-file", k.file];
  k.server.privateRest.faults.push({ method: "AddOrder", drop: true });
  const r = await k.home.json(["buy", "30000", "0.01", ...pf], 1);
  const order = r.order as Json;
  assertEquals([(r.error as Json).kind, order.status], ["OutcomeUnknown", "unknown"]);
  assertStringIncludes(
    String((r.error as Json).message),
    "reconciled by the next command or start, never sent again",
  );
  const listed = await k.home.json(["orders", ...pf], 0);
  assertEquals((listed.orders as Json[]).map((o) => [o.clientId, o.id, o.status]), [[
    order.clientId,
    "O00001-FAKE1-KRAKEN",
    "open",
  ]]);
  assertEquals(k.server.privateRest.count("AddOrder"), 1);
});

Deno.test("kraken: a wrong passphrase exits 3 for every account command, before anything is sent", async () => {
  await using k = await krakenHome();
  const wrong = await k.home.passphraseFile("not the passphrase", "wrong.txt");
  for (const args of [["balance"], ["orders"], ["cancel-all"], ["buy", "30000", "0.01"], ["cancel", "X"]]) {
    const r = await k.home.json([...args, "--passphrase-file", wrong], 3);
    assertEquals(r, {
      ok: false,
      error: { kind: "WrongPassphrase", message: "Cannot unlock the kraken key: wrong passphrase" },
    });
    const human = await k.home.run([...args, "--passphrase-file", wrong]);
    assertEquals(human.code, 3);
    assertStringIncludes(human.stderr, `The passphrase came from --passphrase-file ${wrong}.`);
  }
  const none = await k.home.json(["balance"], 3);
  assertEquals((none.error as Json).kind, "PassphraseRequired");
  assertStringIncludes((await k.home.run(["balance"])).stderr, "PYTRADER_PASSPHRASE");
  assertEquals(k.server.privateRest.calls, []);
  const doctor = await k.home.json(["doctor", ...PATIENT, "--passphrase-file", wrong], 3);
  assertEquals(doctor.error, { kind: "AuthenticationError", message: "1 of 10 checks failed: secret" });
  const secret = (doctor.checks as Json[]).find((c) => c.name === "secret")!;
  assertEquals(secret.status, "fail");
  assertEquals(secret.detail, "Cannot unlock the kraken key: wrong passphrase");
});

Deno.test("kraken: a key the server rejects (EAPI:Invalid key) exits 3", async () => {
  await using k = await krakenHome({ key: { key: "not-a-key-kraken-knows", secret: FAKE_KEY.secret } });
  const pf = ["--passphrase-file", k.file];
  for (const args of [["balance"], ["orders"], ["cancel-all"], ["buy", "30000", "0.01"]]) {
    const r = await k.home.json([...args, ...pf], 3);
    assertEquals((r.error as Json).kind, "AuthenticationError", args.join(" "));
    assertStringIncludes(String((r.error as Json).message), "EAPI:Invalid key");
  }
  const doctor = await k.home.json(["doctor", ...PATIENT, ...pf], 3);
  const checks = Object.fromEntries((doctor.checks as Json[]).map((c) => [c.name, c]));
  assertEquals([checks["key query"]!.status, checks["key trade"]!.status], ["fail", "fail"]);
  assertStringIncludes(
    String(checks["key query"]!.fix),
    'give the API key the "Query funds" permission on kraken',
  );
  assertEquals(k.server.account.orders.size, 0);
});

Deno.test("kraken: a key without trading permission fails doctor's trade check (exit 3), query ok", async () => {
  await using k = await krakenHome();
  k.server.privateRest.faults.push({ method: "AddOrder", error: "EGeneral:Permission denied" });
  const doctor = await k.home.json(["doctor", ...PATIENT, "--passphrase-file", k.file], 3);
  const checks = Object.fromEntries((doctor.checks as Json[]).map((c) => [c.name, c]));
  assertEquals(checks["key query"]!.status, "ok");
  assertEquals(checks["key trade"]!.status, "fail");
  assertStringIncludes(String(checks["key trade"]!.fix), '"Create & modify orders" permission');
});

Deno.test("kraken: unknown pair and bad numbers exit 2, nothing sent", async () => {
  await using k = await krakenHome();
  const pf = ["--passphrase-file", k.file];
  const pair = await k.home.json(["buy", "30000", "0.01", "--pair", "FOO/BAR", ...pf], 2);
  assertEquals((pair.error as Json).kind, "UnknownSymbol");
  assertStringIncludes(String((pair.error as Json).message), 'Cannot find pair "FOO/BAR" on kraken');
  assertEquals((await k.home.json(["orders", "--pair", "FOO/BAR", ...pf], 2)).ok, false);
  const number = await k.home.json(["sell", "30000", "lots", ...pf], 2);
  assertEquals(number.error, {
    kind: "UsageError",
    message: "Cannot use VOLUME lots: expected a non-negative decimal number like 0.5",
  });
  const decimals = await k.home.run(["buy", "30000.05", "0.01", ...pf]);
  assertEquals(decimals.code, 2);
  assertStringIncludes(decimals.stderr, "BTC/USD prices have at most 1 decimal");
  assertEquals(k.server.privateRest.count("AddOrder"), 0);
});

Deno.test("kraken trades: the documented Trades answer, oldest first, in both modes", async () => {
  // vectors/kraken-rest-responses.json, "GET /0/public/Trades?pair=XBTUSD" (krakenfx/api-specs).
  await using k = await krakenHome();
  assertEquals(await k.home.json(["trades"], 0), {
    ok: true,
    exchange: "kraken",
    pair: "BTC/USD",
    trades: [
      {
        id: "61044952",
        time: "2023-07-06T18:53:17.827Z",
        side: "buy",
        price: "30243.4",
        volume: "0.34507674",
      },
      {
        id: "61044953",
        time: "2023-07-06T18:53:18.280Z",
        side: "sell",
        price: "30243.3",
        volume: "0.00376960",
      },
      {
        id: "61044956",
        time: "2023-07-06T18:53:22.698Z",
        side: "sell",
        price: "30243.3",
        volume: "0.01235716",
      },
    ],
  });
  const r = await k.home.run(["trades", "--limit", "2"]);
  assertEquals([r.code, r.stderr], [0, ""]);
  assertEquals(r.stdout.split("\n"), [
    "time (UTC)               side  price (USD)  volume (BTC)  id",
    "-----------------------  ----  -----------  ------------  --------",
    "2023-07-06 18:53:18.280  sell      30243.3    0.00376960  61044953",
    "2023-07-06 18:53:22.698  sell      30243.3    0.01235716  61044956",
  ]);
  assert(k.server.restRequests.includes("/0/public/Trades?pair=XXBTZUSD&count=20"));
  assert(k.server.restRequests.includes("/0/public/Trades?pair=XXBTZUSD&count=2"));
});

Deno.test("kraken doctor: every check ok against the fake, clock included (exit 0)", async () => {
  await using k = await krakenHome();
  const r = await k.home.json(["doctor", ...PATIENT, "--passphrase-file", k.file], 0);
  const checks = r.checks as Json[];
  // doctor rightly warns of a REST answer over 2 s; and a clock read in an answer that took over 2 s
  // (± over 1.5 s) may be off by more than a second: on a loaded machine that can happen, and is right
  const rest = Number(/answered in (\d+) ms/.exec(String(checks[5]!.detail))?.[1]);
  const spread = Number(/\(±(\d+) ms\)/.exec(String(checks[6]!.detail))?.[1]);
  assertEquals(checks.map((c) => [c.name, c.status]), [
    ["config", "ok"],
    ["config mode", "ok"],
    ["journal mode", "ok"],
    ["passphrase file", "ok"],
    ["secret", "ok"],
    ["rest", rest > 2000 ? "warn" : "ok"],
    ["clock", spread > 1500 ? checks[6]!.status : "ok"],
    ["websocket", "ok"],
    ["key query", "ok"],
    ["key trade", "ok"],
  ]);
  if (spread <= 1500) {
    assertMatch(String(checks[6]!.detail), /^the local clock is within \d+ ms of kraken \(±\d+ ms\)$/);
  }
  assertMatch(String(checks[5]!.detail), /^kraken lists \d+ pairs, answered in \d+ ms$/);
  assert(k.server.privateRest.calls.some((c) => c.method === "AddOrder" && c.params.validate === "true"));
  assertEquals(k.server.account.orders.size, 0, "the trade check placed nothing");
});

Deno.test("kraken server down: every command exits 1", async () => {
  await using k = await krakenHome();
  const pf = ["--passphrase-file", k.file];
  await k.server.close();
  for (const args of [["balance"], ["orders"], ["cancel-all"], ["buy", "30000", "0.01"], ["cancel", "X"]]) {
    const r = await k.home.json([...args, ...pf], 1);
    assertEquals(r.ok, false, args.join(" "));
    assertMatch(String((r.error as Json).kind), /^(NetworkError|ExchangeUnavailable|RequestTimeout)$/);
  }
  const doctor = await k.home.json(["doctor", "--timeout", "1", ...pf], 1);
  const failed = (doctor.checks as Json[]).filter((c) => c.status === "fail").map((c) => c.name);
  assertEquals(failed, ["rest", "clock", "websocket", "key query", "key trade"]);
});

Deno.test("kraken REST answering 503: exit 1 with ExchangeUnavailable", async () => {
  await using k = await krakenHome();
  k.server.restFaults.push({ status: 503, times: 10 });
  const r = await k.home.json(["orders", "--passphrase-file", k.file], 1);
  assertEquals((r.error as Json).kind, "ExchangeUnavailable");
});

Deno.test("kraken doctor: a clock 5 s off the venue's warns with a fix (exit 0)", async () => {
  await using k = await krakenHome();
  k.server.clockOffsetMs = 5000;
  const r = await k.home.json(["doctor", ...PATIENT, "--passphrase-file", k.file], 0);
  const clock = (r.checks as Json[]).find((c) => c.name === "clock")!;
  assertEquals(clock.status, "warn");
  assertMatch(String(clock.detail), /behind kraken/);
  assert(typeof clock.fix === "string" && clock.fix.length > 0);
});
