/**
 * Backtests of recordings written frame by frame (tests/backtest/recording.ts): what a strategy sees of the
 * recording (its clock, candles, timers, api.mode), order latency on that clock, and the report's figures.
 */
import { assertEquals, assertRejects } from "../assert.ts";
import { type BacktestOptions, runBacktest } from "../../lib/backtest/mod.ts";
import { UsageError } from "../../lib/core/mod.ts";
import { Logger, MemorySink } from "../../lib/log/mod.ts";
import { createKrakenDecoder } from "../../exchanges/kraken/mod.ts";
import { paperOver } from "../../exchanges/mod.ts";
import { strategyDir } from "../strategy/helpers.ts";
import { BTC, Recording, T0, USD } from "./recording.ts";

async function backtest(
  rec: Recording,
  strategies: Record<string, string>,
  o: Partial<BacktestOptions> = {},
) {
  const files = await strategyDir(strategies);
  const path = `${files.dir}/rec.ndjson`;
  await rec.write(path);
  const sink = new MemorySink(10_000);
  try {
    const report = await runBacktest({
      file: path,
      decoderFor: (venue) => (venue === "kraken" ? createKrakenDecoder() : undefined),
      paper: paperOver,
      strategies: Object.keys(strategies).map((f) => f.replace(/\.ts$/, "")).join(","),
      balances: { BTC: "1", USD: "30000" },
      makerFee: "0.10",
      takerFee: "0.20",
      timeframe: 15,
      depth: 25,
      logger: new Logger([sink]),
      cwd: files.dir,
      ...o,
    });
    const said = sink.records().filter((r) => r.source.startsWith("strategy.")).map((r) => r.message);
    return { report, said, logs: sink.records().map((r) => `${r.source}: ${r.message}`) };
  } finally {
    await files.remove();
  }
}

Deno.test("backtest: a strategy sees api.mode, the recording's clock, its timers between frames, and its candles", async () => {
  const rec = new Recording();
  for (let i = 1; i <= 30; i++) {
    rec.wait(100).move([{ side: "bid", price: USD(29999), qty: BTC(1 + i / 100) }]);
    if (i === 5) rec.candle(T0, 15, [USD(30000), USD(30002), USD(29998), USD(30001)], BTC(2));
    if (i === 25) rec.candle(T0, 15, [USD(30000), USD(30009), USD(29998), USD(30007)], BTC(3));
  }
  rec.wait(1_000).heartbeat(); // carries nothing but the time: the timer at +3.5 s runs before it
  const { report, said } = await backtest(rec, {
    "watch.ts": `// @ts-nocheck
export default class Watch {
  constructor(api) { this.api = api; }
  onStart(api) {
    const t0 = Date.now();
    api.log("start " + api.mode + " " + (t0 - ${T0}));
    api.setTimer(1050, () => api.log("timer " + (Date.now() - t0) + " bid volume " + api.book.bids[0].volume));
    api.setTimer(3500, () => api.log("late timer " + (Date.now() - t0)));
    api.setTimer(9000, () => api.log("after the end"));
  }
  onHistoryChanged(candles) {
    const c = candles[candles.length - 1];
    this.api.log("candles " + candles.length + " close " + c.close + " at " + (Date.now() - ${T0}));
  }
}
`,
  });
  assertEquals(said, [
    "start backtest 0",
    "candles 1 close 30001 at 500",
    "timer 1050 bid volume 1.1", // between the frames at 1000 and 1100: the book of 1000
    "candles 1 close 30007 at 2500",
    "late timer 3500",
  ]);
  assertEquals([report.from, report.to], [new Date(T0).toISOString(), new Date(T0 + 4000).toISOString()]);
  assertEquals(report.replay, { frames: 36, events: 33, malformed: 0, resyncs: 0 });
});

/** Buys 0.1 at the ask on the first tick; with the latency, the order meets the book of later. */
const TAKER = {
  "taker.ts": `// @ts-nocheck
export default class Taker {
  constructor(api) { this.api = api; }
  onTick(t) { if (!this.done && t.ask > 0) { this.done = true; this.api.buy(30010, 0.1); } }
}
`,
};

function askMoves(): Recording {
  const rec = new Recording();
  // the asks move up 1 dollar every 20 ms: the first tick (ask 30002) takes 30002, a latency of 70 ms meets
  // the asks of 90 ms (30005)
  for (let i = 1; i <= 5; i++) rec.wait(20).move([{ side: "ask", price: USD(30000 + i), qty: 0 }]);
  return rec;
}

Deno.test("backtest: an order meets the book as it is when it arrives, a latency later on the recording's clock", async () => {
  const now = await backtest(askMoves(), TAKER);
  assertEquals(now.report.fills.map((f) => [f.price, f.volume, f.liquidity, f.time]), [
    ["30002.0", "0.10000000", "taker", new Date(T0 + 20).toISOString()],
  ]);
  const late = await backtest(askMoves(), TAKER, { latencyMs: 70 });
  assertEquals(late.report.latencyMs, 70);
  assertEquals(late.report.fills.map((f) => [f.price, f.volume, f.liquidity, f.time]), [
    ["30005.0", "0.10000000", "taker", new Date(T0 + 90).toISOString()],
  ]);
});

