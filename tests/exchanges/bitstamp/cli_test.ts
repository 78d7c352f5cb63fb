/**
 * Every one-shot command with `--exchange bitstamp` against the fake, through the command line as
 * main.ts wires it (exchanges/mod.ts builds the adapter from `[bitstamp]`), as
 * tests/cli/account_kraken_test.ts does for Kraken.
 */
import { assert, assertEquals, assertMatch, assertStringIncludes } from "../../assert.ts";
import { Home, noTerminal } from "../../cli/account_helpers.ts";
import type { CliDeps } from "../../../lib/cli/mod.ts";
import { VENUE_DEPS } from "../../fixtures/venues.ts";
import { FAKE_KEY, FakeBitstamp } from "../../fakes/bitstamp/server.ts";

type Json = Record<string, unknown>;

const deps: CliDeps = { ...VENUE_DEPS, promptIo: () => noTerminal() };

function iniFor(server: FakeBitstamp, extra = ""): string {
  return `[pytrader]\nexchange = bitstamp\npair = BTC/USD\n${extra}\n[bitstamp]\nrest_url = ${server.restUrl}\nws_url = ${server.wsUrl}\n`;
}

/** A fake Bitstamp and a home pointing at it, the fake's key stored (cheaply unless `realKdf`). */
async function bitstampHome(opts: { key?: { key: string; secret: string }; realKdf?: boolean } = {}) {
  const server = FakeBitstamp.start({ seed: 61 });
  // A one-shot command is its own process: open_orders/ cached by Bitstamp is a concern of one run.
  server.privateRest.openOrdersCacheMs = 0;
  const home = await Home.create(deps, iniFor(server));
  const key = opts.key ?? FAKE_KEY;
  await home.addSecret("bitstamp", key.key, key.secret, { cheap: !opts.realKdf });
  const file = await home.passphraseFile();
  return {
    server,
    home,
    pf: ["--passphrase-file", file],
    async [Symbol.asyncDispose]() {
      await server.close();
      await home[Symbol.asyncDispose]();
    },
  };
}

