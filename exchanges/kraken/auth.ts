import { createHash, createHmac } from "node:crypto";
import { Buffer } from "node:buffer";

/**
 * The API key pair, read through functions each time it is needed so that no plain value is stored on
 * the adapter (nor reaches JSON, logs or errors). `secret()` is Kraken's base64 private key.
 */
export interface KrakenCredentials {
  key(): string;
  secret(): string;
}

/**
 * Kraken's API-Sign (protocols.md §1.2, https://docs.kraken.com/api/docs/guides/spot-rest-auth):
 * base64(HMAC-SHA512(base64decode(secret), path ‖ SHA256(nonce + body))). `path` is "/0/private/<Method>",
 * `body` the exact form text sent, `nonce=` included.
 */
export function krakenSignature(path: string, nonce: string, body: string, secretB64: string): string {
  const digest = createHash("sha256").update(nonce + body, "utf8").digest();
  return createHmac("sha512", Buffer.from(secretB64, "base64"))
    .update(path, "utf8")
    .update(digest)
    .digest("base64");
}
