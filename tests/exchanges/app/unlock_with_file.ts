import { unlockSecrets } from "../../../lib/cli/unlock.ts";
import type { LoadedConfig } from "../../../lib/config/mod.ts";
import type { Logger } from "../../../lib/log/mod.ts";
import type { Credentials } from "../../../lib/secrets/mod.ts";
import { ScriptedIo } from "../../secrets/scripted_io.ts";

/** No PYTRADER_PASSPHRASE: the passphrase comes from the file, whatever the test's environment holds. */
const NO_ENV = { get: (_: string) => undefined, delete: (_: string) => {} };

/** The stored key unlocked as the app does at start (lib/cli unlockSecrets) with a passphrase file. */
export async function unlockWithFile(
  venue: string,
  config: LoadedConfig,
  logger: Logger,
  passphraseFile: string,
): Promise<Credentials> {
  const credentials = await unlockSecrets({
    venue,
    config,
    logger,
    io: new ScriptedIo(false, []),
    passphraseFile,
    env: NO_ENV,
  });
  if (credentials === null) throw new Error("no credentials unlocked");
  return credentials;
}
