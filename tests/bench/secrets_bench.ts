/**
 * Key derivation cost (target 100 ms..1 s per unlock) against one SHA-512 of a passphrase, the original's
 * whole "derivation", in the same run. Decrypt is one derivation plus AES-GCM over ~200 bytes.
 */

import { createHash } from "node:crypto";
import { decryptCredentials, DEFAULT_SCRYPT, deriveKey, encryptCredentials } from "../../lib/secrets/mod.ts";

const PASS = "correct horse battery staple";
const salt = crypto.getRandomValues(new Uint8Array(16));
const sealed = await encryptCredentials({ key: "K".repeat(56), secret: "S".repeat(88) }, PASS);
const where = { venue: "kraken", file: "pytrader.ini" };

Deno.bench("SHA-512 of the passphrase (the original's KDF)", { group: "kdf", baseline: true }, () => {
  createHash("sha512").update(PASS).digest();
});

Deno.bench(
  `scrypt N=${DEFAULT_SCRYPT.N} r=${DEFAULT_SCRYPT.r} p=${DEFAULT_SCRYPT.p}`,
  { group: "kdf", n: 10, warmup: 1 },
  async () => {
    await deriveKey(PASS, salt, DEFAULT_SCRYPT);
  },
);

Deno.bench("unlock: decrypt the stored key pair", { group: "kdf", n: 10, warmup: 1 }, async () => {
  await decryptCredentials(sealed, PASS, where);
});
