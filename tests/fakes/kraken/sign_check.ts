const enc = new TextEncoder();

/**
 * API-Sign as Kraken computes it (protocols.md §1.2), written independently of the adapter's signer
 * (Web Crypto here, node:crypto there) so that a mistake in one cannot hide in the other.
 */
export async function apiSign(path: string, nonce: string, body: string, secretB64: string): Promise<string> {
  const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", enc.encode(nonce + body)));
  const secret = Uint8Array.from(atob(secretB64), (c) => c.charCodeAt(0));
  const key = await crypto.subtle.importKey("raw", secret, { name: "HMAC", hash: "SHA-512" }, false, [
    "sign",
  ]);
  const pathBytes = enc.encode(path);
  const msg = new Uint8Array(pathBytes.length + hash.length);
  msg.set(pathBytes);
  msg.set(hash, pathBytes.length);
  const sig = new Uint8Array(await crypto.subtle.sign("HMAC", key, msg));
  return btoa(String.fromCharCode(...sig));
}
