import { ExchangeError } from "../../lib/core/errors.ts";
import type { Channel } from "../../lib/core/exchange.ts";
import type { BookMode } from "./book_sync.ts";
import { TOP_LEVELS } from "./book_digest.ts";
import { FULL_DEPTH } from "./decoder.ts";

/** Channel subscriptions one connection may carry; a 1,025th closes it silently (protocols.md §5.1.1). */
export const MAX_CHANNELS = 1024;
/** Client frames must stay under 512 bytes; a longer one closed the socket (1009). */
export const MAX_FRAME_BYTES = 512;

/**
 * The stream a book depth takes (protocols.md §5.1.2 recommends it): up to 100 levels `order_book_<pair>`,
 * every frame the whole top 100, so a lost or bad frame heals with the next one and nothing needs
 * bridging; beyond 100 `diff_order_book_<pair>`, the only full-depth stream, bridged to a REST snapshot
 * and checked against `order_book_<pair>`.
 */
export function bookMode(depth: number): BookMode {
  return depth <= TOP_LEVELS ? "top" : "diff";
}

/** The levels the local book keeps for a requested depth: as asked in top mode, the whole book in diff mode. */
export function keptBookDepth(requested: number): number {
  return bookMode(requested) === "top" ? requested : FULL_DEPTH;
}

/** The channel a book is streamed on in `mode`, whose acknowledgement starts its snapshot. */
export function bookChannel(market: string, mode: BookMode): string {
  return mode === "top" ? `order_book_${market}` : `diff_order_book_${market}`;
}

/**
 * The public channels a core channel needs. Bitstamp has no ticker nor candle channel: the ticker is the
 * streamed top of book and last trade (with the 24 h volume from REST), candles are built from trades.
 */
export function publicChannels(channel: Channel, market: string, mode: BookMode): string[] {
  switch (channel) {
    case "book":
      return mode === "top"
        ? [bookChannel(market, mode)]
        : [bookChannel(market, mode), `order_book_${market}`];
    case "trades":
      return [`live_trades_${market}`];
    case "ticker":
      return [`order_book_${market}`, `live_trades_${market}`];
    case "candles":
      return [];
  }
}

/** Refuses a subscription that would take one connection past 1,024 channels (Bitstamp would drop it). */
export function checkChannelBudget(used: number, adding: number, action: string): void {
  if (used + adding > MAX_CHANNELS) {
    throw new ExchangeError(
      `Cannot ${action}: a Bitstamp connection carries at most ${MAX_CHANNELS} channels (${used} in use, ${adding} more asked)`,
    );
  }
}

/** The account channels of one market (protocols.md §5.1.6). */
export function privateChannels(market: string, userId: string): string[] {
  return [`private-my_orders_${market}-${userId}`, `private-my_trades_${market}-${userId}`];
}

/** A `bts:subscribe` / `bts:unsubscribe` frame, refused when it would pass the 512-byte limit. */
export function subscriptionFrame(
  event: "bts:subscribe" | "bts:unsubscribe",
  channel: string,
  auth?: string,
): string {
  const data = auth === undefined ? { channel } : { channel, auth };
  const text = JSON.stringify({ event, data });
  const bytes = new TextEncoder().encode(text).length;
  if (bytes >= MAX_FRAME_BYTES) {
    throw new ExchangeError(
      `Cannot subscribe to "${channel}" on bitstamp: the request would be ${bytes} bytes, Bitstamp takes under ${MAX_FRAME_BYTES}`,
    );
  }
  return text;
}

export const HEARTBEAT_FRAME = '{"event":"bts:heartbeat"}';
