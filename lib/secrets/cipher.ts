/**
 * Encrypts and decrypts an API key pair with a passphrase: one scrypt derivation per call, AES-256-GCM
 * over `{"key":…,"secret":…}`, the text form in envelope.ts.
 */

import { timingSafeEqual } from "node:crypto";
import { CHECK_BYTES, DEFAULT_SCRYPT, deriveKey, type ScryptParams, scryptParamsProblem } from "./kdf.ts";
import {
  envelopeHeader,
  formatEnvelope,
  NONCE_BYTES,
  type ParsedEnvelope,
  parseEnvelope,
  SALT_BYTES,
} from "./envelope.ts";
import { CorruptSecret, WrongPassphrase } from "./errors.ts";
import { type Credentials, Secret } from "./secret.ts";

/** Where a stored value came from, for messages: `[kraken] secret in pytrader.ini line 30`. */
export interface SecretLocation {
  readonly venue: string;
  readonly file: string;
  readonly line?: number;
}

export interface PlainCredentials {
  readonly key: string;
  readonly secret: string;
}

export async function encryptCredentials(
  plain: PlainCredentials,
  passphrase: string,
  params: ScryptParams = DEFAULT_SCRYPT,
): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const nonce = crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
  const { key, check } = await deriveKey(passphrase, salt, params);
  const header = envelopeHeader({ params, salt, check, nonce });
  const data = new TextEncoder().encode(JSON.stringify({ key: plain.key, secret: plain.secret }));
  try {
    const sealed = new Uint8Array(await crypto.subtle.encrypt(gcm(nonce, header), await aesKey(key), data));
    return formatEnvelope({ params, salt, check, nonce, sealed });
  } finally {
    data.fill(0);
    key.fill(0);
  }
}

/** Throws CorruptSecret for a value that is damaged or in an unknown format; cheap, no derivation. */
export function checkStoredSecret(text: string, where: SecretLocation): void {
  parseOrThrow(text, where);
}

/** Throws CorruptSecret as checkStoredSecret does, and WrongPassphrase when the passphrase check fails. */
export async function decryptCredentials(
  text: string,
  passphrase: string,
  where: SecretLocation,
): Promise<Credentials> {
  const damaged = damagedAt(where);
  const { envelope: { params, salt, check, nonce, sealed }, header } = parseOrThrow(text, where);
  const derived = await deriveKey(passphrase, salt, params);
  if (!timingSafeEqual(derived.check, check)) throw new WrongPassphrase(where.venue);
  let data: Uint8Array;
  try {
    data = new Uint8Array(
      await crypto.subtle.decrypt(gcm(nonce, header), await aesKey(derived.key), sealed),
    );
  } catch {
    throw damaged("the encrypted data does not match its authentication tag (damaged or edited)");
  } finally {
    derived.key.fill(0);
  }
  try {
    return toCredentials(JSON.parse(new TextDecoder().decode(data)), damaged);
  } catch (e) {
    if (e instanceof CorruptSecret) throw e;
    throw damaged("the decrypted data is not a key pair");
  } finally {
    data.fill(0);
  }
}

function toCredentials(value: unknown, damaged: (problem: string) => Error): Credentials {
  const v = value as { key?: unknown; secret?: unknown } | null;
  if (typeof v?.key !== "string" || typeof v.secret !== "string") {
    throw damaged("the decrypted data is not a key pair");
  }
  return Object.freeze({ key: new Secret(v.key), secret: new Secret(v.secret) });
}

function parseOrThrow(text: string, where: SecretLocation): Extract<ParsedEnvelope, { ok: true }> {
  const parsed = parseEnvelope(text, CHECK_BYTES);
  if (!parsed.ok) throw damagedAt(where)(parsed.problem);
  const problem = scryptParamsProblem(parsed.envelope.params);
  if (problem !== undefined) throw damagedAt(where)(`the scrypt parameters are out of range: ${problem}`);
  return parsed;
}

function damagedAt(where: SecretLocation): (problem: string) => CorruptSecret {
  return (problem) =>
    new CorruptSecret(where.venue, `${describe(where)}: ${problem}`, where.file, where.line);
}

function describe(where: SecretLocation): string {
  return `[${where.venue}] secret in ${where.file}${where.line === undefined ? "" : ` line ${where.line}`}`;
}

function aesKey(raw: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]);
}

function gcm(nonce: Uint8Array<ArrayBuffer>, header: string): AesGcmParams {
  return { name: "AES-GCM", iv: nonce, additionalData: new TextEncoder().encode(header), tagLength: 128 };
}
