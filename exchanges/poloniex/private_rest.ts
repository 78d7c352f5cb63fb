import type { RestClient } from "../../lib/net/rest_client.ts";
import { venueRestClient } from "../../lib/net/venue_rest_client.ts";
import { systemTimers, type Timers } from "../../lib/net/timers.ts";
import {
  bodyParams,
  type PoloniexCredentials,
  presign,
  queryParams,
  signature,
  sortedQuery,
} from "./auth.ts";
import type { RateTiers } from "./rate_tiers.ts";
import { restAnswer } from "./rest.ts";

export interface PoloniexPrivateRestOptions {
  readonly baseUrl: string;
  readonly credentials: PoloniexCredentials;
  readonly tiers: RateTiers;
  readonly timers?: Timers;
  readonly timeoutMs?: number;
}

type Method = "GET" | "POST" | "DELETE";

/**
 * Signed requests to Poloniex's private REST v3 (protocols.md §5.2.4): headers `key`, `signTimestamp` (ms)
 * and `signature` over `METHOD\n/path\nparams`, where params are the sorted query with the timestamp, or
 * `requestBody=<the exact body sent>&signTimestamp=<ts>`. The timestamp is taken right before the request
 * leaves (after the rate limiter). Reads go over pooled keep-alive connections; what changes the account
 * (POST, DELETE) goes out once, on a connection of its own, so that the HTTP stack cannot send it again
 * (RestClient `once`). Answers are never shown to a frame tap (they hold balances and orders), and the key
 * pair is read only while signing.
 */
export class PoloniexPrivateRest {
  #http: RestClient;
  #tiers: RateTiers;
  #timers: Timers;
  #credentials: PoloniexCredentials;

  constructor(opts: PoloniexPrivateRestOptions) {
    this.#timers = opts.timers ?? systemTimers;
    this.#tiers = opts.tiers;
    this.#credentials = opts.credentials;
    this.#http = venueRestClient({
      baseUrl: opts.baseUrl,
      timers: this.#timers,
      timeoutMs: opts.timeoutMs,
    });
  }

  close(): void {
    this.#http.close();
  }

  /** A signed GET; resolves with the answer's JSON (numbers as their text). */
  get(path: string, query: Readonly<Record<string, string>>, action: string): Promise<unknown> {
    return this.#send("GET", path, query, undefined, action);
  }

  /** A signed request with a JSON body, sent exactly as given. */
  withBody(method: "POST" | "DELETE", path: string, body: string, action: string): Promise<unknown> {
    return this.#send(method, path, {}, body, action);
  }

  /** A signed DELETE without a body (signs `signTimestamp` alone). */
  delete(path: string, action: string): Promise<unknown> {
    return this.#send("DELETE", path, {}, undefined, action);
  }

  async #send(
    method: Method,
    path: string,
    query: Readonly<Record<string, string>>,
    body: string | undefined,
    action: string,
  ): Promise<unknown> {
    await this.#tiers.take(method, path);
    const qs = sortedQuery(query);
    const res = await this.#http.send(
      method,
      qs ? `${path}?${qs}` : path,
      body,
      () => {
        const ts = String(this.#timers.now());
        const params = body === undefined ? queryParams(query, ts) : bodyParams(body, ts);
        const c = this.#credentials;
        return {
          ...(body === undefined ? {} : { "Content-Type": "application/json" }),
          key: c.key(),
          signTimestamp: ts,
          signature: signature(c.secret(), presign(method, path, params)),
        };
      },
      action,
      { once: method !== "GET" },
    );
    return restAnswer(res, action);
  }
}
