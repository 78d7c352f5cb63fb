/**
 * PyTrader on the fake Bitstamp, assembled from the real parts the app uses: `--add-secret` (fed three
 * lines as from a pipe), the unlock at start with a passphrase file, the adapter as exchanges/mod.ts builds
 * it from `[bitstamp]`, and a Trader with the options of lib/app (journal beside the ini).
 */
import { assertEquals } from "../../assert.ts";
import { addSecret } from "../../../lib/cli/commands/add_secret.ts";
import { statePrefix } from "../../../lib/cli/context.ts";
import { unlockSecrets } from "../../../lib/cli/unlock.ts";
import type { LoadedConfig } from "../../../lib/config/mod.ts";
import { journalPathFor, Trader } from "../../../lib/engine/mod.ts";
import { Logger, type LogRecord, MemorySink } from "../../../lib/log/mod.ts";
import { createExchange } from "../../../exchanges/mod.ts";
import { bitstampVenue } from "../../../exchanges/bitstamp/venue.ts";
import { loadTestConfig } from "../../fixtures/venues.ts";
import { FAKE_KEY, FakeBitstamp } from "../../fakes/bitstamp/server.ts";
import { FAST, ScriptedIo } from "../../secrets/scripted_io.ts";

export const PASSPHRASE = "correct horse battery staple";
const NO_ENV = { get: (_: string) => undefined, delete: (_: string) => {} };

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
  const sink = new MemorySink(100_000);
  const records: LogRecord[] = [];
  sink.onLine((r) => records.push(r));
  const logger = new Logger([sink]);
  const script = new ScriptedIo(false, [FAKE_KEY.key, FAKE_KEY.secret, PASSPHRASE]);
  assertEquals(await addSecret(script, { path: ini }, bitstampVenue, FAST), 0, script.stderr);
  const passphraseFile = `${dir}/passphrase.txt`;
  await Deno.writeTextFile(passphraseFile, PASSPHRASE + "\n", { mode: 0o600 });
  const config = await loadTestConfig(ini);
  const credentials = await unlockSecrets({
    venue: "bitstamp",
    config,
    logger,
    io: new ScriptedIo(false, []),
    passphraseFile,
    env: NO_ENV,
  });
  if (credentials === null) throw new Error("no credentials unlocked");
  return {
    server,
    dir,
    ini,
    sink,
    logger,
    records,
    config,
    async trader() {
      const exchange = await createExchange("bitstamp", config.settings, logger.log("bitstamp"), {
        credentials,
        statePrefix: statePrefix(ini),
        paper: false,
      });
      const s = config.settings.pytrader;
      return new Trader(exchange, {
        symbol: s.pair,
        depth: s.orderbook_depth,
        timeframe: s.history_timeframe,
        log: logger.log("engine"),
        journalPath: journalPathFor(ini),
        priceBandPct: Number(s.price_band_pct),
      });
    },
    async close() {
      await server.close();
      await Deno.remove(dir, { recursive: true });
    },
  };
}
