/** A config home pointed at a fake Poloniex, with the fake's key stored as `pytrader --add-secret` stores it. */
import type { CliDeps } from "../../../lib/cli/mod.ts";
import { Home, noTerminal } from "../../cli/account_helpers.ts";
import { VENUE_DEPS } from "../../fixtures/venues.ts";
import type { FakeKey } from "../../fakes/poloniex/private_rest.ts";
import { FAKE_KEY, type FakeOptions, FakePoloniex } from "../../fakes/poloniex/server.ts";

/** The real program's wiring (exchanges/mod.ts builds the adapter from `[poloniex]`), prompts without a terminal. */
export const poloniexDeps: CliDeps = { ...VENUE_DEPS, promptIo: () => noTerminal() };

/** The ini pointing `[poloniex]` at the fake, poloniex BTC/USDT as the market, plus `extra` lines. */
export function poloniexIni(server: FakePoloniex, extra = ""): string {
  return `[pytrader]\nexchange = poloniex\npair = BTC/USDT\n\n[poloniex]\nrest_url = ${server.restUrl}\n` +
    `ws_url = ${server.wsUrl}\nws_auth_url = ${server.wsAuthUrl}\n${extra}`;
}

export interface PoloniexHome extends AsyncDisposable {
  readonly server: FakePoloniex;
  readonly home: Home;
  /** A passphrase file for `--passphrase-file`. */
  readonly file: string;
}

/** A fake Poloniex and a home with a key for it (the fake's own unless `key`), cheap key derivation by default. */
export async function poloniexHome(
  opts: { key?: FakeKey | null; cheap?: boolean; extraIni?: string; fake?: FakeOptions } = {},
): Promise<PoloniexHome> {
  const server = FakePoloniex.start(opts.fake);
  const home = await Home.create(poloniexDeps, poloniexIni(server, opts.extraIni));
  const key = opts.key === undefined ? FAKE_KEY : opts.key;
  if (key) await home.addSecret("poloniex", key.key, key.secret, { cheap: opts.cheap ?? true });
  const file = await home.passphraseFile();
  return {
    server,
    home,
    file,
    async [Symbol.asyncDispose]() {
      await server.close();
      await home[Symbol.asyncDispose]();
    },
  };
}
