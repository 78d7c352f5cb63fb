/** The encrypted key pair lives in its venue's ini section: `[kraken] secret = v1$scrypt$…`. */

import { ConfigError } from "../core/errors.ts";
import {
  getValue,
  HEADER_COMMENT,
  type IniDocument,
  lineOf,
  parseIni,
  readIniText,
  serializeIni,
  setValue,
  writeFileAtomic,
} from "../config/mod.ts";
import type { SecretLocation } from "./cipher.ts";

export const SECRET_KEY = "secret";

export interface StoredSecret {
  readonly text: string;
  readonly where: SecretLocation;
}

/** The stored value of `[venue] secret`, or undefined when there is none (or it is empty). */
export function readStoredSecret(doc: IniDocument, file: string, venue: string): StoredSecret | undefined {
  const text = getValue(doc, venue, SECRET_KEY);
  if (text === undefined || text === "") return undefined;
  return { text, where: { venue, file, line: lineOf(doc, venue, SECRET_KEY) } };
}

/**
 * Sets `[venue] secret` in the file as it is on disk now, changing that one line (or adding it) and
 * nothing else, and replaces the file atomically with mode 0600 whatever its mode was.
 */
export async function saveStoredSecret(path: string, venue: string, value: string): Promise<void> {
  // A missing file gets the header only: the next start adds every default around the secret.
  const text = await readIniText(path) ?? `${HEADER_COMMENT}\n`;
  const next = serializeIni(setValue(parseIni(text, path), venue, SECRET_KEY, value));
  try {
    await writeFileAtomic(path, next, 0o600);
  } catch (e) {
    throw new ConfigError(`Cannot write ${path}: ${(e as Error).message}`, path, undefined, { cause: e });
  }
}
