/**
 * Unlocks the venue's stored API key at start: from PYTRADER_PASSPHRASE, --passphrase-file or --password
 * without asking, else by asking on the terminal (3 tries, then view-only or quit, as the original).
 */

import type { IniDocument } from "../config/mod.ts";
import type { Logger } from "../log/mod.ts";
import { plural } from "./output.ts";
// Single files, not secrets/mod.ts: the key derivation and the cipher (node:crypto) load only when a key
// is stored, so a venue without one starts without them.
import type { Credentials } from "../secrets/secret.ts";
import { PassphraseRequired, WrongPassphrase } from "../secrets/errors.ts";
import { readStoredSecret, type StoredSecret } from "../secrets/ini_store.ts";
import { findPassphrase, PASSPHRASE_ENV, type PassphraseSources } from "../secrets/passphrase_source.ts";
import type { PromptIo } from "../secrets/prompt_io.ts";
import type { decryptCredentials as decryptCredentialsType } from "../secrets/cipher.ts";

type Decrypt = typeof decryptCredentialsType;

export const PASSPHRASE_PROMPT = "enter passphrase for secret: ";
export const VIEW_ONLY_PROMPT =
  "press Enter to continue in view-only mode (trading disabled) or 'q' to quit: ";
export const MAX_TRIES = 3;
const FORGOTTEN_HINT = (venue: string) =>
  `If the passphrase is lost, run 'pytrader --add-secret --exchange ${venue}' to store the key again.`;

export interface UnlockOptions extends PassphraseSources {
  readonly venue: string;
  readonly config: { readonly path: string; readonly doc: IniDocument };
  /** Decrypted values are registered here, so every log line redacts them. */
  readonly logger: Logger;
  readonly io: PromptIo;
}

/**
 * The venue's credentials, or null for view-only (no key stored, or the user chose it). Throws
 * WrongPassphrase (exit 3) for a wrong passphrase given without asking, or when the user quits;
 * PassphraseRequired (exit 3) when a key is stored but there is no terminal to ask on; CorruptSecret
 * (exit 2) for a damaged value; PromptAborted on Ctrl-C.
 */
export async function unlockSecrets(opts: UnlockOptions): Promise<Credentials | null> {
  const stored = readStoredSecret(opts.config.doc, opts.config.path, opts.venue);
  if (stored === undefined) return null;
  const { checkStoredSecret, decryptCredentials } = await import("../secrets/cipher.ts");
  checkStoredSecret(stored.text, stored.where);
  const found = await findPassphrase(opts);
  if (found !== undefined) {
    for (const w of found.warnings) opts.io.write(w + "\n");
    try {
      return register(opts.logger, await decryptCredentials(stored.text, found.passphrase, stored.where));
    } catch (e) {
      if (e instanceof WrongPassphrase) {
        throw new WrongPassphrase(opts.venue, `The passphrase came from ${found.source}.`);
      }
      throw e;
    }
  }
  if (!opts.io.isTerminal) {
    throw new PassphraseRequired(
      opts.venue,
      "no passphrase given and stdin is not a terminal",
      `Set ${PASSPHRASE_ENV}, pass --passphrase-file FILE, or remove [${opts.venue}] secret to run view-only.`,
    );
  }
  return await ask(opts, stored, decryptCredentials);
}

async function ask(
  opts: UnlockOptions,
  stored: StoredSecret,
  decryptCredentials: Decrypt,
): Promise<Credentials | null> {
  for (let tries = 1; tries <= MAX_TRIES; tries++) {
    const passphrase = await opts.io.readHidden(PASSPHRASE_PROMPT);
    // Enter on an empty line (or end of input) goes straight to the view-only offer.
    if (passphrase === undefined || passphrase === "") break;
    try {
      return register(opts.logger, await decryptCredentials(stored.text, passphrase, stored.where));
    } catch (e) {
      if (!(e instanceof WrongPassphrase)) throw e;
      const left = MAX_TRIES - tries;
      opts.io.write(
        left > 0 ? `wrong passphrase, ${plural(left, "try", "tries")} left\n` : `${e.message}\n`,
      );
    }
  }
  const choice = await opts.io.readLine(VIEW_ONLY_PROMPT);
  if (choice === undefined || choice.trim().toLowerCase() === "q") {
    throw new WrongPassphrase(opts.venue, FORGOTTEN_HINT(opts.venue));
  }
  opts.io.write("starting in view-only mode: trading disabled\n");
  return null;
}

function register(logger: Logger, credentials: Credentials): Credentials {
  for (const s of [credentials.key, credentials.secret]) {
    // The logger refuses values under 4 characters; --add-secret never stores one.
    if (s.reveal().length >= 4) logger.addSecret(s.reveal());
  }
  return credentials;
}
