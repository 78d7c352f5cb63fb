const enc = new TextEncoder();

/**
 * X-Auth-Signature as Bitstamp checks it (protocols.md §5.1.4), written independently of the adapter's
 * signer (Web Crypto here, node:crypto there): HMAC-SHA256 over "BITSTAMP " + key + method + host + path +
 * query + content type + nonce + timestamp + "v2" + body, as hex.
 */
export async function expectedSignature(
  secret: string,
  parts: {
    key: string;
    method: string;
    host: string;
    path: string;
    query: string;
    contentType: string;
    nonce: string;
    timestamp: string;
    body: string;
  },
): Promise<string> {
  const message = [
    "BITSTAMP ",
    parts.key,
    parts.method,
    parts.host,
    parts.path,
    parts.query,
    parts.contentType,
    parts.nonce,
    parts.timestamp,
    "v2",
    parts.body,
  ].join("");
  const key = await crypto.subtle.importKey(
    "raw",
    enc.encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const sig = new Uint8Array(await crypto.subtle.sign("HMAC", key, enc.encode(message)));
  return Array.from(sig, (b) => b.toString(16).padStart(2, "0")).join("");
}
