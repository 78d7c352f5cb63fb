import { defineVenue } from "../../lib/core/mod.ts";
import { BITSTAMP_REST_URL, BITSTAMP_WS_URL } from "./urls.ts";

/** Bitstamp: WebSocket v2 books (top 100, or diffs bridged by microtimestamp), signed REST v2, account channels. */
export const bitstampVenue = defineVenue({
  name: "bitstamp",
  title: "Bitstamp",
  summary:
    "market data over WebSocket v2: books up to 100 levels from `order_book` (the whole top in every " +
    "frame, seeded from REST), deeper books from `diff_order_book` bridged to a REST snapshot by " +
    "microtimestamp (a stale snapshot is fetched again) and checked against `order_book` so a lost diff " +
    "shows; a crossed book is resynced; trades from `live_trades`, the ticker from the stream. Heartbeats, " +
    "reconnect with backoff (at once on `bts:request_reconnect`), resubscription. Trading over REST v2 " +
    "signed with HMAC-SHA256 (verified against the documented string to sign and a third-party vector), " +
    "client order ids settled through `order_status`, the account channels for order events and fills; " +
    "tested against a local fake server",
  keys: true,
  keyHelp: "Create it at Bitstamp (Settings > API access) with Account balance, Open orders, Order status, " +
    "Buy/Sell limit and market orders, Cancel order and WebSocket token; never Withdrawals.",
  settings: {
    rest_url: {
      type: "url",
      protocols: ["http:", "https:"],
      default: BITSTAMP_REST_URL,
      doc: "REST endpoint (HTTP API v2; its host is part of what private requests sign)",
    },
    ws_url: {
      type: "url",
      protocols: ["ws:", "wss:"],
      default: BITSTAMP_WS_URL,
      doc: "WebSocket v2 endpoint (market data and the account channels)",
    },
  },
  async create({ settings, log, credentials }) {
    const { createBitstamp } = await import("./mod.ts");
    const c = credentials;
    return createBitstamp({
      ...settings,
      log,
      // Functions, so the adapter object holds no plain key; values are revealed only when signing.
      credentials: c ? { key: () => c.key.reveal(), secret: () => c.secret.reveal() } : undefined,
    });
  },
  async decoder() {
    const { createBitstampDecoder } = await import("./mod.ts");
    return createBitstampDecoder();
  },
});
