/**
 * PyTrader on the fake Poloniex, assembled from the parts the app uses: the key stored as `--add-secret`
 * stores it, unlocked at start from a passphrase file (lib/cli unlockSecrets), the adapter as exchanges/mod.ts
 * builds it from `[poloniex]`, and a Trader with the options lib/app gives it (journal beside the ini).
 */
import { statePrefix } from "../../../lib/cli/context.ts";
import { unlockSecrets } from "../../../lib/cli/unlock.ts";
import type { LoadedConfig } from "../../../lib/config/mod.ts";
import { createExchange } from "../../../exchanges/mod.ts";
import { journalPathFor, Trader } from "../../../lib/engine/mod.ts";
import { Logger, type LogRecord, MemorySink } from "../../../lib/log/mod.ts";
import type { Credentials } from "../../../lib/secrets/mod.ts";
import { loadTestConfig } from "../../fixtures/venues.ts";
import { ScriptedIo } from "../../secrets/scripted_io.ts";
import type { FakePoloniex } from "../../fakes/poloniex/server.ts";
import { type PoloniexHome, poloniexHome } from "./cli_home.ts";

const NO_ENV = { get: (_: string) => undefined, delete: (_: string) => {} };

export interface AppHome {
  readonly server: FakePoloniex;
  readonly k: PoloniexHome;
  readonly config: LoadedConfig;
  readonly credentials: Credentials;
  readonly sink: MemorySink;
  readonly logger: Logger;
  readonly records: LogRecord[];
  /** A Trader on a fresh adapter, not started. */
  trader(): Promise<Trader>;
  close(): Promise<void>;
}

export async function appHome(extraIni = ""): Promise<AppHome> {
  const k = await poloniexHome({ extraIni });
  const sink = new MemorySink(100_000);
  const records: LogRecord[] = [];
  sink.onLine((r) => records.push(r));
  const logger = new Logger([sink]);
  const config = await loadTestConfig(k.home.ini);
  const credentials = await unlockSecrets({
    venue: "poloniex",
    config,
    logger,
    io: new ScriptedIo(false, []),
    passphraseFile: k.file,
    env: NO_ENV,
  });
  if (!credentials) throw new Error("no credentials unlocked");
  const home: AppHome = {
    server: k.server,
    k,
    config,
    credentials,
    sink,
    logger,
    records,
    async trader() {
      const exchange = await createExchange("poloniex", config.settings, logger.log("poloniex"), {
        credentials,
        statePrefix: statePrefix(k.home.ini),
        paper: false,
      });
      const s = config.settings.pytrader;
      return new Trader(exchange, {
        symbol: s.pair,
        depth: s.orderbook_depth,
        timeframe: s.history_timeframe,
        log: logger.log("engine"),
        journalPath: journalPathFor(k.home.ini),
        priceBandPct: Number(s.price_band_pct),
      });
    },
    async close() {
      await k[Symbol.asyncDispose]();
    },
  };
  return home;
}
