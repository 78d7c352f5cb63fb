/**
 * `pytrader backtest` on the command line: its usage errors, the JSON object and the text for people, and
 * (issue 14, acceptance) two runs of the real program on one recording printing byte-identical --json.
 */
import { assert, assertEquals, assertStringIncludes } from "../assert.ts";
import { EXIT } from "../../lib/cli/mod.ts";
import { bpsToPercent, parseBalances } from "../../lib/cli/commands/backtest.ts";
import { progressLine } from "../../lib/cli/progress.ts";
import { stream, writeRecording } from "../bench/kraken_frames.ts";
import { cli, runMain } from "./helpers.ts";

/** balancer, buy and sell set to trade on the bench stream (bid and ask wander around 30000). */
const STRATEGIES = `
[strategy.balancer]
simulate = False
autostart = True
distance = 0.01
distance_sell = 0.01
compensate_fees = False
min_amount = 0.001

[strategy.buy]
simulate = False
level = 30005
volume = 0.01
volume_in = base
repeat = True

[strategy.sell]
simulate = False
level = 30009
volume = 0.01
volume_in = base
repeat = True
`;

async function home(frames: number): Promise<{ dir: string; ini: string; file: string }> {
  const dir = await Deno.makeTempDir({ prefix: "pytrader-backtest-cli-" });
  const ini = `${dir}/pytrader.ini`;
  await Deno.writeTextFile(ini, `[pytrader]\nexchange = kraken\n${STRATEGIES}`);
  const s = stream(25, frames, 7);
  const file = `${dir}/rec.ndjson`;
  await writeRecording(file, 25, [s.snapshot, ...s.updates]);
  return { dir, ini, file };
}

Deno.test("backtest --json: one object with the documented fields; the text has the tables and charts", async () => {
  const h = await home(3000);
  try {
    const args = [
      h.file,
      "--strategy",
      "balancer,buy,sell",
      "--balances",
      "BTC=1,USD=30000",
      "--fee-bps",
      "10",
    ];
    const r = await cli(["backtest", ...args, "--json", "--config", h.ini], h.dir);
    assertEquals(r.code, EXIT.ok, r.stdout + r.stderr);
    const v = JSON.parse(r.stdout);
    assertEquals(Object.keys(v), [
      "ok",
      "file",
      "exchange",
      "pair",
      "from",
      "to",
      "strategies",
      "feeRates",
      "latencyMs",
      "replay",
      "orders",
      "fills",
      "fees",
      "start",
      "end",
      "pnl",
      "pnlPct",
      "holdPnl",
      "maxDrawdown",
      "exposure",
      "perStrategy",
      "curve",
    ]);
    assertEquals([v.ok, v.exchange, v.pair, v.strategies], [true, "kraken", "BTC/USD", [
      "balancer",
      "buy",
      "sell",
    ]]);
    assertEquals(v.feeRates, { maker: "0.1", taker: "0.1" });
    assertEquals(v.replay, { frames: 3003, events: 3001, malformed: 0, resyncs: 0 });
    assertEquals(v.start.balances, { BTC: "1.00000000", USD: "30000.00" });
    assert(v.fills.length > 0, "the strategies traded");
    assertEquals(Object.keys(v.perStrategy), ["balancer", "buy", "sell"]);
    const text = await cli(["backtest", ...args, "--config", h.ini], h.dir);
    assertEquals(text.code, EXIT.ok, text.stderr);
    for (
      const part of [
        `Backtest of ${h.file}: kraken BTC/USD`,
        "strategies balancer, buy, sell; fees 0.1 % maker, 0.1 % taker; latency 0 ms",
        `PnL ${v.pnl} USD (${v.pnlPct} %)`,
        "price (mid, USD) and fills: B buy, S sell",
        "value (USD) at the mid",
        "strategy  orders  filled  fills",
      ]
    ) assertStringIncludes(text.stdout, part);
  } finally {
    await Deno.remove(h.dir, { recursive: true });
  }
});

Deno.test("backtest: missing --strategy, a missing file, bad balances, fees or latency are usage errors", async () => {
  const h = await home(10);
  try {
    const run = (...args: string[]) => cli(["backtest", ...args, "--json", "--config", h.ini], h.dir);
    const cases: [string[], string][] = [
      [[h.file], "Cannot backtest: --strategy is required"],
      [[`${h.dir}/nope.ndjson`, "--strategy", "buy"], `Cannot backtest "${h.dir}/nope.ndjson": no such file`],
      [
        [h.file, "--strategy", "buy", "--balances", "BTC"],
        'Cannot use --balances BTC: "BTC" is not ASSET=AMOUNT',
      ],
      [[h.file, "--strategy", "buy", "--fee-bps", "-1"], "Cannot use --fee-bps -1: expected basis points"],
      [[h.file, "--strategy", "buy", "--latency-ms", "20000"], "Cannot use --latency-ms 20000"],
      [[h.file, "--strategy", "buy", "--pair", "ETH/USD"], "the recording has no book of ETH/USD"],
    ];
    for (const [args, message] of cases) {
      const r = await run(...args);
      assertEquals(r.code, EXIT.usage, `${args.join(" ")}: ${r.stdout}`);
      const v = JSON.parse(r.stdout);
      assertEquals(v.ok, false);
      assertStringIncludes(v.error.message, message);
    }
  } finally {
    await Deno.remove(h.dir, { recursive: true });
  }
});

Deno.test("backtest: two runs of the program on one recording print byte-identical --json", async () => {
  const h = await home(5000);
  try {
    const args = ["backtest", h.file, "--strategy", "balancer,buy,sell", "--json", "--config", h.ini];
    const first = await runMain(args, h.dir);
    const second = await runMain(args, h.dir);
    assertEquals(first.code, EXIT.ok, first.stderr);
    assertEquals(second.code, EXIT.ok, second.stderr);
    assert(JSON.parse(first.stdout).fills.length > 0, "the strategies traded");
    assertEquals(second.stdout, first.stdout);
    assertEquals(first.stderr, "", "no progress bar without a terminal");
  } finally {
    await Deno.remove(h.dir, { recursive: true });
  }
});

Deno.test("backtest options: balances, fees in basis points, the progress line", () => {
  assertEquals(parseBalances("BTC=1,usd=60000.5"), { BTC: "1", USD: "60000.5" });
  assertEquals(parseBalances("BTC:1 USD:60000"), { BTC: "1", USD: "60000" });
  assertEquals([bpsToPercent("10"), bpsToPercent("2.5"), bpsToPercent("0")], ["0.1", "0.025", "0"]);
  assertEquals(progressLine(0, 2e6), "[░░░░░░░░░░░░░░░░░░░░]   0 %  0.0 of 2.0 MB");
  assertEquals(progressLine(1e6, 2e6), "[██████████░░░░░░░░░░]  50 %  1.0 of 2.0 MB");
  assertEquals(progressLine(3e6, 2e6), "[████████████████████] 100 %  2.0 of 2.0 MB");
});
