/**
 * PyTrader on the fake Kraken server, assembled from the real parts the app uses: `--add-secret` (lib/cli
 * addSecret, fed three lines as from a pipe), the unlock at start (lib/cli unlockSecrets with a passphrase
 * file), the adapter as exchanges/mod.ts builds it, and a Trader with the options of lib/app/build_trader.ts
 * (journal beside the ini).
 */

import { assertEquals } from "../assert.ts";
import type { LoadedConfig } from "../../lib/config/mod.ts";
import { loadTestConfig } from "../fixtures/venues.ts";
import type { Trader } from "../../lib/engine/mod.ts";
import type { Logger, LogRecord, MemorySink } from "../../lib/log/mod.ts";
import type { Credentials } from "../../lib/secrets/mod.ts";
import { krakenVenue } from "../../exchanges/kraken/venue.ts";
import { FAKE_KEY, FakeKraken } from "../fakes/kraken/server.ts";
import { appLogs } from "../exchanges/app/app_logs.ts";
import { appTrader } from "../exchanges/app/app_trader.ts";
import { storeKey } from "../exchanges/app/store_key.ts";
import { unlockWithFile } from "../exchanges/app/unlock_with_file.ts";

export { PASSPHRASE } from "../exchanges/app/store_key.ts";
export { openUi, type Screen } from "../exchanges/app/screen.ts";

export interface Home {
  readonly server: FakeKraken;
  readonly dir: string;
  readonly ini: string;
  /** Every log record of every part (the logger redacts the unlocked key and secret). */
  readonly sink: MemorySink;
  readonly logger: Logger;
  readonly records: LogRecord[];
  config: LoadedConfig;
  credentials: Credentials | null;
  /** A Trader on a fresh adapter (as a new process would build it), not started. */
  trader(): Promise<Trader>;
  close(): Promise<void>;
}

/** The ini pointing [kraken] at the fake, kraken BTC/USD, plus `extra` lines. */
function iniText(server: FakeKraken, extra: string): string {
  return `[pytrader]\nexchange = kraken\npair = BTC/USD\n\n[kraken]\nrest_url = ${server.restUrl}\n` +
    `ws_url = ${server.wsUrl}\nws_auth_url = ${server.wsAuthUrl}\n${extra}`;
}

/**
 * A fake Kraken, a temp ini pointed at it with the fake's key stored by `--add-secret` (cheap scrypt
 * parameters: the value carries them), unlocked with a passphrase file.
 */
export async function krakenHome(extraIni = ""): Promise<Home> {
  const server = FakeKraken.start();
  const dir = await Deno.makeTempDir({ prefix: "pytrader-integration-" });
  const ini = `${dir}/pytrader.ini`;
  await Deno.writeTextFile(ini, iniText(server, extraIni));
  const { sink, logger, records } = appLogs();

  const { passphraseFile, unanswered } = await storeKey(dir, ini, krakenVenue, FAKE_KEY);
  assertEquals(unanswered, 0, "--add-secret read the three lines");
  const text = await Deno.readTextFile(ini);
  if (text.includes(FAKE_KEY.key) || text.includes(FAKE_KEY.secret)) throw new Error("the key is in clear");

  const config = await loadTestConfig(ini);
  const credentials = await unlockWithFile("kraken", config, logger, passphraseFile);
  assertEquals(credentials.key.reveal(), FAKE_KEY.key);

  const home: Home = {
    server,
    dir,
    ini,
    sink,
    logger,
    records,
    config,
    credentials,
    trader: () => appTrader("kraken", ini, home.config, logger, home.credentials),
    async close() {
      await server.close();
      await Deno.remove(dir, { recursive: true });
    },
  };
  return home;
}

/** Every private call the fake refused (bad key, signature or nonce): a test expects none. */
export function refusedCalls(server: FakeKraken): string[] {
  return server.privateRest.calls.filter((c) => c.outcome.startsWith("EAPI:")).map((c) =>
    `${c.method}: ${c.outcome}`
  );
}
