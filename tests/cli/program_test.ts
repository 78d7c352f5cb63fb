import { assert, assertEquals, assertMatch, assertStringIncludes } from "../assert.ts";
import { VERSION } from "../../lib/core/mod.ts";
import { cli, noTerminal, runMain } from "./helpers.ts";
import { runCli } from "../../lib/cli/mod.ts";
import { VENUE_DEPS } from "../fixtures/venues.ts";
import { plural } from "../../lib/cli/output.ts";

Deno.test("--help lists every command, option and exit code", async () => {
  const r = await cli(["--help"]);
  assertEquals(r.code, 0);
  for (
    const word of [
      "ticker",
      "book",
      "candles",
      "balance",
      "orders",
      "cancel-all",
      "buy",
      "sell",
      "trades",
      "doctor",
      "--config",
      "--exchange",
      "--pair",
      "--strategy",
      "--version",
      "Exit codes",
      "2  usage error",
    ]
  ) assertStringIncludes(r.stdout, word);
  const book = await cli(["book", "--help"]);
  for (const word of ["--depth", "--group", "--json", "--config"]) assertStringIncludes(book.stdout, word);
  for (const cmd of ["balance", "orders", "cancel", "cancel-all", "buy", "sell", "trades", "doctor"]) {
    const help = await cli([cmd, "--help"]);
    assertEquals(help.code, 0, cmd);
    for (const word of ["--json", "--config", "--exchange", "--pair", "--passphrase-file"]) {
      assertStringIncludes(help.stdout, word, `${cmd} --help`);
    }
  }
  assertStringIncludes((await cli(["buy", "--help"])).stdout, "--validate");
  assertStringIncludes((await cli(["cancel-all", "--help"])).stdout, "Exit code 4");
  assertStringIncludes((await cli(["trades", "--help"])).stdout, "--limit");
  assertStringIncludes((await cli(["doctor", "--help"])).stdout, "--timeout");
  const candles = await cli(["candles", "--help"]);
  for (const word of ["--timeframe", "--limit", "1, 5, 15, 30, 60, 240, 1440"]) {
    assertStringIncludes(candles.stdout, word);
  }
});

Deno.test("--version prints the version", async () => {
  const r = await cli(["--version"]);
  assertEquals([r.code, r.stdout.trim()], [0, VERSION]);
});

Deno.test("an unknown command exits 2 with a one-line explanation and a hint", async () => {
  const r = await cli(["nonsense"]);
  assertEquals(r.code, 2);
  assertEquals(r.stdout, "");
  const [first, hint, ...rest] = r.stderr.split("\n");
  assertEquals(
    first,
    'pytrader: Unknown command "nonsense"; the commands are ticker, book, candles, record, replay, backtest, balance, ' +
      "orders, cancel, cancel-all, buy, sell, trades, doctor, run",
  );
  assertStringIncludes(hint!, "pytrader --help");
  assertEquals(rest, []);
});

Deno.test("bad option values exit 2 naming the option", async () => {
  const cases: [string[], string][] = [
    [["book", "--depth", "-3"], "Cannot use --depth -3: expected a whole number from 1 to 1000"],
    [["book", "--depth", "abc"], "--depth abc"],
    [["book", "--group", "-1"], "--group -1"],
    [["candles", "--timeframe", "7"], "expected one of 1, 5, 15, 30, 60, 240, 1440"],
    [["candles", "--limit", "0"], "--limit 0"],
    [["book", "--frobnicate"], "Unknown option '--frobnicate'"],
    [
      ["ticker", "--exchange", "mtgox"],
      'Cannot use exchange "mtgox": the exchanges are sim, kraken, bitstamp and poloniex',
    ],
    [["ticker", "--pair", "FOO/BAR"], 'Cannot find pair "FOO/BAR" on sim'],
  ];
  for (const [args, text] of cases) {
    const r = await cli(args);
    assertEquals(r.code, 2, args.join(" "));
    assertStringIncludes(r.stderr.split("\n")[0]!, text);
  }
});

Deno.test("--json errors keep the documented shape", async () => {
  const r = await cli(["book", "--depth", "0", "--json"]);
  assertEquals(r.code, 2);
  assertEquals(JSON.parse(r.stdout), {
    ok: false,
    error: { kind: "UsageError", message: "Cannot use --depth 0: expected a whole number from 1 to 1000" },
  });
});