function stable(order: unknown): Json {
  const { clientId, time, ...rest } = order as Json;
  assertMatch(String(clientId), /^(pt[0-9a-z]{16})?$/);
  assertMatch(String(time), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  return rest;
}

Deno.test("bitstamp --add-secret from a pipe, then balance: account_balances/ totals, zeros left out", async () => {
  await using b = await bitstampHome({ realKdf: true });
  const ini = await Deno.readTextFile(b.home.ini);
  assert(!ini.includes(FAKE_KEY.key) && !ini.includes(FAKE_KEY.secret), "the key is stored encrypted");
  assertEquals(await b.home.json(["balance", ...b.pf], 0), {
    ok: true,
    exchange: "bitstamp",
    balances: { BTC: "10.00000000", USD: "250000.00", USDT: "7.00000" },
  });
});

Deno.test("bitstamp ticker, book, candles, trades: public REST through the command line", async () => {
  await using b = await bitstampHome();
  const t = await b.home.json(["ticker"], 0);
  const top = b.server.top(1);
  assertEquals([t.exchange, t.pair, t.bid, t.ask, t.last, t.volume], [
    "bitstamp",
    "BTC/USD",
    String(top.bids[0]!.price),
    String(top.asks[0]!.price),
    "26216",
    "3563.13819902",
  ]);
  const book = await b.home.json(["book", "--depth", "3"], 0);
  assertEquals((book.bids as Json[]).length, 3);
  assertEquals((book.bids as Json[])[0]!.price, String(top.bids[0]!.price));
  assert(b.server.restRequests.some((p) => p.startsWith("/api/v2/order_book/btcusd/?group=1")));
  const candles = await b.home.run(["candles", "--timeframe", "5", "--limit", "4"]);
  assertEquals(candles.code, 0, candles.stderr);
  assert(
    b.server.restRequests.some((p) => p.startsWith("/api/v2/ohlc/btcusd/?step=300")),
    b.server.restRequests.join(" "),
  );
  // ETH/BTC: the transactions recorded in ccxt's comment (tests/fakes/bitstamp/payloads.ts), oldest first.
  assertEquals(await b.home.json(["trades", "--pair", "ETH/BTC"], 0), {
    ok: true,
    exchange: "bitstamp",
    pair: "ETH/BTC",
    trades: [
      {
        id: "83581896",
        time: "2019-03-05T19:33:54.000Z",
        side: "sell",
        price: "0.03532851",
        volume: "11.34130961",
      },
      {
        id: "83581898",
        time: "2019-03-05T19:33:55.000Z",
        side: "sell",
        price: "0.03532850",
        volume: "0.85945907",
      },
    ],
  });
});

Deno.test("bitstamp buy/sell/orders: one buy with the client id, journalled; foreign orders marked; market orders", async () => {
  await using b = await bitstampHome();
  const bid = b.server.top(1).bids[0]!.price;
  const placed = await b.home.json(["buy", String(bid - 1000), "0.0001", ...b.pf], 0);
  const order = placed.order as Json;
  const id = [...b.server.account.orders.keys()][0]!;
  assertEquals(stable(order), {
    id,
    pair: "BTC/USD",
    side: "buy",
    type: "limit",
    price: String(bid - 1000),
    volume: "0.00010000",
    filled: "0.00000000",
    status: "open",
    owner: "cli",
    foreign: false,
  });
  const buys = b.server.privateRest.calls.filter((c) => c.endpoint === "buy/btcusd");
  assertEquals(buys.map((c) => [c.params.client_order_id, c.params.amount, c.params.price]), [[
    order.clientId,
    "0.00010000",
    String(bid - 1000),
  ]]);
  b.server.account.place(
    "buy",
    "limit",
    new URLSearchParams({ price: String(bid - 2000), amount: "0.00020000" }),
  );
  const listed = await b.home.json(["orders", ...b.pf], 0);
  assertEquals((listed.orders as Json[]).map((o) => [o.owner, o.foreign, o.price, o.status]), [[
    "cli",
    false,
    String(bid - 1000),
    "open",
  ], ["foreign", true, String(bid - 2000), "open"]]);
  const market = await b.home.json(["sell", "market", "0.0001", ...b.pf], 0);
  assertEquals([(market.order as Json).type, (market.order as Json).price], ["market", null]);
  assertEquals(b.server.privateRest.calls.at(-1)!.endpoint, "sell/market/btcusd");
});

Deno.test("bitstamp buy --validate: a zero-amount check Bitstamp can only refuse; nothing placed", async () => {
  await using b = await bitstampHome();
  const bid = b.server.top(1).bids[0]!.price;
  const r = await b.home.json(["buy", String(bid - 1000), "0.0001", "--validate", ...b.pf], 0);
  assertEquals([r.validate, (r.order as Json).status], [true, "validated"]);
  assertEquals(b.server.account.orders.size, 0);
  assertEquals(
    b.server.privateRest.calls.filter((c) => c.endpoint === "buy/btcusd").map((c) => c.params.amount),
    ["0"],
  );
});

Deno.test("bitstamp cancel by id and client id, cancel-all; an unknown id fails in the documented grammar", async () => {
  await using b = await bitstampHome();
  const bid = b.server.top(1).bids[0]!.price;
  const a = (await b.home.json(["buy", String(bid - 1000), "0.0001", ...b.pf], 0)).order as Json;
  const c = (await b.home.json(["buy", String(bid - 1100), "0.0001", ...b.pf], 0)).order as Json;
  const r = await b.home.json(["cancel", String(a.id), String(c.clientId), ...b.pf], 0);
  assertEquals([r.canceled, r.failed], [2, []]);
  const again = await b.home.run(["cancel", "999999", ...b.pf]);
  assertEquals(again.code, 1);
  assertStringIncludes(again.stderr, 'Cannot cancel order "999999" on');
  for (const p of [bid - 1200, bid - 1300]) await b.home.json(["buy", String(p), "0.0001", ...b.pf], 0);
  const all = await b.home.json(["cancel-all", ...b.pf], 0);
  assertEquals([all.canceled, all.failed], [2, []]);
  assertEquals(b.server.account.open().length, 0);
});

Deno.test("bitstamp: a lost buy answer exits 1 OutcomeUnknown; the next command finds the order; sent once", async () => {
  await using b = await bitstampHome();
  const bid = b.server.top(1).bids[0]!.price;
  b.server.privateRest.faults.push({ endpoint: "buy/btcusd", drop: true });
  const r = await b.home.json(["buy", String(bid - 1000), "0.0001", ...b.pf], 1);
  const order = r.order as Json;
  assertEquals([(r.error as Json).kind, order.status], ["OutcomeUnknown", "unknown"]);
  const listed = await b.home.json(["orders", ...b.pf], 0);
  const id = [...b.server.account.orders.keys()][0]!;
  assertEquals((listed.orders as Json[]).map((o) => [o.clientId, o.id, o.status]), [[
    order.clientId,
    id,
    "open",
  ]]);
  assertEquals(b.server.privateRest.count("buy/btcusd"), 1);
});

Deno.test("bitstamp: a key Bitstamp does not know exits 3; doctor names the permission", async () => {
  await using b = await bitstampHome({ key: { key: "not-a-key-bitstamp-knows", secret: FAKE_KEY.secret } });
  for (const args of [["balance"], ["orders"], ["buy", "250000", "0.0001"]]) {
    const r = await b.home.json([...args, ...b.pf], 3);
    assertEquals((r.error as Json).kind, "AuthenticationError", args.join(" "));
    assertStringIncludes(String((r.error as Json).message), "API0001 API key not found");
  }
  const doctor = await b.home.json(["doctor", ...b.pf], 3);
  const checks = Object.fromEntries((doctor.checks as Json[]).map((c) => [c.name, c]));
  assertEquals([checks["key query"]!.status, checks["key trade"]!.status], ["fail", "fail"]);
  assertEquals(b.server.account.orders.size, 0);
});

Deno.test("bitstamp doctor: every check ok against the fake, the clock from the Date header (exit 0)", async () => {
  await using b = await bitstampHome();
  const r = await b.home.json(["doctor", ...b.pf], 0);
  const checks = r.checks as Json[];
  for (const c of checks) assertEquals(c.status, "ok", `${c.name}: ${c.detail}`);
  const byName = Object.fromEntries(checks.map((c) => [c.name, c]));
  assertMatch(String(byName.clock!.detail), /^the local clock is within \d+ ms of bitstamp \(±\d+ ms\)$/);
  assertMatch(String(byName.rest!.detail), /^bitstamp lists 2 pairs, answered in \d+ ms$/);
  assertMatch(String(byName.websocket!.detail), /^connected, first BTC\/USD event after \d+ ms$/);
  assertEquals(b.server.account.orders.size, 0, "the trade check placed nothing");
});

Deno.test("bitstamp doctor: a clock 5 s off the venue's warns with a fix", async () => {
  await using b = await bitstampHome();
  b.server.clockOffsetMs = 5000;
  const r = await b.home.json(["doctor", ...b.pf], 0);
  const clock = (r.checks as Json[]).find((c) => c.name === "clock")!;
  assertEquals(clock.status, "warn");
  assertMatch(String(clock.detail), /behind bitstamp/);
});

Deno.test("bitstamp server down or failing: exit 1 with the error kind", async () => {
  await using b = await bitstampHome();
  b.server.restFaults.push({ status: 503, times: 5 });
  const t = await b.home.json(["ticker"], 1);
  assertEquals((t.error as Json).kind, "ExchangeUnavailable");
  b.server.restFaults = [{ status: 429, times: 5 }];
  const l = await b.home.json(["ticker"], 1);
  assertEquals((l.error as Json).kind, "RateLimited");
  await b.server.close();
  for (const args of [["balance"], ["orders"], ["buy", "250000", "0.0001"]]) {
    const r = await b.home.json([...args, ...b.pf], 1);
    assertMatch(
      String((r.error as Json).kind),
      /^(NetworkError|ExchangeUnavailable|RequestTimeout)$/,
      args.join(" "),
    );
  }
});

Deno.test("bitstamp --paper: a buy is a paper order (a one-shot command streams no book to fill it); nothing is sent", async () => {
  await using b = await bitstampHome();
  const ask = b.server.top(1).asks[0]!.price;
  const r = await b.home.json(["buy", String(ask), "0.0001", "--paper", ...b.pf], 0);
  assertMatch(String((r.order as Json).id), /^PAPER-/);
  assertEquals(b.server.privateRest.calls.filter((c) => c.endpoint.startsWith("buy")).length, 0);
  assertEquals(b.server.account.orders.size, 0);
});
