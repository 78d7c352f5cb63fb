import { createHmac } from "node:crypto";

/**
 * The API key pair, read through functions each time it is needed so that no plain value is stored on the
 * adapter (nor reaches JSON, logs or errors).
 */
export interface BitstampCredentials {
  key(): string;
  secret(): string;
}

/** What one signed request is made of (protocols.md §5.1.4). */
export interface SignedParts {
  readonly key: string;
  readonly method: "POST" | "GET";
  /** The host as sent ("www.bitstamp.net"; "127.0.0.1:8080" for a local fake). */
  readonly host: string;
  /** "/api/v2/balance/": leading and trailing slash. */
  readonly path: string;
  /** The query with its "?", or "" (private spot calls send none). */
  readonly query: string;
  /** Lowercase UUID4, single use within 150 s. */
  readonly nonce: string;
  /** Milliseconds since the epoch, as text. */
  readonly timestamp: string;
  /** The exact form text sent, or "" for no body. */
  readonly body: string;
}

export const FORM_CONTENT_TYPE = "application/x-www-form-urlencoded";

/**
 * Bitstamp's string to sign, concatenated with no separators (protocols.md §5.1.4, the docs' Python
 * example): "BITSTAMP " + key + METHOD + host + path + query + content type + nonce + timestamp + "v2" +
 * body. The content type is left out when there is no body (and is then not sent either).
 */
export function stringToSign(p: SignedParts): string {
  const contentType = p.body === "" ? "" : FORM_CONTENT_TYPE;
  return `BITSTAMP ${p.key}${p.method}${p.host}${p.path}${p.query}${contentType}${p.nonce}${p.timestamp}v2${p.body}`;
}

/** X-Auth-Signature: HMAC-SHA256(secret, string to sign) as lowercase hex (the docs' `hexdigest()`). */
export function bitstampSignature(secret: string, message: string): string {
  return createHmac("sha256", secret).update(message, "utf8").digest("hex");
}

/** The X-Auth headers of one request; Content-Type only when there is a body. */
export function authHeaders(p: SignedParts, secret: string): Record<string, string> {
  const headers: Record<string, string> = {
    "X-Auth": `BITSTAMP ${p.key}`,
    "X-Auth-Signature": bitstampSignature(secret, stringToSign(p)),
    "X-Auth-Nonce": p.nonce,
    "X-Auth-Timestamp": p.timestamp,
    "X-Auth-Version": "v2",
  };
  if (p.body !== "") headers["Content-Type"] = FORM_CONTENT_TYPE;
  return headers;
}
