/**
 * Why a stored key could not be unlocked. Messages read `Cannot unlock the kraken key: wrong passphrase`;
 * `hint` is the next step to print under it.
 */

import { AuthenticationError, ConfigError } from "../core/errors.ts";

/** The passphrase does not open the stored key (exit 3). */
export class WrongPassphrase extends AuthenticationError {
  override name = "WrongPassphrase";
  constructor(readonly venue: string, readonly hint?: string) {
    super(`Cannot unlock the ${venue} key: wrong passphrase`);
  }
}

/** A key is stored but there is no way to ask for its passphrase (exit 3). */
export class PassphraseRequired extends AuthenticationError {
  override name = "PassphraseRequired";
  constructor(readonly venue: string, detail: string, readonly hint?: string) {
    super(`Cannot unlock the ${venue} key: ${detail}`);
  }
}

/** The stored value is damaged or in a format this version cannot read (exit 2, like a broken ini). */
export class CorruptSecret extends ConfigError {
  override name = "CorruptSecret";
  constructor(
    readonly venue: string,
    detail: string,
    file: string,
    line?: number,
    readonly hint = `Run 'pytrader --add-secret --exchange ${venue}' to store the key again.`,
  ) {
    super(`Cannot unlock the ${venue} key: ${detail}`, file, line);
  }
}

/** The user pressed Ctrl-C (or closed the input) at a prompt. */
export class PromptAborted extends Error {
  override name = "PromptAborted";
  constructor(what: string) {
    super(`Cannot read the ${what}: interrupted`);
  }
}
