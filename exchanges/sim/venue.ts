import { defineVenue } from "../../lib/core/mod.ts";

/** The built-in simulated market: needs no network and no key. */
export const simVenue = defineVenue({
  name: "sim",
  title: "Simulated market",
  summary:
    "built in: a simulated BTC/USD, ETH/USD and ETH/BTC market with a matching engine, deterministic " +
    "for `[sim] seed`, `[sim] updates_per_second` book updates a second; its orders live as long as the process; " +
    "`record` writes its market events as frames that `replay` and `backtest` read",
  keys: false,
  settings: {
    seed: {
      type: "whole",
      min: 0,
      max: 4294967295,
      default: "1",
      doc: "the simulated market's random seed: the same seed gives the same market",
    },
    updates_per_second: {
      type: "whole",
      min: 1,
      max: 5000,
      default: "20",
      doc: "book update messages a second (1 to 5000)",
    },
  },
  async create({ settings }) {
    const { createSim } = await import("./mod.ts");
    return createSim({ seed: settings.seed, updatesPerSecond: settings.updates_per_second });
  },
  async decoder() {
    const { SimDecoder } = await import("./frames.ts");
    return new SimDecoder();
  },
});
