/**
 * Issue 14, acceptance: balancer, buy and sell backtested on a recording made from the fake Kraken give the
 * same fills as the live paper run over the same frames. The live run is what `pytrader run --paper` builds
 * (the Kraken adapter from exchanges/mod.ts wrapped by paper, a Trader, the strategy host with each strategy
 * in its Worker), recording every frame its adapter receives with the recorder `pytrader record` uses. The
 * test moves the fake's book one frame at a time and lets the run settle after each (as a market that pauses
 * between messages would), through the queue model's cases: trades at a resting order's price that do not
 * reach it and then do, a trade through it, takers on the buy and sell levels, the book coming to a resting
 * sell, a trade at a sell's price. Then the recording is backtested and the fills compared.
 */

import { assert, assertEquals } from "../assert.ts";
import { eventually } from "../eventually.ts";
import { statePrefix } from "../../lib/cli/context.ts";
import { runBacktest } from "../../lib/backtest/mod.ts";
import type { LoadedConfig } from "../../lib/config/mod.ts";
import { Trader } from "../../lib/engine/mod.ts";
import { Logger, MemorySink } from "../../lib/log/mod.ts";
import { NdjsonRecorder } from "../../lib/record/mod.ts";
import {
  MemoryStateStore,
  readIniConfig,
  strategyFolders,
  StrategyHost,
  TraderPort,
} from "../../lib/strategy/mod.ts";
import { isFrameSource } from "../../lib/core/mod.ts";
import { createKrakenDecoder } from "../../exchanges/kraken/mod.ts";
import { createExchange, paperOver } from "../../exchanges/mod.ts";
import { FakeKraken } from "../fakes/kraken/server.ts";
import { loadTestConfig } from "../fixtures/venues.ts";
import { TEST_LIMITS } from "../strategy/helpers.ts";

/** Prices in ticks of 0.1 USD, volumes in ticks of 1e-8 BTC. */
const USD = (p: number) => Math.round(p * 10);
const BTC = (q: number) => Math.round(q * 1e8);

/** A book of 1 BTC every dollar: bids 29999..29950, asks 30001..30050 (the balancer's levels fall on them). */
function designedBook(server: FakeKraken): void {
  const levels = (from: number, step: number) =>
    Array.from({ length: 50 }, (_, i) => ({ price: USD(from + step * i), qty: BTC(1) }));
  server.book.reset(levels(29999, -1), levels(30001, 1));
}

const INI = (server: FakeKraken) =>
  `[pytrader]
exchange = kraken
pair = BTC/USD

[kraken]
rest_url = ${server.restUrl}
ws_url = ${server.wsUrl}

[paper]
balances = BTC:1 USD:30000
maker_fee = 0.10
taker_fee = 0.20

[strategy.balancer]
simulate = False
autostart = True
distance = 0.1
distance_sell = 0.1
compensate_fees = False
correction_margin = 0

[strategy.buy]
simulate = False
level = 29985
volume = 0.02
volume_in = base

[strategy.sell]
simulate = False
level = 30015
volume = 0.02
volume_in = base
`;

interface Fill {
  readonly strategy: string;
  readonly side: string;
  readonly price: string;
  readonly volume: string;
  readonly fee: string;
  readonly liquidity: string;
}

const FILLED = /^Order (\S+) filled (\S+) BTC at (\S+) \((maker|taker), fee (\S+) USD\)$/;