Deno.test("a broken ini exits 2 naming the file and line, and is left byte-for-byte unchanged", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/broken.ini`;
  const text = "[pytrader]\nexchange = sim\n\n[sim\nseed = 3\n";
  await Deno.writeTextFile(path, text);
  const r = await cli(["book", "--config", path]);
  assertEquals(r.code, 2);
  assertStringIncludes(r.stderr, path);
  assertStringIncludes(r.stderr, "line 4");
  assertEquals(await Deno.readTextFile(path), text);
});

Deno.test("book --json on sim: bids descending, asks ascending, never crossed", async () => {
  const r = await cli(["book", "--json", "--depth", "25"]);
  assertEquals(r.code, 0, r.stderr);
  const book = JSON.parse(r.stdout);
  assertEquals([book.ok, book.exchange, book.pair], [true, "sim", "BTC/USD"]);
  assertEquals([book.bids.length, book.asks.length], [25, 25]);
  const bids = book.bids.map((l: { price: string }) => Number(l.price));
  const asks = book.asks.map((l: { price: string }) => Number(l.price));
  for (let i = 1; i < 25; i++) {
    assert(bids[i - 1] > bids[i], `bids descending at ${i}`);
    assert(asks[i - 1] < asks[i], `asks ascending at ${i}`);
  }
  assert(bids[0] < asks[0], "best bid below best ask");
  for (const l of [...book.bids, ...book.asks]) {
    assertMatch(l.price, /^\d+\.\d$/);
    assertMatch(l.qty, /^\d+\.\d{8}$/);
  }
});

Deno.test("book --group bins prices at multiples of the group size after the exact best level", async () => {
  const r = await cli(["book", "--json", "--depth", "10", "--group", "5"]);
  assertEquals(r.code, 0, r.stderr);
  const book = JSON.parse(r.stdout);
  for (const side of [book.bids, book.asks]) {
    for (const l of side.slice(1)) assertEquals(Number(l.price) % 5, 0, l.price);
  }
});

Deno.test("book prints an aligned table, asks above bids", async () => {
  const r = await cli(["book", "--depth", "3"]);
  assertEquals(r.code, 0, r.stderr);
  const lines = r.stdout.split("\n");
  assertStringIncludes(lines[0]!, "BTC/USD on sim");
  assertMatch(lines[1]!, /^side\s+price \(USD\)\s+volume \(BTC\)\s+total$/);
  assertEquals(lines.slice(3).map((l) => l.split(/\s+/)[0]), ["ask", "ask", "ask", "", "bid", "bid", "bid"]);
  const widths = new Set(
    lines.slice(3).filter((l) => l.startsWith("a") || l.startsWith("b")).map((l) => l.length),
  );
  assertEquals(widths.size, 1, "rows are aligned");
});

Deno.test("ticker and candles --json on sim", async () => {
  const t = JSON.parse((await cli(["ticker", "--json"])).stdout);
  assertEquals(t.ok, true);
  assert(Number(t.bid) < Number(t.ask));
  assertMatch(t.time, /^\d{4}-\d\d-\d\dT/);
  const c = await cli(["candles", "--json", "--limit", "5", "--timeframe", "60"]);
  assertEquals(c.code, 0, c.stderr);
  const candles = JSON.parse(c.stdout);
  assertEquals([candles.timeframe, candles.candles.length], [60, 5]);
  for (const k of candles.candles) {
    assert(Number(k.low) <= Math.min(Number(k.open), Number(k.close)));
    assert(Number(k.high) >= Math.max(Number(k.open), Number(k.close)));
  }
  const times = candles.candles.map((k: { time: string }) => Date.parse(k.time));
  for (let i = 1; i < times.length; i++) assert(times[i] > times[i - 1], "oldest first");
});

Deno.test("the first run writes pytrader.ini with defaults and a log beside it", async () => {
  const r = await cli(["ticker"]);
  assertEquals(r.code, 0, r.stderr);
  const ini = await Deno.readTextFile(`${r.dir}/pytrader.ini`);
  assertStringIncludes(ini, "[pytrader]");
  assertStringIncludes(ini, "exchange = sim");
  assert((await Deno.stat(`${r.dir}/pytrader.log`)).isFile);
});

Deno.test("the real program exits 2 on usage errors and 0 on --version", async () => {
  const dir = await Deno.makeTempDir();
  const bad = await runMain(["nonsense"], dir);
  assertEquals(bad.code, 2);
  assertMatch(bad.stderr, /^pytrader: /);
  const depth = await runMain(["book", "--depth", "-3"], dir);
  assertEquals(depth.code, 2);
  assertStringIncludes(depth.stderr, "--depth -3");
  const v = await runMain(["--version"], dir);
  assertEquals([v.code, v.stdout.trim()], [0, VERSION]);
});

Deno.test("run without --strategy is a usage error naming the option", async () => {
  const r = await cli(["run"]);
  assertEquals(r.code, 2);
  assertStringIncludes(r.stderr.split("\n")[0]!, "--strategy");
});

Deno.test("--paper reaches the screen, run and the account commands", async () => {
  const dir = await Deno.makeTempDir();
  const seen: boolean[] = [];
  const code = await runCli(
    ["--paper", "--config", `${dir}/pytrader.ini`],
    { ...VENUE_DEPS, promptIo: () => noTerminal },
    (ctx) => {
      seen.push(ctx.paper);
      return Promise.resolve(0);
    },
    { out: () => {}, err: () => {} },
  );
  assertEquals([code, seen], [0, [true]]);
  const help = await cli(["run", "--help"]);
  assertStringIncludes(help.stdout, "--paper");
  await Deno.writeTextFile(`${dir}/paper.ini`, "[paper]\nbalances = USD:777 BTC:2\n");
  const balance = await cli(["balance", "--paper", "--json", "--config", `${dir}/paper.ini`]);
  assertEquals(balance.code, 0, balance.stderr);
  assertEquals(JSON.parse(balance.stdout).balances, { USD: "777.00", BTC: "2.00000000" });
});

/** Runs the command line in-process and tells what reached the screen starter. */
async function screenArgs(args: string[]): Promise<{ code: number; strategy: unknown; err: string }> {
  const dir = await Deno.makeTempDir();
  let strategy: unknown = "not started";
  const err: string[] = [];
  const code = await runCli(
    [...args, "--config", `${dir}/pytrader.ini`],
    { ...VENUE_DEPS, promptIo: () => noTerminal },
    (_ctx, opts) => {
      strategy = opts.strategy;
      return Promise.resolve(0);
    },
    { out: () => {}, err: (t) => err.push(t) },
  );
  return { code, strategy, err: err.join("\n") };
}

Deno.test("a leading -- (as deno task start -- ... passes it) is not an argument", async () => {
  const book = await cli(["--", "book", "--depth", "2", "--json"]);
  assertEquals(book.code, 0, book.stderr);
  const j = JSON.parse(book.stdout);
  assertEquals([j.bids.length, j.asks.length], [2, 2]);
  assertEquals(await screenArgs(["--", "--strategy=balancer,buy,sell"]), {
    code: 0,
    strategy: "balancer,buy,sell",
    err: "",
  });
  assertEquals((await screenArgs(["--", "--paper"])).code, 0);
});

Deno.test("deno task start -- book --depth 5, verbatim from the README", async () => {
  const dir = await Deno.makeTempDir();
  const root = new URL("../..", import.meta.url).pathname;
  const res = await new Deno.Command(Deno.execPath(), {
    args: ["task", "start", "--", "book", "--depth", "5", "--config", `${dir}/pytrader.ini`],
    cwd: root,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const out = new TextDecoder().decode(res.stdout);
  assertEquals(res.code, 0, new TextDecoder().decode(res.stderr));
  const lines = out.trimEnd().split("\n");
  assertStringIncludes(lines[0]!, "BTC/USD on sim");
  assertEquals(lines.filter((l) => /^(ask|bid) /.test(l)).length, 10);
});

Deno.test("an unknown command is named alone; a known one with stray arguments is not called unknown", async () => {
  const r = await cli(["frobnicate", "--json"]);
  assertEquals(r.code, 2);
  assertEquals(JSON.parse(r.stdout), {
    ok: false,
    error: {
      kind: "UsageError",
      message:
        'Unknown command "frobnicate"; the commands are ticker, book, candles, record, replay, backtest, balance, ' +
        "orders, cancel, cancel-all, buy, sell, trades, doctor, run",
    },
  });
  const before = await cli(["--json", "frobnicate"]);
  assertStringIncludes(JSON.parse(before.stdout).error.message, 'Unknown command "frobnicate"');
  for (const args of [["book", "--", "extra"], ["--pair", "BTC/USD", "--", "book", "extra"]]) {
    const stray = await cli(args);
    assertEquals(stray.code, 2, args.join(" "));
    const first = stray.stderr.split("\n")[0]!;
    assert(!/unknown command/i.test(first), first);
    assertStringIncludes(first, '"extra"');
  }
});

Deno.test("replay counts in words: 1 frame, 2 frames", async () => {
  const dir = await Deno.makeTempDir();
  const line = '{"t":1,"venue":"nowhere","src":"ws","url":"x","data":"{}"}\n';
  await Deno.writeTextFile(`${dir}/one.ndjson`, line);
  const one = await cli(["replay", `${dir}/one.ndjson`], dir);
  assertEquals(one.code, 0, one.stderr);
  assertEquals(one.stdout.split("\n").slice(0, 2), [
    "1 frame, 0 events, 1 malformed",
    "checksums: 0 passed, 0 failed; 0 resyncs",
  ]);
  await Deno.writeTextFile(`${dir}/two.ndjson`, line + line);
  const two = await cli(["replay", `${dir}/two.ndjson`], dir);
  assertEquals(two.stdout.split("\n")[0], "2 frames, 0 events, 2 malformed");
  assertEquals([plural(1, "frame"), plural(0, "frame"), plural(1, "byte"), plural(3, "resync")], [
    "1 frame",
    "0 frames",
    "1 byte",
    "3 resyncs",
  ]);
});
