/** Real endpoints (protocols.md §3, §5.2); every one can be overridden from `[poloniex]` in the ini. */
export const POLONIEX_REST_URL = "https://api.poloniex.com";
export const POLONIEX_WS_URL = "wss://ws.poloniex.com/ws/public";
export const POLONIEX_WS_AUTH_URL = "wss://ws.poloniex.com/ws/private";
