/**
 * A backtest reads every venue's recording through that venue's own decoder: recordings made by
 * `pytrader record` from the fake Bitstamp (its top-100 frames and its diffs) and the fake Poloniex, then a
 * strategy that buys at market on its first tick and rests a buy below.
 */
import { assert, assertEquals } from "../assert.ts";
import { eventually } from "../eventually.ts";
import { type CliDeps, openContext } from "../../lib/cli/context.ts";
import { recordCommand } from "../../lib/cli/commands/record.ts";
import { runBacktest } from "../../lib/backtest/mod.ts";
import { Logger, MemorySink } from "../../lib/log/mod.ts";
import { type Exchange, isFrameSource } from "../../lib/core/mod.ts";
import type { BitstampExchange } from "../../exchanges/bitstamp/mod.ts";
import { paperOver, replayDecoders } from "../../exchanges/mod.ts";
import { noTerminal } from "../cli/helpers.ts";
import { VENUE_DEPS } from "../fixtures/venues.ts";
import { FakeBitstamp } from "../fakes/bitstamp/server.ts";
import { FakePoloniex } from "../fakes/poloniex/server.ts";
import { strategyDir } from "../strategy/helpers.ts";

const deps: CliDeps = { ...VENUE_DEPS, promptIo: () => noTerminal };

const TRADER = `// @ts-nocheck
export default class Trader {
  constructor(api) { this.api = api; }
  onTick(t) {
    if (this.done || !(t.ask > 0 && t.bid > 0)) return;
    this.done = true;
    const v = Math.max(this.api.instrument.minVolume * 2, 0.001);
    this.api.buy(null, v);
    this.api.buy(t.bid * 0.999, v);
  }
}
`;

/** Records `venue` from its fake while `move` makes the market move, then backtests the file. */
async function recordAndBacktest(
  venue: string,
  pair: string,
  ini: string,
  move: () => void,
  o: { depth?: number; ready?: (x: Exchange) => boolean } = {},
) {
  const depth = o.depth;
  const files = await strategyDir({ "trader.ts": TRADER });
  try {
    const config = `${files.dir}/pytrader.ini`;
    await Deno.writeTextFile(config, ini);
    const ctx = await openContext({ config, exchange: venue, pair, json: true }, deps);
    const file = `${files.dir}/rec.ndjson`;
    const ac = new AbortController();
    const out: string[] = [];
    const run = recordCommand(ctx, { out: (t) => out.push(t), err() {} }, {
      out: file,
      depth,
      signal: ac.signal,
    });
    const x = await ctx.exchange();
    assert(isFrameSource(x));
    let frames = 0;
    x.onFrame(() => frames++);
    await eventually(() => frames > 3 && (o.ready?.(x) ?? true), `${venue}'s book`);
    move();
    const seen = frames;
    await eventually(() => frames > seen + 100, `${venue}'s moves recorded`);
    ac.abort();
    await run;
    await ctx.close();
    const decoders = await replayDecoders();
    const report = await runBacktest({
      file,
      decoderFor: (v) => decoders.get(v),
      paper: paperOver,
      strategies: "trader",
      balances: { BTC: "10", USD: "10000000", USDT: "10000000" },
      makerFee: "0.10",
      takerFee: "0.20",
      timeframe: 15,
      depth: depth ?? 100,
      logger: new Logger([new MemorySink(1000)]),
      cwd: files.dir,
    });
    return report;
  } finally {
    await files.remove();
  }
}

for (const depth of [20, 500]) {
  Deno.test(`backtest of a Bitstamp recording (${depth <= 100 ? "top 100 frames" : "diffs"})`, async () => {
    await using server = FakeBitstamp.start({ seed: 5 });
    const ini = `[bitstamp]\nrest_url = ${server.restUrl}\nws_url = ${server.wsUrl}\n`;
    // Diff books wait for their REST snapshot (bridged to the diffs by microtimestamp) before the moves.
    const ready = (x: Exchange) => {
      const sync = (x as BitstampExchange).decoder.sync("BTC/USD");
      return sync !== undefined && !sync.awaiting;
    };
    const r = await recordAndBacktest("bitstamp", "BTC/USD", ini, () => server.moveBook(300), {
      depth,
      ready,
    });
    assertEquals([r.exchange, r.pair, r.replay.malformed, r.replay.resyncs], ["bitstamp", "BTC/USD", 0, 0]);
    assertEquals(r.perStrategy.trader!.orders.placed, 2);
    assert(r.fills.some((f) => f.liquidity === "taker"), "the market buy filled against the recorded book");
  });
}

Deno.test("backtest of a Poloniex recording", async () => {
  const server = FakePoloniex.start({ seed: 5 });
  try {
    const ini =
      `[poloniex]\nrest_url = ${server.restUrl}\nws_url = ${server.wsUrl}\nws_auth_url = ${server.wsAuthUrl}\n`;
    const r = await recordAndBacktest("poloniex", "BTC/USDT", ini, () => server.sendBookUpdates(300));
    assertEquals([r.exchange, r.pair, r.replay.malformed, r.replay.resyncs], ["poloniex", "BTC/USDT", 0, 0]);
    assertEquals(r.perStrategy.trader!.orders.placed, 2);
    assert(r.fills.some((f) => f.liquidity === "taker"), "the market buy filled against the recorded book");
  } finally {
    await server.close();
  }
});
