import { TokenBucket } from "../../lib/net/rate_limiter.ts";
import type { Timers } from "../../lib/net/timers.ts";

/** Requests a second of each tier, and the burst after a quiet second. */
export interface Rate {
  readonly capacity: number;
  readonly refillPerSecond: number;
}

export type Tier = "fast" | "orders" | "lists";

/**
 * Poloniex's rate tiers as ccxt weighs them on a 5 ms base (protocols.md §5.2.3, [3p]): about 200 a second for
 * the order book, candles and prices; about 50 for placing, cancelling and reading one order and the balances;
 * about 10 for lists (open orders, batch cancels, cancel all, markets, trades, the 24 h ticker).
 */
export const DEFAULT_RATES: Readonly<Record<Tier, Rate>> = {
  fast: { capacity: 200, refillPerSecond: 200 },
  orders: { capacity: 50, refillPerSecond: 50 },
  lists: { capacity: 10, refillPerSecond: 10 },
};

/** The tier of a request, by method and path (without the query). */
export function tierOf(method: string, path: string): Tier {
  if (method === "GET" && /^\/markets\/[^/]+\/(orderBook|candles|price)$/.test(path)) return "fast";
  if (method === "GET" && (path === "/timestamp" || /^\/markets\/[^/]+$/.test(path))) return "fast";
  if (method === "POST" && path === "/orders") return "orders";
  if (/^\/orders\/(?!cancelByIds$)[^/]+$/.test(path) && (method === "GET" || method === "DELETE")) {
    return "orders";
  }
  if (method === "GET" && path === "/accounts/balances") return "orders";
  return "lists";
}

/** One token bucket per tier, shared by every request of the adapter (public and private). */
export class RateTiers {
  readonly #buckets: Record<Tier, TokenBucket>;

  constructor(timers: Timers, rates: Partial<Record<Tier, Rate>> = {}) {
    const make = (t: Tier) => new TokenBucket({ ...DEFAULT_RATES[t], ...rates[t], timers });
    this.#buckets = { fast: make("fast"), orders: make("orders"), lists: make("lists") };
  }

  /** Resolves when a request of this method and path may go out. */
  take(method: string, path: string): Promise<void> {
    return this.#buckets[tierOf(method, path)].take();
  }

  close(): void {
    for (const b of Object.values(this.#buckets)) b.close();
  }
}
