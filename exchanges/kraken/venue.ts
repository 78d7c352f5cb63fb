import { defineVenue } from "../../lib/core/mod.ts";
import { KRAKEN_REST_URL, KRAKEN_WS_AUTH_URL, KRAKEN_WS_URL } from "./urls.ts";

/** Kraken spot: WS v2 market data verified by CRC32, signed REST and the private WebSocket. */
export const krakenVenue = defineVenue({
  name: "kraken",
  title: "Kraken",
  summary: "market data over WebSocket v2 (`book`, `ticker`, `trade`, `ohlc`) and REST; every book message " +
    "verified with Kraken's CRC32 checksum (a mismatch marks the book resyncing and fetches a fresh " +
    "snapshot); heartbeat and ping watchdog, reconnect with backoff and jitter, resubscription. Trading " +
    "over signed REST with nonces that increase across restarts and processes (or over the account socket " +
    "with `order_transport = ws`), the private WebSocket for executions and balances",
  keys: true,
  keyHelp: "Create it at Kraken (Settings > API) with Query Funds, Query Open Orders & Trades, " +
    "Query Closed Orders & Trades, Create & Modify Orders and Cancel & Close Orders; never Withdraw Funds.",
  settings: {
    rest_url: { type: "url", protocols: ["http:", "https:"], default: KRAKEN_REST_URL, doc: "REST endpoint" },
    ws_url: {
      type: "url",
      protocols: ["ws:", "wss:"],
      default: KRAKEN_WS_URL,
      doc: "public WebSocket v2 endpoint (market data)",
    },
    ws_auth_url: {
      type: "url",
      protocols: ["ws:", "wss:"],
      default: KRAKEN_WS_AUTH_URL,
      doc: "private WebSocket v2 endpoint (executions, balances; orders with `order_transport = ws`)",
    },
    order_transport: {
      type: "choice",
      choices: ["rest", "ws"] as const,
      default: "rest",
      doc:
        "`rest`: orders over signed REST (AddOrder, CancelOrder); `ws`: over the account socket (add_order, cancel_order)",
    },
  },
  async create({ settings, log, credentials, statePrefix }) {
    const { createKraken } = await import("./mod.ts");
    const c = credentials;
    return createKraken({
      ...settings,
      log,
      // Functions, so the adapter object holds no plain key; values are revealed only when signing.
      credentials: c ? { key: () => c.key.reveal(), secret: () => c.secret.reveal() } : undefined,
      nonceFile: `${statePrefix}.kraken-nonce`,
    });
  },
  async decoder() {
    const { createKrakenDecoder } = await import("./mod.ts");
    return createKrakenDecoder();
  },
});
