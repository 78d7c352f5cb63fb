/**
 * PyTrader on the fake Kraken server, assembled from the real parts the app uses: `--add-secret` (lib/cli
 * addSecret, fed three lines as from a pipe), the unlock at start (lib/cli unlockSecrets with a passphrase
 * file), the adapter as exchanges/mod.ts builds it, and a Trader with the options of lib/app/build_trader.ts
 * (journal beside the ini).
 */

import { assertEquals } from "../assert.ts";
import { addSecret } from "../../lib/cli/commands/add_secret.ts";
import { statePrefix } from "../../lib/cli/context.ts";
import { unlockSecrets } from "../../lib/cli/unlock.ts";
import type { LoadedConfig } from "../../lib/config/mod.ts";
import { loadTestConfig } from "../fixtures/venues.ts";
import type { Exchange } from "../../lib/core/mod.ts";
import { journalPathFor, Trader } from "../../lib/engine/mod.ts";
import { runUi, type UiApp } from "../../lib/ui/mod.ts";
import { Headless } from "../ui/headless.ts";
import { Logger, type LogRecord, MemorySink } from "../../lib/log/mod.ts";
import type { Credentials } from "../../lib/secrets/mod.ts";
import { createExchange } from "../../exchanges/mod.ts";
import { krakenVenue } from "../../exchanges/kraken/venue.ts";
import type { PrivateCall } from "../fakes/kraken/private_rest.ts";
import { FAKE_KEY, FakeKraken } from "../fakes/kraken/server.ts";
import { FAST, ScriptedIo } from "../secrets/scripted_io.ts";

export const PASSPHRASE = "correct horse battery staple";

/** No PYTRADER_PASSPHRASE: the passphrase comes from the file, whatever the test's environment holds. */
const NO_ENV = { get: (_: string) => undefined, delete: (_: string) => {} };

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
  const sink = new MemorySink(100_000);
  const records: LogRecord[] = [];
  sink.onLine((r) => records.push(r));
  const logger = new Logger([sink]);

  const script = new ScriptedIo(false, [FAKE_KEY.key, FAKE_KEY.secret, PASSPHRASE]);
  assertEquals(await addSecret(script, { path: ini }, krakenVenue, FAST), 0, script.stderr);
  assertEquals(script.unanswered, 0, "--add-secret read the three lines");
  const text = await Deno.readTextFile(ini);
  if (text.includes(FAKE_KEY.key) || text.includes(FAKE_KEY.secret)) throw new Error("the key is in clear");

  const passphraseFile = `${dir}/passphrase.txt`;
  await Deno.writeTextFile(passphraseFile, PASSPHRASE + "\n", { mode: 0o600 });
  const config = await loadTestConfig(ini);
  const credentials = await unlockSecrets({
    venue: "kraken",
    config,
    logger,
    io: new ScriptedIo(false, []),
    passphraseFile,
    env: NO_ENV,
  });
  if (credentials === null) throw new Error("no credentials unlocked");
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
    async trader() {
      const exchange: Exchange = await createExchange("kraken", home.config.settings, logger.log("kraken"), {
        credentials: home.credentials,
        statePrefix: statePrefix(ini),
        paper: false,
      });
      const settings = home.config.settings.pytrader;
      return new Trader(exchange, {
        symbol: settings.pair,
        depth: settings.orderbook_depth,
        timeframe: settings.history_timeframe,
        log: logger.log("engine"),
        journalPath: journalPathFor(ini),
        priceBandPct: Number(settings.price_band_pct),
      });
    },
    async close() {
      await server.close();
      await Deno.remove(dir, { recursive: true });
    },
  };
  return home;
}

/**
 * Private requests of `method` as the fake received them (recorded on arrival: wait for their effect on
 * the fake's account before reading the outcome).
 */
export function privateCalls(server: FakeKraken, method: string): PrivateCall[] {
  return server.privateRest.calls.filter((c) => c.method === method);
}

/** Every private call the fake refused (bad key, signature or nonce): a test expects none. */
export function refusedCalls(server: FakeKraken): string[] {
  return server.privateRest.calls.filter((c) => c.outcome.startsWith("EAPI:")).map((c) =>
    `${c.method}: ${c.outcome}`
  );
}

export interface Screen {
  readonly t: Headless;
  readonly app: UiApp;
  /** Quits with q and waits for runUi to return. */
  quit(): Promise<void>;
}

/** runUi as lib/app/start_app.ts runs it (the trader started once the first frame shows), on a headless xterm. */
export function openUi(home: Home, trader: Trader, cols = 120, rows = 40): Screen {
  const t = new Headless(cols, rows);
  let app: UiApp | undefined;
  const done = runUi({
    trader,
    config: home.config,
    logs: home.sink,
    log: home.logger.log("ui"),
    input: t.input,
    output: t.output,
    color: true,
    unicode: true,
    onApp: (a) => app = a,
    start: () => trader.start(),
  });
  return {
    t,
    get app() {
      return app!;
    },
    async quit() {
      if (!app!.state.quitting) t.press("q");
      await done;
      t.dispose();
    },
  };
}
