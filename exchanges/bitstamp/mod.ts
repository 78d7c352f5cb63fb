import { BitstampExchange, type BitstampOptions } from "./adapter.ts";
import { BitstampDecoder } from "./decoder.ts";

export { BitstampExchange, type BitstampOptions } from "./adapter.ts";
export type { BitstampCredentials } from "./auth.ts";
export { bitstampSignature, stringToSign } from "./auth.ts";
export { BitstampDecoder, FULL_DEPTH } from "./decoder.ts";
export { digestBook, digestLevels } from "./book_digest.ts";
export { BookSync } from "./book_sync.ts";
export { bookMode, keptBookDepth } from "./subscriptions.ts";
export { BITSTAMP_REST_URL, BITSTAMP_WS_URL } from "./urls.ts";

/**
 * The Bitstamp adapter, from `[bitstamp]` settings (`rest_url`, `ws_url`) and a log; with `credentials` it
 * trades, without it is market data only.
 */
export function createBitstamp(opts: BitstampOptions = {}): BitstampExchange {
  return new BitstampExchange(opts);
}

/** A decoder for `pytrader replay`: the adapter's own parse path, with no network. */
export function createBitstampDecoder(): BitstampDecoder {
  return new BitstampDecoder();
}
