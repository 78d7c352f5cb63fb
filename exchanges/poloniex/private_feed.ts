import { AuthenticationError, errorText, ExchangeError, RequestTimeout } from "../../lib/core/errors.ts";
import type { ConnectionState } from "../../lib/core/events.ts";
import type { Log } from "../../lib/log/mod.ts";
import type { BackoffOptions } from "../../lib/net/backoff.ts";
import { parseLexemeJson } from "../../lib/net/lexeme_json.ts";
import { systemTimers, type TimerHandle, type Timers } from "../../lib/net/timers.ts";
import { WsClient } from "../../lib/net/ws_client.ts";
import { type PoloniexCredentials, signature, wsAuthPresign } from "./auth.ts";
import type { WsBalanceEvent, WsOrderEvent } from "./frames.ts";

export interface PoloniexPrivateFeedOptions {
  /** `[poloniex] ws_auth_url`. */
  readonly url: string;
  readonly credentials: PoloniexCredentials;
  onOrders(items: readonly WsOrderEvent[]): void;
  onBalances(items: readonly WsBalanceEvent[]): void;
  /** The feed's state: "connected" only once authenticated and both channels are subscribed. */
  onState(state: ConnectionState, detail?: string): void;
  /** Both channels are subscribed on a (new) socket: what happened meanwhile must be read over REST. */
  onSubscribed?(): void;
  readonly log: Log;
  readonly timers?: Timers;
  readonly random?: () => number;
  readonly backoff?: BackoffOptions;
  readonly staleAfterMs?: number;
  readonly deadAfterMs?: number;
  readonly keepaliveMs?: number;
  readonly replyTimeoutMs?: number;
}

interface Waiter {
  resolve(): void;
  reject(e: Error): void;
  timer: TimerHandle;
}

/**
 * The private WebSocket (protocols.md §5.2.6): after every (re)connect an auth message signed over
 * `GET\n/ws\nsignTimestamp=<ts>`, then `orders` (all pairs) and `balances`. Frames are read keeping every
 * number's text (balance ids exceed 2^53) and are never tapped or logged. A refused key stops it for good;
 * anything else reconnects with backoff. It pings as the public socket does: Poloniex ends a session after
 * 30 s without a client message.
 */
export class PoloniexPrivateFeed {
  #opts: PoloniexPrivateFeedOptions;
  #timers: Timers;
  #ws: WsClient;
  #waiters = new Map<string, Waiter>();
  #ready = false;
  #stopped = false;
  #first: { resolve(): void; reject(e: Error): void } | null = null;

