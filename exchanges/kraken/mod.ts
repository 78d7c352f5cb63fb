import { KrakenExchange, type KrakenOptions } from "./adapter.ts";
import { KrakenDecoder } from "./decoder.ts";

export { KrakenExchange, type KrakenOptions } from "./adapter.ts";
export type { KrakenCredentials } from "./auth.ts";
export { KrakenDecoder } from "./decoder.ts";
export { krakenChecksum } from "./checksum.ts";
export { bookDepth } from "./subscriptions.ts";
export { KRAKEN_REST_URL, KRAKEN_WS_AUTH_URL, KRAKEN_WS_URL } from "./urls.ts";

/**
 * The Kraken adapter, from `[kraken]` settings (`rest_url`, `ws_url`, `ws_auth_url`, `order_transport`)
 * and a log; with `credentials` (and a `nonceFile` beside the ini) it trades, without it is market data only.
 */
export function createKraken(opts: KrakenOptions = {}): KrakenExchange {
  return new KrakenExchange(opts);
}

/** A decoder for `pytrader replay`: the adapter's own parse path, with no network. */
export function createKrakenDecoder(): KrakenDecoder {
  return new KrakenDecoder();
}
