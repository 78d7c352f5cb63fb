import { PoloniexExchange, type PoloniexOptions } from "./adapter.ts";
import { PoloniexDecoder } from "./decoder.ts";

export { PoloniexExchange, type PoloniexOptions } from "./adapter.ts";
export type { PoloniexCredentials } from "./auth.ts";
export { BOOK_DEPTH, PoloniexDecoder } from "./decoder.ts";
export { POLONIEX_REST_URL, POLONIEX_WS_AUTH_URL, POLONIEX_WS_URL } from "./urls.ts";

/**
 * The Poloniex adapter, from `[poloniex]` settings (`rest_url`, `ws_url`, `ws_auth_url`) and a log; with
 * `credentials` it trades, without it is market data only.
 */
export function createPoloniex(opts: PoloniexOptions = {}): PoloniexExchange {
  return new PoloniexExchange(opts);
}

/** A decoder for `pytrader replay`: the adapter's own parse path (id chain included), with no network. */
export function createPoloniexDecoder(): PoloniexDecoder {
  return new PoloniexDecoder();
}
