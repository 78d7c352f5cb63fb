/**
 * onTick fires on every change of the best bid or ask, not only when the venue sends a ticker: the real
 * Trader and TraderPort over the sim (stepped by hand), whose book changes here never come with a ticker.
 */
import { assertEquals } from "../assert.ts";
import { eventually } from "../eventually.ts";
import { Trader } from "../../lib/engine/mod.ts";
import { StrategyHost } from "../../lib/strategy/host.ts";
import { TraderPort } from "../../lib/strategy/trader_port.ts";
import { createSim } from "../../exchanges/sim/mod.ts";
import { memoryLogs, strategyDir, TEST_LIMITS } from "./helpers.ts";

const PAIR = "BTC/USD";
const BTC = 100_000_000;

const WATCH = `// @ts-nocheck
export default class Watch {
  constructor(api) { this.api = api; this.best = ""; }
  onBookChanged(b) {
    const best = b.bid + "/" + b.ask;
    if (best !== this.best) { this.best = best; this.api.log("best " + best); }
  }
  onTick(t) { this.api.log("tick " + t.bid + "/" + t.ask + " last " + t.last); }
}
`;

Deno.test("onTick sees every best bid/ask change, with the book's prices", async () => {
  const sim = createSim({ auto: false, symbol: PAIR, balances: { USD: "60000", BTC: "1" } });
  const trader = new Trader(sim, { symbol: PAIR, depth: 100, timeframe: 1 });
  await trader.start();
  const book = (bid: number, ask: number) =>
    sim.setBook(PAIR, [{ price: bid * 10, qty: BTC }, { price: bid * 10 - 50, qty: BTC }], [
      { price: ask * 10, qty: BTC },
      { price: ask * 10 + 50, qty: BTC },
    ]);
  book(59990, 60010);
  await eventually(() => trader.state.book.bestAsk() === 600100, "the first book");
  const files = await strategyDir({ "watch.ts": WATCH });
  const logs = memoryLogs();
  const host = new StrategyHost({
    port: new TraderPort(trader),
    log: logs.logger.log("strategies"),
    strategyLog: logs.logger.log("strategy"),
    cwd: files.dir,
    limits: TEST_LIMITS,
  });
  try {
    assertEquals((await host.load("watch")).loaded, ["watch"]);
    const steps: [number, number][] = [[59995, 60010], [59995, 60005], [59980, 60000], [59970, 59990]];
    for (const [bid, ask] of steps) {
      book(bid, ask);
      await eventually(
        () => logs.lines().some((l) => l.includes(`best ${bid}/${ask}`)),
        `best ${bid}/${ask}`,
      );
    }
    const ticks = () => logs.lines().filter((l) => / tick /.test(l) || l.startsWith("tick "));
    await eventually(
      () => steps.every(([b, a]) => ticks().some((l) => l.includes(`tick ${b}/${a} `))),
      "a tick for every best change",
    );
    const seen = ticks().map((l) => /tick (\S+)/.exec(l)![1]);
    assertEquals(seen.slice(-steps.length), steps.map(([b, a]) => `${b}/${a}`));
  } finally {
    await host.close();
    await trader.stop();
    await files.remove();
  }
});
