import { assertEquals } from "../../assert.ts";
import { addSecret } from "../../../lib/cli/commands/add_secret.ts";
import type { VenueDescriptor } from "../../../lib/core/mod.ts";
import { FAST, ScriptedIo } from "../../secrets/scripted_io.ts";

export const PASSPHRASE = "correct horse battery staple";

/**
 * The key pair stored in `ini` by `--add-secret` (fed the key, the secret and PASSPHRASE as from a pipe; cheap
 * scrypt parameters: the value carries them) and the passphrase in a file beside it (0600), as a user who
 * unlocks with `--passphrase-file` has it. Resolves with that file and the lines the command left unread.
 */
export async function storeKey(
  dir: string,
  ini: string,
  venue: VenueDescriptor,
  key: { readonly key: string; readonly secret: string },
): Promise<{ passphraseFile: string; unanswered: number }> {
  const script = new ScriptedIo(false, [key.key, key.secret, PASSPHRASE]);
  assertEquals(await addSecret(script, { path: ini }, venue, FAST), 0, script.stderr);
  const passphraseFile = `${dir}/passphrase.txt`;
  await Deno.writeTextFile(passphraseFile, PASSPHRASE + "\n", { mode: 0o600 });
  return { passphraseFile, unanswered: script.unanswered };
}
