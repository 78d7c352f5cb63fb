import { TokenBucket } from "../../lib/net/rate_limiter.ts";
import type { RestClient } from "../../lib/net/rest_client.ts";
import { venueRestClient } from "../../lib/net/venue_rest_client.ts";
import { systemTimers, type Timers } from "../../lib/net/timers.ts";
import { type KrakenCredentials, krakenSignature } from "./auth.ts";
import { InvalidNonce } from "./errors.ts";
import type { NonceSource } from "../../lib/net/nonce.ts";
import { restResult } from "./rest_parse.ts";
import { privatePath } from "./urls.ts";

export interface Rate {
  readonly capacity: number;
  readonly refillPerSecond: number;
}

export interface KrakenPrivateRestOptions {
  readonly baseUrl: string;
  readonly credentials: KrakenCredentials;
  readonly nonce: NonceSource;
  readonly timers?: Timers;
  readonly timeoutMs?: number;
  /**
   * Account calls. Kraken's starter tier allows a counter of 15 that decays by 0.33 a second
   * (https://docs.kraken.com/api/docs/guides/spot-rest-ratelimits).
   */
  readonly rate?: Rate;
  /** AddOrder, CancelOrder, CancelAll: their own counter, 60 decaying by 1 a second at the starter tier. */
  readonly tradingRate?: Rate;
}

export type Params = Readonly<Record<string, string | undefined>>;

/** Methods that change nothing: one retry with a fresh nonce is safe when another process got in first. */
const READS = new Set(["Balance", "OpenOrders", "ClosedOrders", "QueryOrders", "GetWebSocketsToken"]);
/**
 * Methods that change the account: never retried, and each sent on a connection of its own, so that the
 * HTTP stack cannot send it again either (RestClient.post `once`).
 */
const TRADING = new Set(["AddOrder", "CancelOrder", "CancelAll"]);

/**
 * Signed POSTs to Kraken's private endpoints (protocols.md §1.2-1.3). One request is in flight at a
 * time, and its nonce is taken right before it leaves: requests reach Kraken in nonce order, which
 * concurrent requests could not promise. Reads go over pooled keep-alive connections and are retried once
 * with a fresh nonce on `EAPI:Invalid nonce`; trading requests are sent exactly once, each on a new
 * connection. Answers are never shown to a frame tap (they hold balances and tokens), and the key pair is
 * read only while signing.
 */
export class KrakenPrivateRest {
  #http: RestClient;
  #general: TokenBucket;
  #trading: TokenBucket;
  #credentials: KrakenCredentials;
  #nonce: NonceSource;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(opts: KrakenPrivateRestOptions) {
    const timers = opts.timers ?? systemTimers;
    this.#credentials = opts.credentials;
    this.#nonce = opts.nonce;
    this.#general = new TokenBucket({
      capacity: opts.rate?.capacity ?? 15,
      refillPerSecond: opts.rate?.refillPerSecond ?? 0.33,
      timers,
    });
    this.#trading = new TokenBucket({
      capacity: opts.tradingRate?.capacity ?? 60,
      refillPerSecond: opts.tradingRate?.refillPerSecond ?? 1,
      timers,
    });
    this.#http = venueRestClient({
      baseUrl: opts.baseUrl,
      timers,
      timeoutMs: opts.timeoutMs,
    });
  }

  /** Calls `/0/private/<method>` and returns its `result`; Kraken errors map as krakenError says. */
  call<T>(method: string, params: Params, action: string): Promise<T> {
    const run = () => this.#send<T>(method, params, action, READS.has(method));
    const p = this.#queue.then(run, run);
    this.#queue = p.catch(() => {});
    return p;
  }

  close(): void {
    this.#general.close();
    this.#trading.close();
    this.#http.close();
  }

  async #send<T>(method: string, params: Params, action: string, mayRetry: boolean): Promise<T> {
    const trading = TRADING.has(method);
    await (trading ? this.#trading : this.#general).take();
    const path = privatePath(method);
    const res = await this.#http.post(path, () => this.#sign(path, params), action, { once: trading });
    try {
      return restResult<T>(res.text, action);
    } catch (e) {
      if (mayRetry && e instanceof InvalidNonce) {
        return this.#send(method, params, action, false);
      }
      throw e;
    }
  }

  #sign(path: string, params: Params): { body: string; headers: Record<string, string> } {
    const nonce = this.#nonce.next();
    const form = new URLSearchParams({ nonce });
    for (const [k, v] of Object.entries(params)) if (v !== undefined) form.set(k, v);
    const body = form.toString();
    const c = this.#credentials;
    return {
      body,
      headers: { "API-Key": c.key(), "API-Sign": krakenSignature(path, nonce, body, c.secret()) },
    };
  }
}