  constructor(opts: PoloniexPrivateFeedOptions) {
    this.#opts = opts;
    this.#timers = opts.timers ?? systemTimers;
    this.#ws = new WsClient({
      url: opts.url,
      timers: this.#timers,
      random: opts.random,
      backoff: opts.backoff,
      staleAfterMs: opts.staleAfterMs ?? 15_000,
      deadAfterMs: opts.deadAfterMs ?? 25_000,
      keepaliveMs: opts.keepaliveMs ?? 10_000,
      ping: () => '{"event":"ping"}',
      onMessage: (text) => this.#onMessage(text),
      onOpen: () => {
        this.#ready = false;
        this.#setUp();
      },
      onState: (state, detail) => this.#onSocketState(state, detail),
      onError: (e) => opts.log.error(`Poloniex account message handling failed: ${errorText(e)}`),
    });
  }

  get subscribed(): boolean {
    return this.#ready;
  }

  /** Frames the feed sent (auth, subscriptions, pings). */
  get sent(): number {
    return this.#ws.sent;
  }

  /**
   * Resolves once authenticated and subscribed. Rejects when the first attempt fails; after a network
   * failure the feed keeps retrying in the background, after a refused key it stops.
   */
  connect(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#first = { resolve, reject };
      this.#ws.connect().catch((e) => {
        this.#settleFirst(e);
        if (!this.#stopped) this.#ws.reconnect(errorText(e));
      });
    });
  }

  /** Drops the socket and reconnects after the backoff delay. */
  reconnect(reason: string): void {
    this.#ws.reconnect(reason);
  }

  async close(): Promise<void> {
    this.#stopped = true;
    this.#settleFirst(new TypeError("Cannot open the poloniex account feed: the exchange was closed"));
    this.#failWaiters("the exchange was closed");
    await this.#ws.close();
  }

  async #setUp(): Promise<void> {
    const opens = this.#ws.opens;
    try {
      const ts = String(this.#timers.now());
      const c = this.#opts.credentials;
      const auth = this.#wait("auth", "authenticate on poloniex");
      this.#ws.send(JSON.stringify({
        event: "subscribe",
        channel: ["auth"],
        params: { key: c.key(), signTimestamp: ts, signature: signature(c.secret(), wsAuthPresign(ts)) },
      }));
      await auth;
      if (this.#stale(opens)) return;
      const orders = this.#wait("orders", "subscribe to orders on poloniex");
      const balances = this.#wait("balances", "subscribe to balances on poloniex");
      this.#ws.send('{"event":"subscribe","channel":["orders"],"symbols":["all"]}');
      this.#ws.send('{"event":"subscribe","channel":["balances"]}');
      await Promise.all([orders, balances]);
      if (this.#stale(opens)) return;
      this.#ready = true;
      this.#opts.onState("connected", opens > 1 ? "account feed resubscribed" : undefined);
      this.#opts.onSubscribed?.();
      this.#settleFirst(null);
    } catch (e) {
      if (this.#stale(opens)) return;
      if (e instanceof AuthenticationError) {
        this.#opts.log.error(`${e.message}; the account feed stops`);
        this.#settleFirst(e);
        this.#stopped = true;
        await this.#ws.close();
        return;
      }
      this.#opts.log.warn(`${errorText(e)}; reconnecting the account feed`);
      this.#settleFirst(e instanceof Error ? e : new Error(String(e)));
      this.#ws.reconnect(errorText(e));
    }
  }

  #stale(opens: number): boolean {
    return this.#stopped || this.#ws.opens !== opens;
  }

  #wait(key: string, action: string): Promise<void> {
    const ms = this.#opts.replyTimeoutMs ?? 10_000;
    return new Promise((resolve, reject) => {
      const timer = this.#timers.setTimeout(() => {
        this.#waiters.delete(key);
        reject(new RequestTimeout(`Cannot ${action}: no reply within ${ms} ms`));
      }, ms);
      this.#waiters.set(key, { resolve, reject, timer });
    });
  }

  #settle(key: string, error: Error | null): void {
    const w = this.#waiters.get(key);
    if (!w) return;
    this.#waiters.delete(key);
    this.#timers.clearTimeout(w.timer);
    if (error) w.reject(error);
    else w.resolve();
  }

  #failWaiters(reason: string): void {
    for (const key of [...this.#waiters.keys()]) this.#settle(key, new ExchangeError(reason));
  }

  #onSocketState(state: ConnectionState, detail?: string): void {
    if (state === "down") {
      this.#ready = false;
      this.#failWaiters(`the account feed went down${detail ? `: ${detail}` : ""}`);
    }
    if (state === "connected" && !this.#ready) return;
    this.#opts.onState(state, detail === undefined ? undefined : `account feed ${detail}`);
  }

  #onMessage(text: string): void {
    let msg: { event?: unknown; channel?: unknown; message?: unknown; data?: unknown };
    try {
      msg = parseLexemeJson(text) as typeof msg;
    } catch {
      this.#opts.log.warn(`Ignored a Poloniex account frame that is not JSON (${text.length} characters)`);
      return;
    }
    if (typeof msg !== "object" || msg === null) return;
    if (typeof msg.event === "string") {
      if (msg.event === "pong") return;
      if (msg.event === "error") {
        const reason = `Poloniex refused a request on the account feed: ${
          String(msg.message ?? "no reason given")
        }`;
        if (this.#waiters.size === 0) this.#opts.log.warn(reason);
        this.#failWaiters(reason);
        return;
      }
      if (msg.event === "subscribe") {
        const channel = String(Array.isArray(msg.channel) ? msg.channel[0] : msg.channel);
        // The key's verdict is the `auth` channel's message, never a bare acknowledgement.
        if (channel !== "auth") this.#settle(channel, null);
      }
      return;
    }
    if (msg.channel === "auth") {
      const data = (msg.data ?? {}) as { success?: unknown; message?: unknown };
      this.#settle(
        "auth",
        data.success === true ? null : new AuthenticationError(
          `Cannot authenticate on poloniex: ${String(data.message ?? "the key was refused")}`,
        ),
      );
      return;
    }
    if (!Array.isArray(msg.data)) return;
    if (msg.channel === "orders") this.#opts.onOrders(msg.data as WsOrderEvent[]);
    else if (msg.channel === "balances") this.#opts.onBalances(msg.data as WsBalanceEvent[]);
  }

  #settleFirst(e: Error | null): void {
    const f = this.#first;
    this.#first = null;
    if (!f) return;
    if (e) f.reject(e);
    else f.resolve();
  }
}
