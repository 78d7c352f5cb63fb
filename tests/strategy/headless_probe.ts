/**
 * `pytrader run --strategy=LIST` on the sim with the ini at INI, for headless_test.ts: the command's own path
 * (headlessCommand), run until SIGINT/SIGTERM. Usage: headless_probe.ts INI LIST
 */
import type { CommandContext } from "../../lib/cli/mod.ts";
import { loadTestConfig } from "../fixtures/venues.ts";
import { Logger } from "../../lib/log/mod.ts";
import { headlessCommand } from "../../lib/app/run_headless.ts";
import { createSim } from "../../exchanges/sim/mod.ts";

const [ini, strategy] = Deno.args as [string, string];
const logger = new Logger();
const exchange = createSim({ symbol: "BTC/USD", updatesPerSecond: 20 });
const ctx = {
  config: await loadTestConfig(ini),
  exchangeName: "sim",
  pair: "BTC/USD",
  paper: false,
  logger,
  log: logger.log("cli"),
  exchange: () => exchange,
} as unknown as CommandContext;
Deno.exit(await headlessCommand(ctx, { strategy }));
