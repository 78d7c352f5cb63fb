/** Real endpoints (protocols.md §1.1, §1.4); every one can be overridden from `[kraken]` in the ini. */
export const KRAKEN_REST_URL = "https://api.kraken.com";
export const KRAKEN_WS_URL = "wss://ws.kraken.com/v2";
export const KRAKEN_WS_AUTH_URL = "wss://ws-auth.kraken.com/v2";

/** Path of a public REST method: "Ticker" -> "/0/public/Ticker". */
export function publicPath(method: string): string {
  return `/0/public/${method}`;
}

/** Path of a private REST method: "Balance" -> "/0/private/Balance"; this exact text is signed. */
export function privatePath(method: string): string {
  return `/0/private/${method}`;
}
