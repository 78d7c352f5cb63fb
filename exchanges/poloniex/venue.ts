import { defineVenue } from "../../lib/core/mod.ts";
import { POLONIEX_REST_URL, POLONIEX_WS_AUTH_URL, POLONIEX_WS_URL } from "./urls.ts";

/** Poloniex spot v3: streamed books checked by their id chain, signed REST and the private WebSocket. */
export const poloniexVenue = defineVenue({
  name: "poloniex",
  title: "Poloniex",
  summary:
    "spot API v3: market data over the public WebSocket (`book_lv2`, `trades`, `ticker`, `candles_*`) " +
    "and REST; every book update checked against the id chain (an update whose `lastId` is not the previous " +
    "message's `id` marks the book resyncing and subscribes it again for a fresh snapshot); a ping after 10 s " +
    "of client silence (Poloniex ends a session at 30 s), reconnect with backoff and jitter, resubscription. " +
    "Trading over signed REST with a `clientOrderId` on every order (a lost answer is settled with " +
    "`GET /orders/cid:`), the private WebSocket for orders and balances",
  keys: true,
  keyHelp: "Create it at Poloniex (account settings, API keys) with the Read and Trade permissions; never " +
    "Withdraw. Restricting it to this computer's IP address is a good idea.",
  settings: {
    rest_url: {
      type: "url",
      protocols: ["http:", "https:"],
      default: POLONIEX_REST_URL,
      doc: "REST endpoint (spot v3)",
    },
    ws_url: {
      type: "url",
      protocols: ["ws:", "wss:"],
      default: POLONIEX_WS_URL,
      doc: "public WebSocket endpoint (market data)",
    },
    ws_auth_url: {
      type: "url",
      protocols: ["ws:", "wss:"],
      default: POLONIEX_WS_AUTH_URL,
      doc: "private WebSocket endpoint (orders, balances)",
    },
  },
  async create({ settings, log, credentials }) {
    const { createPoloniex } = await import("./mod.ts");
    const c = credentials;
    return createPoloniex({
      ...settings,
      log,
      // Functions, so the adapter object holds no plain key; values are revealed only when signing.
      credentials: c ? { key: () => c.key.reveal(), secret: () => c.secret.reveal() } : undefined,
    });
  },
  async decoder() {
    const { createPoloniexDecoder } = await import("./mod.ts");
    return createPoloniexDecoder();
  },
});
