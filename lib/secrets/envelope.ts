/**
 * The text form of an encrypted key pair, one ini value:
 *
 *   v1$scrypt$N=131072,r=8,p=1$<salt>$<check>$<nonce>$<ciphertext+tag>
 *
 * Standard base64 with padding: 16-byte salt, 16-byte passphrase check, 12-byte GCM nonce, AES-256-GCM
 * ciphertext followed by its 16-byte tag. Everything before the last `$` is the GCM additional data.
 */

import type { ScryptParams } from "./kdf.ts";

export const VERSION = "v1";
export const SALT_BYTES = 16;
export const NONCE_BYTES = 12;
export const TAG_BYTES = 16;

export interface Envelope {
  readonly params: ScryptParams;
  readonly salt: Uint8Array<ArrayBuffer>;
  readonly check: Uint8Array<ArrayBuffer>;
  readonly nonce: Uint8Array<ArrayBuffer>;
  /** Ciphertext with the GCM tag at the end. */
  readonly sealed: Uint8Array<ArrayBuffer>;
}

export type ParsedEnvelope =
  | { readonly ok: true; readonly envelope: Envelope; readonly header: string }
  | { readonly ok: false; readonly problem: string };

export function envelopeHeader(e: Omit<Envelope, "sealed">): string {
  const { N, r, p } = e.params;
  return [VERSION, "scrypt", `N=${N},r=${r},p=${p}`, b64(e.salt), b64(e.check), b64(e.nonce)].join("$");
}

export function formatEnvelope(e: Envelope): string {
  return `${envelopeHeader(e)}$${b64(e.sealed)}`;
}

/** Reads the structure only; whether the passphrase opens it is the cipher's business. */
export function parseEnvelope(text: string, checkBytes: number): ParsedEnvelope {
  const fields = text.split("$");
  const version = fields[0];
  if (!/^v\d+$/.test(version) || fields.length < 2) {
    return fail(`the stored value is not an encrypted key (it should start with "${VERSION}$scrypt$")`);
  }
  if (version !== VERSION) {
    return fail(`the stored value is in format ${version}, which this version of PyTrader cannot read`);
  }
  if (fields[1] !== "scrypt") return fail(`the stored value uses key derivation "${fields[1]}", not scrypt`);
  if (fields.length !== 7) {
    return fail(`the stored value has ${fields.length} fields instead of 7 (cut short?)`);
  }
  const params = parseParams(fields[2]);
  if (params === undefined) return fail(`the scrypt parameters "${fields[2]}" are not N=…,r=…,p=…`);
  const parts: Array<[string, string, number | undefined]> = [
    ["salt", fields[3], SALT_BYTES],
    ["check", fields[4], checkBytes],
    ["nonce", fields[5], NONCE_BYTES],
    ["ciphertext", fields[6], undefined],
  ];
  const bytes: Uint8Array<ArrayBuffer>[] = [];
  for (const [name, field, size] of parts) {
    const decoded = unb64(field);
    if (decoded === undefined) return fail(`the ${name} is not base64`);
    if (size !== undefined && decoded.length !== size) {
      return fail(`the ${name} is ${decoded.length} bytes instead of ${size}`);
    }
    bytes.push(decoded);
  }
  const [salt, check, nonce, sealed] = bytes;
  if (sealed.length <= TAG_BYTES) return fail(`the ciphertext is too short (cut short?)`);
  return { ok: true, envelope: { params, salt, check, nonce, sealed }, header: fields.slice(0, 6).join("$") };
}

function fail(problem: string): ParsedEnvelope {
  return { ok: false, problem };
}

function parseParams(text: string): ScryptParams | undefined {
  const m = /^N=(\d{1,10}),r=(\d{1,4}),p=(\d{1,4})$/.exec(text);
  return m === null ? undefined : { N: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
}

function b64(bytes: Uint8Array): string {
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** Strict: canonical standard base64 with padding only, so a changed character never decodes silently. */
function unb64(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (text.length === 0 || text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return undefined;
  const bytes = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  return b64(bytes) === text ? bytes : undefined;
}
