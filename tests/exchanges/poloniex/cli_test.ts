/**
 * Every one-shot command with `--exchange poloniex` (set in the ini) through the command line, in process,
 * against the fake Poloniex: the adapter is built by exchanges/mod.ts from `[poloniex]` as the real program
 * builds it, with the key stored by `--add-secret` and unlocked with a passphrase file.
 */
import { assert, assertEquals, assertMatch, assertStringIncludes } from "../../assert.ts";
import { formatTicks } from "../../../lib/core/mod.ts";
import { REFUSALS } from "../../fakes/poloniex/account.ts";
import { FAKE_KEY } from "../../fakes/poloniex/server.ts";
import { poloniexHome } from "./cli_home.ts";

type Json = Record<string, unknown>;

function stable(order: unknown): Json {
  const { clientId, time, id, ...rest } = order as Json;
  assertMatch(String(clientId), /^(pt[0-9a-z]{16})?$/);
  assertMatch(String(time), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assertMatch(String(id), /^(\d{17})?$/);
  return rest;
}

Deno.test("poloniex balance: available plus hold per asset, in both modes", async () => {
  await using k = await poloniexHome();
  const pf = ["--passphrase-file", k.file];
  assertEquals(await k.home.json(["balance", ...pf], 0), {
    ok: true,
    exchange: "poloniex",
    balances: { BTC: "10", USDT: "100000" },
  });
  const r = await k.home.run(["balance", ...pf]);
  assertEquals([r.code, r.stderr], [0, ""]);
  assertEquals(r.stdout.split("\n").slice(2), ["BTC         10", "USDT    100000"]);
});

Deno.test("poloniex buy/sell/orders: one POST /orders with the client id, journalled; foreign orders marked", async () => {
  await using k = await poloniexHome();
  const pf = ["--passphrase-file", k.file];
  const placed = (await k.home.json(["buy", "25000", "0.01", ...pf], 0)).order as Json;
  assertEquals(stable(placed), {
    pair: "BTC/USDT",
    side: "buy",
    type: "limit",
    price: "25000.00",
    volume: "0.010000",
    filled: "0.000000",
    status: "open",
    owner: "cli",
    foreign: false,
  });
  assertEquals(k.server.privateRest.count("POST", "/orders"), 1);
  assertEquals(k.server.account.byClientId(String(placed.clientId))?.id, placed.id);
  const foreign = k.server.account.place({
    symbol: "BTC_USDT",
    side: "BUY",
    type: "LIMIT",
    price: "24000",
    quantity: "0.5",
  });
  assert("order" in foreign);
  const listed = (await k.home.json(["orders", ...pf], 0)).orders as Json[];
  assertEquals(listed.map((o) => [o.id, o.owner, o.foreign, o.price]), [
    [placed.id, "cli", false, "25000.00"],
    [foreign.order.id, "foreign", true, "24000.00"],
  ]);
  const market = (await k.home.json(["sell", "market", "0.01", ...pf], 0)).order as Json;
  assertEquals([market.type, market.price], ["market", null]);
  const sent = JSON.parse(k.server.privateRest.calls.filter((c) => c.method === "POST").at(-1)!.body);
  assertEquals([sent.type, sent.side, sent.quantity], ["MARKET", "SELL", "0.01"]);
});

Deno.test("poloniex buy --validate: nothing placed; the trade permission checked with a batch cancel", async () => {
  await using k = await poloniexHome();
  const r = await k.home.json(["buy", "25000", "0.01", "--validate", "--passphrase-file", k.file], 0);
  assertEquals([r.validate, (r.order as Json).status, (r.order as Json).id], [true, "validated", ""]);
  assertEquals(k.server.account.orders.size, 0);
  assertEquals(k.server.privateRest.calls.at(-1)!.path, "/orders/cancelByIds");
});

Deno.test("poloniex cancel by id and client id, cancel-all; an unknown id fails (exit 1)", async () => {
  await using k = await poloniexHome();
  const pf = ["--passphrase-file", k.file];
  const a = (await k.home.json(["buy", "25000", "0.01", ...pf], 0)).order as Json;
  const b = (await k.home.json(["buy", "24900", "0.01", ...pf], 0)).order as Json;
  const r = await k.home.json(["cancel", String(a.id), String(b.clientId), ...pf], 0);
  assertEquals([r.canceled, r.failed], [2, []]);
  assertEquals(k.server.account.open(), []);
  const again = await k.home.run(["cancel", "29772698821328895", ...pf]);
  assertEquals(again.code, 1);
  assertEquals(
    again.stderr,
    'pytrader: Cannot cancel order "29772698821328895" on poloniex: no open order has this id',
  );
  for (const price of ["25000", "24900", "24800"]) await k.home.json(["buy", price, "0.01", ...pf], 0);
  const all = await k.home.json(["cancel-all", ...pf], 0);
  assertEquals([all.canceled, all.failed], [3, []]);
  assertEquals(k.server.account.open(), []);
});

Deno.test("poloniex: a lost POST /orders answer exits 1 OutcomeUnknown; the next command finds the order; sent once", async () => {
  await using k = await poloniexHome();
  const pf = ["--passphrase-file", k.file];
  k.server.privateRest.faults.push({ method: "POST", path: "/orders", drop: true });
  const r = await k.home.json(["buy", "25000", "0.01", ...pf], 1);
  const order = r.order as Json;
  assertEquals([(r.error as Json).kind, order.status], ["OutcomeUnknown", "unknown"]);
  const listed = (await k.home.json(["orders", ...pf], 0)).orders as Json[];
  const venue = k.server.account.byClientId(String(order.clientId))!;
  assertEquals(listed.map((o) => [o.clientId, o.id, o.status]), [[order.clientId, venue.id, "open"]]);
  assertEquals(k.server.privateRest.count("POST", "/orders"), 1);
  assertEquals(k.server.account.orders.size, 1);
});

Deno.test("poloniex: refusals are exit 1 with the venue's words; nothing is placed", async () => {
  await using k = await poloniexHome({ fake: { balances: { USDT: "10", BTC: "0" } } });
  const r = await k.home.json(["buy", "25000", "0.01", "--passphrase-file", k.file], 1);
  // The engine's own funds check refuses first: 250 USDT are not there.
  assertStringIncludes(JSON.stringify(r.error), "USDT");
  assertEquals(k.server.privateRest.count("POST", "/orders"), 0);
  k.server.privateRest.faults.push({ method: "POST", refuse: REFUSALS.lowBalance, accept: false });
  const refused = await k.home.json(["buy", "25200", "0.0001", "--passphrase-file", k.file], 1);
  assertEquals((refused.order as Json).status, "rejected");
  assertStringIncludes(String((refused.error as Json).message), "21709 Low available balance");
  assertEquals(k.server.account.orders.size, 0);
});

Deno.test("poloniex ticker, book, candles and trades: REST in the documented shapes", async () => {
  await using k = await poloniexHome({ key: null });
  const best = k.server.book.best();
  const t = await k.home.json(["ticker"], 0);
  assertEquals([t.exchange, t.pair, t.bid, t.ask, t.volume], [
    "poloniex",
    "BTC/USDT",
    formatTicks(best.bid, 2),
    formatTicks(best.ask, 2),
    "6116.210188",
  ]);
  assert(k.server.restRequests.includes("/markets/BTC_USDT/ticker24h"));
  const b = await k.home.json(["book", "--depth", "3"], 0);
  const top = k.server.book.top(3);
  assertEquals((b.bids as Json[]).map((l) => l.price), top.bids.map((l) => formatTicks(l.price, 2)));
  assertEquals((b.asks as Json[]).map((l) => l.qty), top.asks.map((l) => formatTicks(l.qty, 6)));
  assert(k.server.restRequests.includes("/markets/BTC_USDT/orderBook?limit=5"));
  const c = await k.home.json(["candles", "--timeframe", "5", "--limit", "4"], 0);
  const candles = c.candles as Json[];
  assertEquals(candles.length, 4);
  for (const x of candles) assert(Number(x.low) <= Number(x.open) && Number(x.high) >= Number(x.close));
  assert(
    k.server.restRequests.some((p) => p.startsWith("/markets/BTC_USDT/candles?interval=MINUTE_5&limit=")),
  );
  const tr = await k.home.run(["trades", "--limit", "2"]);
  assertEquals(tr.code, 0);
  assertEquals(tr.stdout.split("\n")[0], "time (UTC)               side  price (USDT)  volume (BTC)  id");
  assertEquals(tr.stdout.split("\n").length, 4);
});

Deno.test("poloniex doctor: every check ok against the fake, the clock from /timestamp (exit 0)", async () => {
  await using k = await poloniexHome();
  const r = await k.home.json(["doctor", "--passphrase-file", k.file], 0);
  const checks = r.checks as Json[];
  assertEquals(checks.map((c) => [c.name, c.status]), [
    ["config", "ok"],
    ["config mode", "ok"],
    ["journal mode", "ok"],
    ["passphrase file", "ok"],
    ["secret", "ok"],
    ["rest", "ok"],
    ["clock", "ok"],
    ["websocket", "ok"],
    ["key query", "ok"],
    ["key trade", "ok"],
  ]);
  assertMatch(String(checks[6]!.detail), /^the local clock is within \d+ ms of poloniex \(±\d+ ms\)$/);
  assert(k.server.restRequests.includes("/timestamp"));
  assertEquals(k.server.account.orders.size, 0, "the trade check placed nothing");
  k.server.clockOffsetMs = 5000;
  const late = await k.home.json(["doctor", "--passphrase-file", k.file], 0);
  const clock = (late.checks as Json[]).find((c) => c.name === "clock")!;
  assertEquals(clock.status, "warn");
  assertMatch(String(clock.detail), /behind poloniex/);
});

Deno.test("poloniex: a key the venue refuses exits 3 for every account command and fails doctor's key checks", async () => {
  await using k = await poloniexHome({ key: { key: "NOT-A-POLONIEX-KEY", secret: "nope" } });
  const pf = ["--passphrase-file", k.file];
  for (const args of [["balance"], ["orders"], ["cancel-all"], ["buy", "25000", "0.01"]]) {
    const r = await k.home.json([...args, ...pf], 3);
    assertEquals((r.error as Json).kind, "AuthenticationError", args.join(" "));
  }
  const doctor = await k.home.json(["doctor", ...pf], 3);
  const checks = Object.fromEntries((doctor.checks as Json[]).map((c) => [c.name, c]));
  assertEquals([checks["key query"]!.status, checks["key trade"]!.status], ["fail", "fail"]);
  assertEquals(k.server.account.orders.size, 0);
});

Deno.test("poloniex server down or answering 503: exit 1 with the network error's kind", async () => {
  await using k = await poloniexHome();
  const pf = ["--passphrase-file", k.file];
  k.server.restFaults.push({ status: 503, times: 10 });
  assertEquals(((await k.home.json(["ticker"], 1)).error as Json).kind, "ExchangeUnavailable");
  k.server.restFaults = [];
  await k.server.close();
  for (const args of [["balance"], ["orders"], ["buy", "25000", "0.01"]]) {
    const r = await k.home.json([...args, ...pf], 1);
    assertMatch(String((r.error as Json).kind), /^(NetworkError|ExchangeUnavailable|RequestTimeout)$/);
  }
});

Deno.test("poloniex --paper: the live market, orders filled locally from [paper] balances, nothing sent", async () => {
  await using k = await poloniexHome({ extraIni: "\n[paper]\nbalances = USDT:100000 BTC:1\n" });
  const ask = formatTicks(k.server.book.best().ask, 2);
  const r = await k.home.json(["buy", ask, "0.01", "--paper", "--passphrase-file", k.file], 0);
  assertEquals((r.order as Json).status, "open");
  assertEquals(k.server.privateRest.count("POST", "/orders"), 0);
  assertEquals(k.server.account.orders.size, 0);
});

Deno.test("poloniex --add-secret stores the key (default key derivation) and the account commands use it", async () => {
  await using k = await poloniexHome({ key: null });
  await k.home.addSecret("poloniex", FAKE_KEY.key, FAKE_KEY.secret);
  const ini = await Deno.readTextFile(k.home.ini);
  assertMatch(ini, /\[poloniex\][^[]*secret = v1\$scrypt\$/);
  assert(!ini.includes(FAKE_KEY.key) && !ini.includes(FAKE_KEY.secret), "the key is never stored in clear");
  assertEquals((await k.home.json(["balance", "--passphrase-file", k.file], 0)).balances, {
    BTC: "10",
    USDT: "100000",
  });
});
