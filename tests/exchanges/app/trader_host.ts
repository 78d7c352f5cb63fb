import type { LoadedConfig } from "../../../lib/config/mod.ts";
import type { Trader } from "../../../lib/engine/mod.ts";
import { iniConfig, StrategyHost, TraderPort } from "../../../lib/strategy/mod.ts";
import { memoryLogs, TEST_LIMITS } from "../../strategy/helpers.ts";

/** The strategy host as the app runs it on a Trader, settings from the ini, its logs in memory. */
export function traderHost(trader: Trader, config: LoadedConfig): {
  readonly host: StrategyHost;
  readonly logs: ReturnType<typeof memoryLogs>;
} {
  const logs = memoryLogs();
  const host = new StrategyHost({
    port: new TraderPort(trader),
    log: logs.logger.log("strategies"),
    strategyLog: logs.logger.log("strategy"),
    config: iniConfig(config),
    limits: TEST_LIMITS,
  });
  return { host, logs };
}
