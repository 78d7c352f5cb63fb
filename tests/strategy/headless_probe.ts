/** `pytrader run` on the sim, for headless_test.ts: runs until SIGINT/SIGTERM and exits with runHeadless's code. */
import { Trader } from "../../lib/engine/mod.ts";
import { Logger } from "../../lib/log/mod.ts";
import { runHeadless } from "../../lib/app/run_headless.ts";
import { MemoryStateStore } from "../../lib/strategy/mod.ts";
import { createSim } from "../../exchanges/sim/mod.ts";

const trader = new Trader(createSim({ symbol: "BTC/USD", updatesPerSecond: 20 }), {
  symbol: "BTC/USD",
  depth: 50,
  timeframe: 1,
});
Deno.exit(
  await runHeadless({
    trader,
    strategies: Deno.args[0] ?? "balancer",
    log: new Logger(),
    store: new MemoryStateStore(),
  }),
);
