import { ExchangeError } from "../../lib/core/errors.ts";
import type { Channel } from "../../lib/core/exchange.ts";

/** Book depths WS v2 accepts (protocols.md §1.4). */
export const BOOK_DEPTHS: readonly number[] = [10, 25, 100, 500, 1000];
/** Candle intervals in minutes, WS ohlc and REST OHLC alike. */
export const OHLC_INTERVALS: readonly number[] = [1, 5, 15, 30, 60, 240, 1440, 10080, 21600];

/** Fewest levels subscribed: more than the 10 the checksum covers, so promotions into the top 10 verify. */
const MIN_BOOK_DEPTH = 25;

/**
 * The depth to subscribe at, and therefore the depth the local book must be truncated to after every
 * message (the venue sends no delete for levels falling out of scope): the smallest valid depth that
 * holds `requested` levels and at least 25.
 */
export function bookDepth(requested: number): number {
  const want = Math.max(requested, MIN_BOOK_DEPTH);
  return BOOK_DEPTHS.find((d) => d >= want) ?? BOOK_DEPTHS[BOOK_DEPTHS.length - 1]!;
}

/** One WS v2 subscription: what is sent again after every reconnect. */
export interface WsSubscription {
  /** "book|BTC/USD": one per channel and symbol. */
  readonly key: string;
  readonly channel: "book" | "trade" | "ticker" | "ohlc";
  readonly symbol: string;
  readonly params: Readonly<Record<string, unknown>>;
}

/** The WS v2 subscriptions for one core channel of one pair. */
export function wsSubscription(
  channel: Channel,
  symbol: string,
  depth: number | undefined,
  timeframe: number | undefined,
): WsSubscription {
  switch (channel) {
    case "book": {
      const d = bookDepth(depth ?? 10);
      return sub("book", symbol, { depth: d, snapshot: true });
    }
    case "trades":
      return sub("trade", symbol, { snapshot: false });
    case "ticker":
      return sub("ticker", symbol, {});
    case "candles": {
      const interval = timeframe ?? 1;
      if (!OHLC_INTERVALS.includes(interval)) {
        throw new ExchangeError(
          `Cannot subscribe to candles of "${symbol}" on kraken: ${interval} min is not one of ${
            OHLC_INTERVALS.join(", ")
          }`,
        );
      }
      return sub("ohlc", symbol, { interval, snapshot: true });
    }
  }
}

function sub(
  channel: WsSubscription["channel"],
  symbol: string,
  extra: Record<string, unknown>,
): WsSubscription {
  return { key: `${channel}|${symbol}`, channel, symbol, params: { channel, symbol: [symbol], ...extra } };
}
