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

export interface PostOptions {
  /**
   * The request changes something (places or cancels an order) and must reach the server at most once: it
   * goes out on a new connection of its own, never on a pooled keep-alive one. Deno's fetch sends a request
   * again by itself when a pooled connection closes or resets before the answer (it takes that for a stale
   * connection the server never read from), so a venue that carried out the request and then lost the line
   * would get it twice (docs/architecture.md, "No pooled connections for orders").
   */
  readonly once?: boolean;
}

export interface RestResponse {
  readonly url: string;
  readonly status: number;
  readonly text: string;
  /** The response headers (a venue's clock in `Date`, a response signature...). */
  readonly headers: Headers;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const FORM = { "Content-Type": "application/x-www-form-urlencoded" } as const;

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
  /** For `once` requests: keeps no idle connection, so every request gets a fresh one; HTTP/1.1 only. */
  #unpooled: Deno.HttpClient | null = null;
  #closed = false;

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
   * A null body sends no body at all and no Content-Type (venues that sign the header refuse one then).
   */
  post(
    path: string,
    prepare: () => { readonly body: string | null; readonly headers: Readonly<Record<string, string>> },
    action: string,
    opts: PostOptions = {},
  ): Promise<RestResponse> {
    return this.#request(this.baseUrl + path, action, () => {
      const { body, headers } = prepare();
      return {
        method: "POST",
        body,
        headers: { ...this.#opts.headers, ...(body === null ? {} : FORM), ...headers },
        ...this.#connection(opts),
      };
    });
  }

  /**
   * Any method on `pathAndQuery` ("/orders?symbol=BTC_USDT") with `body` sent exactly as given (the text
   * that was signed). `headers` runs after the rate limiter let the request through and right before it
   * leaves: signatures over a timestamp belong there. `once` as for post().
   */
  send(
    method: "GET" | "POST" | "PUT" | "DELETE",
    pathAndQuery: string,
    body: string | undefined,
    headers: () => Readonly<Record<string, string>>,
    action: string,
    opts: PostOptions = {},
  ): Promise<RestResponse> {
    return this.#request(this.baseUrl + pathAndQuery, action, () => ({
      method,
      body,
      headers: { ...this.#opts.headers, ...headers() },
      ...this.#connection(opts),
    }));
  }

  /** Releases the connection-less client of `once` requests (pooled connections close by themselves). */
  close(): void {
    this.#closed = true;
    this.#unpooled?.close();
    this.#unpooled = null;
  }

  /** A `once` request's own connection; the pool's otherwise. */
  #connection(opts: PostOptions): { client?: Deno.HttpClient } {
    return opts.once ? { client: this.#unpooledClient() } : {};
  }

  #unpooledClient(): Deno.HttpClient {
    if (this.#closed) throw new TypeError("Cannot send a request: the REST client is closed");
    this.#unpooled ??= Deno.createHttpClient({ poolMaxIdlePerHost: 0, http1: true, http2: false });
    return this.#unpooled;
  }

  async #request(
    url: string,
    action: string,
    init?: () => RequestInit & { client?: Deno.HttpClient },
  ): Promise<RestResponse> {
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
      return { url, status: res.status, text, headers: res.headers };
    } catch (e) {
      if (timedOut) {
        throw new RequestTimeout(`Cannot ${action}: no answer within ${this.timeoutMs} ms`, { cause: e });
      }
      if (e instanceof RateLimited || e instanceof ExchangeUnavailable) throw e;
      const detail = errorDetail(e);
      throw new ExchangeUnavailable(`Cannot ${action}: ${detail}`, { cause: e });
    } finally {
      this.#timers.clearTimeout(timer);
    }
  }
}

/** "fetch failed: ... connection closed before message completed": the transport's reason too. */
function errorDetail(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const cause = e.cause instanceof Error ? e.cause.message : "";
  return cause && !e.message.includes(cause) ? `${e.message}: ${cause}` : e.message;
}
