/**
 * PyTrader on the fake Poloniex, assembled from the parts the app uses: the key stored as `--add-secret`
 * stores it, unlocked at start from a passphrase file (lib/cli unlockSecrets), the adapter as exchanges/mod.ts
 * builds it from `[poloniex]`, and a Trader with the options lib/app gives it (journal beside the ini).
 */
import type { LoadedConfig } from "../../../lib/config/mod.ts";
import type { Trader } from "../../../lib/engine/mod.ts";
import type { Logger, LogRecord, MemorySink } from "../../../lib/log/mod.ts";
import type { Credentials } from "../../../lib/secrets/mod.ts";
import { loadTestConfig } from "../../fixtures/venues.ts";
import type { FakePoloniex } from "../../fakes/poloniex/server.ts";
import { appLogs } from "../app/app_logs.ts";
import { appTrader } from "../app/app_trader.ts";
import { unlockWithFile } from "../app/unlock_with_file.ts";
import { type PoloniexHome, poloniexHome } from "./cli_home.ts";

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
  const { sink, logger, records } = appLogs();
  const config = await loadTestConfig(k.home.ini);
  const credentials = await unlockWithFile("poloniex", config, logger, k.file);
  return {
    server: k.server,
    k,
    config,
    credentials,
    sink,
    logger,
    records,
    trader: () => appTrader("poloniex", k.home.ini, config, logger, credentials),
    async close() {
      await k[Symbol.asyncDispose]();
    },
  };
}
