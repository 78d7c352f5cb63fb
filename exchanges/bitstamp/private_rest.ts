import type { RestClient } from "../../lib/net/rest_client.ts";
import { venueRestClient } from "../../lib/net/venue_rest_client.ts";
import { systemTimers, type Timers } from "../../lib/net/timers.ts";
import { authHeaders, type BitstampCredentials } from "./auth.ts";
import type { BitstampRate } from "./rate.ts";
import { restBody } from "./rest_parse.ts";
import { apiPath } from "./urls.ts";

export interface BitstampPrivateRestOptions {
  readonly baseUrl: string;
  readonly credentials: BitstampCredentials;
  readonly rate: BitstampRate;
  readonly timers?: Timers;
  readonly timeoutMs?: number;
  /** X-Auth-Nonce source: a fresh lowercase UUID4 per request (tests inject their own). */
  readonly nonce?: () => string;
}

export type Params = Readonly<Record<string, string | undefined>>;

/**
 * Requests that change the account: each goes out on a connection of its own (RestClient.post `once`), so
 * the HTTP stack cannot send it again when a pooled connection dies before the answer (issue 10).
 */
function changesAccount(endpoint: string): boolean {
  return /^(buy|sell)\//.test(endpoint) || endpoint === "cancel_order" ||
    endpoint.startsWith("cancel_all_orders");
}

/**
 * Signed POSTs to Bitstamp's private endpoints (protocols.md §5.1.4-5.1.5): X-Auth headers, HMAC-SHA256
 * over the documented concatenation, a UUID4 nonce and the time in ms taken right before the request
 * leaves; a form body only when there are parameters, else no body and no Content-Type. Orders and cancels
 * are sent exactly once, each on a connection of its own; reads go over pooled connections. Answers are never
 * shown to a frame tap (they hold balances and tokens), and the key pair is read only while signing.
 */
export class BitstampPrivateRest {
  #http: RestClient;
  #rate: BitstampRate;
  #credentials: BitstampCredentials;
  #timers: Timers;
  #nonce: () => string;
  #host: string;
  #prefix: string;

  constructor(opts: BitstampPrivateRestOptions) {
    this.#timers = opts.timers ?? systemTimers;
    this.#credentials = opts.credentials;
    this.#rate = opts.rate;
    this.#nonce = opts.nonce ?? (() => crypto.randomUUID());
    const base = new URL(opts.baseUrl);
    this.#host = base.host;
    this.#prefix = base.pathname.replace(/\/+$/, "");
    this.#http = venueRestClient({
      baseUrl: opts.baseUrl,
      timers: this.#timers,
      timeoutMs: opts.timeoutMs,
    });
  }

  /** POSTs `endpoint` ("buy/btcusd") and returns its JSON; Bitstamp's refusals map as errors.ts says. */
  async call<T>(endpoint: string, params: Params, action: string): Promise<T> {
    await this.#rate.take();
    const path = apiPath(endpoint);
    const form = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined) form.set(k, v);
    const body = form.toString();
    const res = await this.#http.post(
      path,
      () => {
        const c = this.#credentials;
        const headers = authHeaders({
          key: c.key(),
          method: "POST",
          host: this.#host,
          path: this.#prefix + path,
          query: "",
          nonce: this.#nonce(),
          timestamp: String(Math.floor(this.#timers.now())),
          body,
        }, c.secret());
        return { body: body === "" ? null : body, headers };
      },
      action,
      { once: changesAccount(endpoint) },
    );
    return restBody<T>(res.text, res.status, action);
  }

  close(): void {
    this.#http.close();
  }
}
