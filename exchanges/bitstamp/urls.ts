/**
 * Real endpoints (protocols.md §2, §5.1); both can be overridden from `[bitstamp]` in the ini. The host of
 * `rest_url` is also what private requests sign (protocols.md §5.1.4: `www.bitstamp.net`).
 */
export const BITSTAMP_REST_URL = "https://www.bitstamp.net";
export const BITSTAMP_WS_URL = "wss://ws.bitstamp.net";

/** Path of an HTTP API v2 endpoint, with the trailing slash Bitstamp requires: "ticker/btcusd" -> "/api/v2/ticker/btcusd/". */
export function apiPath(endpoint: string): string {
  return `/api/v2/${endpoint.replace(/^\/+|\/+$/g, "")}/`;
}
