import { createHmac } from "node:crypto";

/**
 * The API key pair, read through functions each time it is needed so that no plain value is stored on
 * the adapter (nor reaches JSON, logs or errors).
 */
export interface PoloniexCredentials {
  key(): string;
  secret(): string;
}

/**
 * The string Poloniex signs (protocols.md §3.1, §5.2.4; https://api-docs.poloniex.com/spot/api/ and
 * github poloniex/polo-sdk-python : polosdk/rest/request.py): `METHOD\n/path\nparams`.
 */
export function presign(method: string, path: string, params: string): string {
  return `${method}\n${path}\n${params}`;
}

/**
 * `params` of a request without a body: the query parameters and `signTimestamp`, sorted by key, values
 * encoded as encodeURIComponent does (the Python SDK, ccxt and the Node demo agree on that; the Java SDK
 * sends values raw, so PyTrader never sends a value that needs encoding at all).
 */
export function queryParams(query: Readonly<Record<string, string>>, signTimestamp: string): string {
  return sortedQuery({ ...query, signTimestamp });
}

/** Query parameters sorted by key, values encoded by encodeURIComponent: the query string that is sent too. */
export function sortedQuery(query: Readonly<Record<string, string>>): string {
  return Object.keys(query).sort().map((k) => `${k}=${encodeURIComponent(query[k]!)}`).join("&");
}

/** `params` of a request with a JSON body: the exact body text that is sent, then the timestamp. */
export function bodyParams(body: string, signTimestamp: string): string {
  return `requestBody=${body}&signTimestamp=${signTimestamp}`;
}

/** base64(HMAC-SHA256(utf8 secret, utf8 presign)). */
export function signature(secret: string, presignText: string): string {
  return createHmac("sha256", secret).update(presignText, "utf8").digest("base64");
}

/** What the private WebSocket's auth message signs (protocols.md §5.2.6): `GET\n/ws\nsignTimestamp=<ts>`. */
export function wsAuthPresign(signTimestamp: string): string {
  return presign("GET", "/ws", `signTimestamp=${signTimestamp}`);
}
