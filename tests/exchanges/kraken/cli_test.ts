import { assert, assertEquals } from "../../assert.ts";
import { noTerminal } from "../../cli/helpers.ts";
import { type CliDeps, EXIT, runCli } from "../../../lib/cli/mod.ts";
import { createKraken } from "../../../exchanges/kraken/mod.ts";
import { FakeKraken } from "../../fakes/kraken/server.ts";
import { krakenOptions, VENUE_DEPS } from "../../fixtures/venues.ts";

/** What exchanges/mod.ts is asked to wire: `case "kraken": return createKraken({ ...settings.kraken, log })`. */
const deps: CliDeps = {
  ...VENUE_DEPS,
  createExchange: (_name, settings, log) =>
    Promise.resolve(createKraken({ ...krakenOptions(settings), log })),
  promptIo: () => noTerminal,
};

async function run(server: FakeKraken, args: string[]): Promise<{ code: number; out: string; err: string }> {
  const dir = await Deno.makeTempDir({ prefix: "pytrader-kraken-cli-" });
  try {
    const ini = `${dir}/pytrader.ini`;
    await Deno.writeTextFile(ini, `[kraken]\nrest_url = ${server.restUrl}\nws_url = ${server.wsUrl}\n`);
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(
      [...args, "--exchange", "kraken", "--pair", "BTC/USD", "--config", ini],
      deps,
      () => Promise.resolve(EXIT.ok),
      { out: (t) => out.push(t), err: (t) => err.push(t) },
    );
    return { code, out: out.join("\n"), err: err.join("\n") };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("pytrader ticker --exchange kraken reads the fake's documented Ticker (URL from the ini)", async () => {
  await using server = fake();
  const r = await run(server, ["ticker", "--json"]);
  assertEquals(r.code, 0, r.err);
  const v = JSON.parse(r.out);
  assertEquals([v.exchange, v.pair, v.bid, v.ask, v.last, v.volume], [
    "kraken",
    "BTC/USD",
    "30300.0",
    "30300.1",
    "30303.2",
    "4412.73601799",
  ]);
  assert(server.restRequests.includes("/0/public/Ticker?pair=XXBTZUSD"));
});

Deno.test("pytrader book --exchange kraken reads the fake's documented Depth", async () => {
  await using server = fake();
  const r = await run(server, ["book", "--depth", "3", "--json"]);
  assertEquals(r.code, 0, r.err);
  const v = JSON.parse(r.out);
  assertEquals(v.asks.map((l: { price: string }) => l.price), ["30384.1", "30387.9", "30393.7"]);
  assertEquals(v.bids[0], { price: "30297.0", qty: "1.11500000", total: "1.11500000" });
});

Deno.test("pytrader candles --exchange kraken reads the fake's documented OHLC", async () => {
  await using server = fake();
  const r = await run(server, ["candles", "--timeframe", "1", "--limit", "4"]);
  assertEquals(r.code, 0, r.err);
  assert(r.out.includes("30306.1") && r.out.includes("30295.0"), r.out);
  assert(server.restRequests.includes("/0/public/OHLC?pair=XXBTZUSD&interval=1"));
});

Deno.test("pytrader ticker on a REST 503 fails with exit 1 and the error kind", async () => {
  await using server = fake();
  server.restFaults.push({ status: 503, times: 5 });
  const r = await run(server, ["ticker", "--json"]);
  assertEquals(r.code, 1);
  assertEquals(JSON.parse(r.out).error.kind, "ExchangeUnavailable");
});

function fake(): FakeKraken & AsyncDisposable {
  const s = FakeKraken.start();
  return Object.assign(s, { [Symbol.asyncDispose]: () => s.close() });
}
