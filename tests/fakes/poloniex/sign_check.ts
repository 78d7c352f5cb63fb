/**
 * The fake's own signature check, written apart from exchanges/poloniex/auth.ts (Web Crypto here,
 * node:crypto there) from the documented rule (protocols.md §5.2.4; https://api-docs.poloniex.com/spot/api/):
 * base64(HMAC-SHA256(secret, METHOD\n/path\nparams)), params the sorted query with signTimestamp, or
 * `requestBody=<body>&signTimestamp=<ts>` when there is a body.
 */
const utf8 = new TextEncoder();

export async function hmacBase64(secret: string, text: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    utf8.encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    [
      "sign",
    ],
  );
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, utf8.encode(text)));
  let bin = "";
  for (const b of mac) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** What the client must have signed for this request, as the server rebuilds it from what arrived. */
export function expectedPresign(method: string, url: URL, body: string, signTimestamp: string): string {
  let params: string;
  if (body !== "") params = `requestBody=${body}&signTimestamp=${signTimestamp}`;
  else {
    const pairs: [string, string][] = [...url.searchParams.entries(), ["signTimestamp", signTimestamp]];
    pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    params = pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("&");
  }
  return `${method}\n${decodeURIComponent(url.pathname)}\n${params}`;
}
