/**
 * PyTrader on the fake Bitstamp, assembled from the real parts the app uses: `--add-secret` (fed three
 * lines as from a pipe), the unlock at start with a passphrase file, the adapter as exchanges/mod.ts builds
 * it from `[bitstamp]`, and a Trader with the options of lib/app (journal beside the ini).
 */
import type { LoadedConfig } from "../../../lib/config/mod.ts";
import type { Trader } from "../../../lib/engine/mod.ts";
import type { Logger, LogRecord, MemorySink } from "../../../lib/log/mod.ts";
import { bitstampVenue } from "../../../exchanges/bitstamp/venue.ts";
import { loadTestConfig } from "../../fixtures/venues.ts";
import { FAKE_KEY, FakeBitstamp } from "../../fakes/bitstamp/server.ts";
import { appLogs } from "../app/app_logs.ts";
import { appTrader } from "../app/app_trader.ts";
import { storeKey } from "../app/store_key.ts";
import { unlockWithFile } from "../app/unlock_with_file.ts";

export { PASSPHRASE } from "../app/store_key.ts";

export interface AppHome {
  readonly server: FakeBitstamp;
  readonly dir: string;
  readonly ini: string;
  readonly sink: MemorySink;
  readonly logger: Logger;
  readonly records: LogRecord[];
  readonly config: LoadedConfig;
  /** A Trader on a fresh adapter (as a new process would build it), not started. */
  trader(): Promise<Trader>;
  close(): Promise<void>;
}

export async function bitstampApp(extraIni = ""): Promise<AppHome> {
  const server = FakeBitstamp.start({ seed: 83 });
  const dir = await Deno.makeTempDir({ prefix: "pytrader-bitstamp-app-" });
  const ini = `${dir}/pytrader.ini`;
  await Deno.writeTextFile(
    ini,
    `[pytrader]\nexchange = bitstamp\npair = BTC/USD\norderbook_depth = 20\n\n[bitstamp]\nrest_url = ${server.restUrl}\n` +
      `ws_url = ${server.wsUrl}\n${extraIni}`,
  );
  const { sink, logger, records } = appLogs();
  const { passphraseFile } = await storeKey(dir, ini, bitstampVenue, FAKE_KEY);
  const config = await loadTestConfig(ini);
  const credentials = await unlockWithFile("bitstamp", config, logger, passphraseFile);
  return {
    server,
    dir,
    ini,
    sink,
    logger,
    records,
    config,
    trader: () => appTrader("bitstamp", ini, config, logger, credentials),
    async close() {
      await server.close();
      await Deno.remove(dir, { recursive: true });
    },
  };
}