/** The live paper run: fills as its order engine logged them, and the recording of its frames. */
async function livePaperRun(server: FakeKraken, config: LoadedConfig, file: string): Promise<Fill[]> {
  const sink = new MemorySink(100_000);
  const logger = new Logger([sink]);
  const exchange = await createExchange("kraken", config.settings, logger.log("kraken"), {
    credentials: null,
    statePrefix: statePrefix(config.path),
    paper: true,
  });
  assert(isFrameSource(exchange), "paper passes the adapter's frames on");
  const recorder = await NdjsonRecorder.create(file, exchange.venue);
  let moves = 0;
  const untap = exchange.onFrame((f) => {
    recorder.write(f);
    if (f.src === "ws" && /"channel":"(book","type":"update|trade)"/.test(f.data)) moves++;
  });
  const settings = config.settings.pytrader;
  const trader = new Trader(exchange, {
    symbol: settings.pair,
    depth: settings.orderbook_depth,
    timeframe: settings.history_timeframe,
    log: logger.log("engine"),
    priceBandPct: Number(settings.price_band_pct),
  });
  let host: StrategyHost | null = null;
  try {
    await trader.start();
    await eventually(
      () => trader.state.bookStatus === "ok" && trader.engine !== null && trader.state.ticker !== null,
      "the book, the ticker and the paper account",
    );
    host = new StrategyHost({
      port: new TraderPort(trader),
      log: logger.log("strategies"),
      strategyLog: logger.log("strategy"),
      config: readIniConfig(config),
      store: new MemoryStateStore(),
      folders: strategyFolders(config.path),
      limits: TEST_LIMITS,
    });
    const h = host;
    assertEquals(h.mode, "paper");
    assertEquals((await h.load("balancer,buy,sell")).loaded, ["balancer", "buy", "sell"]);
    const engine = trader.engine!;
    let sent = 0;
    /** Waits until the frames sent have arrived and every strategy, order and fill has settled. */
    const settle = async () => {
      let streak = 0;
      await eventually(() => {
        const quiet = moves >= sent && h.idle &&
          !engine.orders().some((o) => o.status === "pending" || o.status === "unknown");
        streak = quiet ? streak + 1 : 0;
        return streak >= 3;
      }, "the run to settle");
    };
    const book = async (changes: { side: "bid" | "ask"; price: number; qty: number }[]) => {
      assert(server.setBook(changes), "the move changes the top of the book");
      sent++;
      await settle();
    };
    const trade = async (side: "buy" | "sell", price: number, qty: number) => {
      server.sendTrade(side, USD(price), BTC(qty), 1000 + sent);
      sent++;
      await settle();
    };
    const mine = (name: string, side: "buy" | "sell") =>
      engine.orders().find((o) => o.owner === `strategy:${name}` && o.side === side && o.status === "open");
    await settle();
    // balancer at 50/50: a buy 0.1 % below the centre of 30000, a sell 0.1 % above, on 1 BTC levels
    assertEquals([mine("balancer", "buy")?.price, mine("balancer", "sell")?.price], [USD(29970), USD(30030)]);
    await trade("sell", 29970, 0.6); // 0.6 of the 1.0 ahead of the buy: nothing reaches it
    await book([{ side: "bid", price: USD(29970), qty: BTC(0.3) }]); // less than the 0.4 ahead is left
    await trade("sell", 29970, 0.3002); // 0.3 ahead, 0.0002 reach the buy
    await trade("sell", 29969, 0.05); // through the buy's price: the rest fills, the balancer re-centres
    // asks down to the buy strategy's level: it takes 0.02 at 29985
    const bidsDown = Array.from(
      { length: 15 },
      (_, i) => ({ side: "bid" as const, price: USD(29999 - i), qty: 0 }),
    );
    await book([...bidsDown, { side: "ask", price: USD(29985), qty: BTC(0.5) }]);
    // the book comes to the balancer's sell (corrected to the best ask, 30001): filled as maker
    const asksUp = (from: number, to: number) =>
      Array.from(
        { length: to - from + 1 },
        (_, i) => ({ side: "ask" as const, price: USD(from + i), qty: 0 }),
      );
    await book([
      { side: "ask", price: USD(29985), qty: 0 },
      ...asksUp(30001, 30010),
      { side: "bid", price: USD(30005), qty: BTC(0.5) },
    ]);
    // bids up to the sell strategy's level: it takes 0.02 at 30015
    await book([...asksUp(30011, 30015), { side: "bid", price: USD(30015), qty: BTC(0.5) }]);
    // bought at the balancer's new sell: what the book shows there is ahead of it, 0.0001 more reaches it
    const sell = mine("balancer", "sell")!;
    const ahead = trader.state.book.qtyAtPrice("ask", sell.price!);
    await trade("buy", sell.price! / 10, (ahead + BTC(0.0001)) / 1e8);
  } finally {
    untap();
    await host?.close();
    await trader.stop();
    await recorder.close();
  }
  const engine = trader.engine!;
  return sink.records().filter((r) => r.source === "engine.orders").flatMap((r) => {
    const m = FILLED.exec(r.message);
    if (!m) return [];
    const order = engine.order(m[1]!)!;
    return [{
      strategy: order.owner.replace(/^strategy:/, ""),
      side: order.side,
      price: m[3]!,
      volume: m[2]!,
      fee: m[5]!,
      liquidity: m[4]!,
    }];
  });
}

Deno.test("backtest of a recording from the fake Kraken fills balancer, buy and sell as the live paper run did", async () => {
  const server = FakeKraken.start({ seed: 14 });
  designedBook(server);
  const dir = await Deno.makeTempDir({ prefix: "pytrader-backtest-" });
  try {
    await Deno.writeTextFile(`${dir}/pytrader.ini`, INI(server));
    const config = await loadTestConfig(`${dir}/pytrader.ini`);
    const file = `${dir}/live.ndjson`;
    const live = await livePaperRun(server, config, file);
    // What the scenario must have exercised, in order.
    assertEquals(live.map((f) => `${f.strategy} ${f.side} ${f.liquidity}`), [
      "balancer buy maker", // 0.0002: the trade that reached past the volume ahead
      "balancer buy maker", // the rest: the trade through its price
      "buy buy taker",
      "balancer sell maker", // the bids came to it
      "balancer sell maker", // the re-centred sell, corrected to the best ask, when the bids rose again
      "sell sell taker",
      "balancer sell maker", // 0.0001: the trade past the volume ahead
    ]);
    assertEquals([live[0]!.volume, live[2]!.volume, live[5]!.volume, live[6]!.volume], [
      "0.00020000",
      "0.02000000",
      "0.02000000",
      "0.00010000",
    ]);

    const paper = config.settings.sections.paper as {
      balances: Record<string, string>;
      maker_fee: string;
      taker_fee: string;
    };
    const settings = config.settings.pytrader;
    const logger = new Logger([new MemorySink(100_000)]);
    const report = await runBacktest({
      file,
      decoderFor: (venue) => (venue === "kraken" ? createKrakenDecoder() : undefined),
      paper: paperOver,
      strategies: "balancer,buy,sell",
      balances: paper.balances,
      makerFee: paper.maker_fee,
      takerFee: paper.taker_fee,
      timeframe: settings.history_timeframe,
      depth: settings.orderbook_depth,
      priceBandPct: Number(settings.price_band_pct),
      logger,
      ini: config,
      limits: TEST_LIMITS,
    });
    const backtested: Fill[] = report.fills.map((f) => ({
      strategy: f.strategy,
      side: f.side,
      price: f.price,
      volume: f.volume,
      fee: f.fee,
      liquidity: f.liquidity,
    }));
    assertEquals(backtested, live);
    assertEquals(report.strategies, ["balancer", "buy", "sell"]);
    assertEquals(report.replay.malformed, 0);
    assertEquals(report.replay.resyncs, 0);
  } finally {
    await server.close();
    await Deno.remove(dir, { recursive: true });
  }
});
