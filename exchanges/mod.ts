import { type Exchange, UsageError, type VenueAccess } from "../lib/core/mod.ts";
import type { Settings } from "../lib/config/mod.ts";
import type { Log } from "../lib/log/mod.ts";
import { createSim } from "./sim/mod.ts";
import { createPaper } from "./paper/mod.ts";
import { createKraken, createKrakenDecoder, type KrakenDecoder } from "./kraken/mod.ts";

/** Venues this build can talk to. */
export const EXCHANGE_NAMES: readonly string[] = ["sim", "kraken"];

/** Builds the adapter for `name` from its ini section; with `access.paper`, wrapped for paper trading. */
export function createExchange(name: string, settings: Settings, log: Log, access: VenueAccess): Exchange {
  const live = createLive(name, settings, log, access);
  if (!access.paper) return live;
  return createPaper(live, {
    balances: settings.paper.balances,
    makerFee: settings.paper.maker_fee,
    takerFee: settings.paper.taker_fee,
  });
}

function createLive(name: string, settings: Settings, log: Log, access: VenueAccess): Exchange {
  switch (name) {
    case "kraken": {
      const c = access.credentials;
      return createKraken({
        ...settings.kraken,
        log,
        // Functions, so the adapter object holds no plain key; values are revealed only when signing.
        credentials: c ? { key: () => c.key.reveal(), secret: () => c.secret.reveal() } : undefined,
        nonceFile: `${access.statePrefix}.kraken-nonce`,
      });
    }
    case "sim":
      return createSim({ seed: settings.sim.seed, updatesPerSecond: settings.sim.updates_per_second });
    default:
      throw new UsageError(
        `Cannot use exchange "${name}": this version supports ${EXCHANGE_NAMES.join(", ")}`,
      );
  }
}

/** The parse path of a venue for `pytrader replay`, with no network; undefined for venues without one. */
export function createReplayDecoder(venue: string): KrakenDecoder | undefined {
  return venue === "kraken" ? createKrakenDecoder() : undefined;
}
