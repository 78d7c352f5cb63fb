/** Passphrases for unattended starts: PYTRADER_PASSPHRASE, then --passphrase-file, then --password. */

import { UsageError } from "../core/errors.ts";

export const PASSPHRASE_ENV = "PYTRADER_PASSPHRASE";

export interface PassphraseSources {
  /** Default Deno.env; the variable is removed once read, so child processes do not inherit it. */
  readonly env?: Pick<Deno.Env, "get" | "delete">;
  readonly passphraseFile?: string;
  /** The original's --password option. */
  readonly password?: string;
}

export interface FoundPassphrase {
  readonly passphrase: string;
  /** For messages: `PYTRADER_PASSPHRASE`, `--passphrase-file secret.txt`, `--password`. */
  readonly source: string;
  readonly warnings: readonly string[];
}

export const PASSWORD_WARNING =
  "warning: --password is dangerous: the passphrase may end up in your shell history (for example " +
  "~/.bash_history) and other users can see it in the process list; scripts should use " +
  `${PASSPHRASE_ENV} or --passphrase-file`;

/** The first passphrase given, or undefined when none is (an empty one counts as none). */
export async function findPassphrase(sources: PassphraseSources): Promise<FoundPassphrase | undefined> {
  const env = sources.env ?? Deno.env;
  const fromEnv = env.get(PASSPHRASE_ENV);
  if (fromEnv !== undefined) env.delete(PASSPHRASE_ENV);
  if (fromEnv !== undefined && fromEnv !== "") {
    return { passphrase: fromEnv, source: PASSPHRASE_ENV, warnings: [] };
  }
  if (sources.passphraseFile !== undefined) return await readPassphraseFile(sources.passphraseFile);
  if (sources.password !== undefined && sources.password !== "") {
    return { passphrase: sources.password, source: "--password", warnings: [PASSWORD_WARNING] };
  }
  return undefined;
}

/** The file's first line, exactly (only its line ending dropped). */
async function readPassphraseFile(file: string): Promise<FoundPassphrase> {
  let text: string;
  let mode: number | null;
  try {
    mode = (await Deno.stat(file)).mode;
    text = await Deno.readTextFile(file);
  } catch (e) {
    throw new UsageError(`Cannot read the passphrase file ${file}: ${(e as Error).message}`);
  }
  const passphrase = text.split("\n")[0].replace(/\r$/, "");
  if (passphrase === "") {
    throw new UsageError(`Cannot read the passphrase file ${file}: its first line is empty`);
  }
  const warnings = mode !== null && (mode & 0o044) !== 0
    ? [
      `warning: ${file} can be read by other users (mode ${(mode & 0o777).toString(8).padStart(4, "0")}); ` +
      `run: chmod 600 ${file}`,
    ]
    : [];
  return { passphrase, source: `--passphrase-file ${file}`, warnings };
}
