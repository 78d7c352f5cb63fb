/**
 * main.ts as it is to be once exchanges/mod.ts hands Kraken the unlocked key and the nonce file beside the
 * ini (it does not yet: `createKraken({ ...settings.kraken, log })`); the subprocess tests run this.
 */
import { createExchange, EXCHANGE_NAMES } from "../../exchanges/mod.ts";
import { createKraken } from "../../exchanges/kraken/mod.ts";
import { EXIT, runCli } from "../../lib/cli/mod.ts";
import { terminalIo } from "../../lib/secrets/mod.ts";

if (import.meta.main) {
  const code = await runCli(Deno.args, {
    createExchange: (name, settings, log, access) => {
      const c = access.credentials;
      if (name !== "kraken" || access.paper) return createExchange(name, settings, log, access);
      return createKraken({
        ...settings.kraken,
        log,
        credentials: c ? { key: () => c.key.reveal(), secret: () => c.secret.reveal() } : undefined,
        nonceFile: `${access.statePrefix}.kraken-nonce`,
      });
    },
    exchangeNames: EXCHANGE_NAMES,
    promptIo: () => terminalIo(),
  }, () => Promise.resolve(EXIT.usage));
  Deno.exit(code);
}
