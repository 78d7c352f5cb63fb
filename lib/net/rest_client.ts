import { ExchangeUnavailable, RateLimited, RequestTimeout } from "../core/errors.ts";
import type { TokenBucket } from "./rate_limiter.ts";
import type { FrameTap } from "./raw_frame.ts";
import { systemTimers, type Timers } from "./timers.ts";

export interface RestClientOptions {
  /** Scheme, host and optional path prefix: "https://api.kraken.com". */
  readonly baseUrl: string;
  /** Whole request, body included. */
  readonly timeoutMs?: number;
  readonly timers?: Timers;
  readonly limiter?: TokenBucket;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sees every response body that came back (any status). */
  readonly tap?: FrameTap;
  /** Delay assumed by RateLimited when a 429 carries no Retry-After. */
  readonly defaultRetryAfterMs?: number;
}

export interface RestResponse {
  readonly url: string;
  readonly status: number;
  readonly text: string;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * HTTP requests with a deadline, a client-side rate limit and transport failures mapped to NetworkError
 * subclasses. Venue error bodies (HTTP 2xx/4xx) are returned for the adapter to interpret.
 * `action` completes "Cannot ..." in error messages: `load ticker for "BTC/USD" on kraken`.
 */
export class RestClient {
  readonly baseUrl: string;
  readonly timeoutMs: number;
  #opts: RestClientOptions;
  #timers: Timers;

  constructor(opts: RestClientOptions) {
    this.#opts = opts;
    this.baseUrl = opts.baseUrl.replace(/\/+$/, "");
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#timers = opts.timers ?? systemTimers;
  }

  /** GET `path` with the query parameters (undefined values are left out). */
  get(
    path: string,
    query: Readonly<Record<string, string | number | undefined>>,
    action: string,
  ): Promise<RestResponse> {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
    const qs = params.toString();
    return this.#request(this.baseUrl + path + (qs ? `?${qs}` : ""), action);
  }

  /**
   * POST `body` as sent (form-encoded text that was signed) with extra headers. `prepare` runs after the
   * rate limiter let the request through and right before it leaves: nonces and signatures belong there,
   * so a request that waited for a token never goes out with an older nonce than one sent meanwhile.
   */
  post(
    path: string,
    prepare: () => { readonly body: string; readonly headers: Readonly<Record<string, string>> },
    action: string,
  ): Promise<RestResponse> {
    return this.#request(this.baseUrl + path, action, () => {
      const { body, headers } = prepare();
      return {
        method: "POST",
        body,
        headers: { ...this.#opts.headers, "Content-Type": "application/x-www-form-urlencoded", ...headers },
      };
    });
  }

  async #request(url: string, action: string, init?: () => RequestInit): Promise<RestResponse> {
    await this.#opts.limiter?.take();
    const request = init ? init() : { headers: this.#opts.headers };
    const controller = new AbortController();
    let timedOut = false;
    const timer = this.#timers.setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.timeoutMs);
    try {
      const res = await fetch(url, { ...request, signal: controller.signal });
      const text = await res.text();
      this.#opts.tap?.({ t: this.#timers.now(), src: "rest", url, data: text });
      if (res.status === 429) {
        const after = Number(res.headers.get("retry-after"));
        const ms = Number.isFinite(after) && after >= 0
          ? after * 1000
          : this.#opts.defaultRetryAfterMs ?? 1000;
        throw new RateLimited(`Cannot ${action}: rate limited (HTTP 429), retry after ${ms} ms`, ms);
      }
      if (res.status >= 500) {
        throw new ExchangeUnavailable(`Cannot ${action}: HTTP ${res.status} ${res.statusText}`.trimEnd());
      }
      return { url, status: res.status, text };
    } catch (e) {
      if (timedOut) {
        throw new RequestTimeout(`Cannot ${action}: no answer within ${this.timeoutMs} ms`, { cause: e });
      }
      if (e instanceof RateLimited || e instanceof ExchangeUnavailable) throw e;
      const detail = e instanceof Error ? e.message : String(e);
      throw new ExchangeUnavailable(`Cannot ${action}: ${detail}`, { cause: e });
    } finally {
      this.#timers.clearTimeout(timer);
    }
  }
}
