import { type Exchange, UsageError } from "../lib/core/mod.ts";
import type { Settings } from "../lib/config/mod.ts";
import type { Log } from "../lib/log/mod.ts";
import { createSim } from "./sim/mod.ts";

/** Venues this build can talk to. */
export const EXCHANGE_NAMES: readonly string[] = ["sim"];

/** Builds the adapter for `name` from its ini section. */
export function createExchange(name: string, settings: Settings, _log: Log): Exchange {
  switch (name) {
    case "sim":
      return createSim({ seed: settings.sim.seed, updatesPerSecond: settings.sim.updates_per_second });
    default:
      throw new UsageError(
        `Cannot use exchange "${name}": this version supports ${EXCHANGE_NAMES.join(", ")}`,
      );
  }
}