Deno.test("backtest: the report values the balances at the mid, with fees, drawdown, exposure and per strategy", async () => {
  const rec = new Recording();
  // the market rises 10 dollars, then falls back 4
  for (let i = 1; i <= 10; i++) {
    rec.wait(1000).move([
      { side: "ask", price: USD(30000 + i), qty: 0 },
      { side: "bid", price: USD(29999 + i), qty: BTC(1) },
    ]);
  }
  for (let i = 0; i < 4; i++) {
    rec.wait(1000).move([
      { side: "bid", price: USD(30009 - i), qty: 0 },
      { side: "ask", price: USD(30010 - i), qty: BTC(1) },
    ]);
  }
  const { report } = await backtest(rec, TAKER);
  const r = report;
  // the first move makes the first tick: bid 30000, ask 30002
  assertEquals(r.fills, [{
    time: new Date(T0 + 1000).toISOString(),
    strategy: "taker",
    side: "buy",
    price: "30002.0",
    volume: "0.10000000",
    fee: "6.01", // 3000.20 × 0.20 % = 6.0004, rounded up
    liquidity: "taker",
  }]);
  assertEquals(r.start, {
    mid: "30000.00",
    balances: { BTC: "1.00000000", USD: "30000.00" },
    value: "60000.00",
  });
  // the last book: bids from 30005 (those above went), asks from 30007
  assertEquals(r.end, {
    mid: "30006.00",
    balances: { BTC: "1.10000000", USD: "26993.79" },
    value: "60000.39",
  });
  assertEquals([r.pnl, r.pnlPct, r.holdPnl, r.fees], ["0.39", "0.001", "6.00", "6.01"]);
  // the spread and the fee at once: 60000.00 at the start, 59994.89 after the buy (1.1 BTC at mid 30001);
  // the later fall from 60004.79 (mid 30010) to 60000.39 is smaller
  assertEquals(r.maxDrawdown, {
    value: "5.11",
    pct: "0.009",
    from: new Date(T0).toISOString(),
    to: new Date(T0 + 1000).toISOString(),
  });
  assertEquals([r.exposure.start, r.exposure.end], ["50.000", "55.011"]);
  assertEquals(r.exposure.max, "55.014"); // 1.1 × 30010 of 60004.79
  assertEquals(r.orders, { placed: 1, denied: 0, rejected: 0, filled: 1, canceled: 0, open: 0 });
  assertEquals(r.perStrategy, {
    taker: {
      orders: { placed: 1, denied: 0, rejected: 0, filled: 1, canceled: 0, open: 0 },
      fills: 1,
      bought: "0.10000000",
      sold: "0.00000000",
      fees: "6.01",
      pnl: "-5.61", // 0.1 × 30006.0 - 3000.20 - 6.01
    },
  });
  assertEquals(r.curve.length, 15);
  assertEquals(r.curve.at(-1), {
    time: new Date(T0 + 14_000).toISOString(),
    mid: "30006.00",
    value: "60000.39",
  });
});

Deno.test("backtest: a recording without a book of the pair, and a strategy that cannot load, are usage errors", async () => {
  await assertRejects(
    () => backtest(askMoves(), TAKER, { pair: "ETH/USD" }),
    UsageError,
    "the recording has no book of ETH/USD",
  );
  await assertRejects(
    () => backtest(askMoves(), { "broken.ts": "export default class {", ...TAKER }),
    UsageError,
    'Cannot backtest: not every strategy loaded (Cannot load strategy "broken"',
  );
});

Deno.test("backtest: frames of another venue in the file before the first book never reach the market", async () => {
  const rec = new Recording();
  const other = new Recording(); // the same pairs and frames, as if recorded from a second venue
  other.candle(T0 - 15 * 60_000, 15, [USD(30000), USD(30050), USD(29990), USD(30040)], BTC(5));
  // The other venue's pairs and candle come first, then this venue's lines, then its own candle.
  rec.lines.unshift(
    ...[other.lines[0]!, other.lines.at(-1)!].map((l) => l.replace('"venue":"kraken"', '"venue":"other"')),
  );
  rec.wait(100).candle(T0, 15, [USD(30000), USD(30002), USD(29998), USD(30001)], BTC(2));
  const { said } = await backtest(rec, {
    "candles.ts": `// @ts-nocheck
export default class Candles {
  constructor(api) { this.api = api; }
  onHistoryChanged(candles) { this.api.log(candles.map((c) => c.close).join(" ")); }
}
`,
  }, {
    decoderFor: (venue) => (venue === "kraken" || venue === "other" ? createKrakenDecoder() : undefined),
  });
  assertEquals(said, ["30001"]);
});
