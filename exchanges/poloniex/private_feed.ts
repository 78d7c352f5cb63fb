import { AuthenticationError, ExchangeError, RequestTimeout } from "../../lib/core/errors.ts";
import type { ConnectionState } from "../../lib/core/events.ts";
import type { Log } from "../../lib/log/mod.ts";
import { AccountSocket } from "../../lib/net/account_socket.ts";
import type { SocketTuning } from "../../lib/net/socket_tuning.ts";
import { parseLexemeJson } from "../../lib/net/lexeme_json.ts";
import { systemTimers, type TimerHandle, type Timers } from "../../lib/net/timers.ts";
import { type PoloniexCredentials, signature, wsAuthPresign } from "./auth.ts";
import type { WsBalanceEvent, WsOrderEvent } from "./frames.ts";

export interface PoloniexPrivateFeedOptions extends SocketTuning {
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
  #socket: AccountSocket;
  #waiters = new Map<string, Waiter>();

  constructor(opts: PoloniexPrivateFeedOptions) {
    this.#opts = opts;
    this.#timers = opts.timers ?? systemTimers;
    this.#socket = new AccountSocket({
      url: opts.url,
      venue: "poloniex",
      title: "Poloniex",
      log: opts.log,
      timers: this.#timers,
      random: opts.random,
      backoff: opts.backoff,
      staleAfterMs: opts.staleAfterMs ?? 15_000,
      deadAfterMs: opts.deadAfterMs ?? 25_000,
      keepaliveMs: opts.keepaliveMs ?? 10_000,
      ping: () => '{"event":"ping"}',
      onMessage: (text) => this.#onMessage(text),
      setUp: (current) => this.#setUp(current),
      onDown: (detail) => this.#failWaiters(`the account feed went down${detail ? `: ${detail}` : ""}`),
      onState: opts.onState,
      onSubscribed: opts.onSubscribed,
    });
  }

  get subscribed(): boolean {
    return this.#socket.subscribed;
  }

  /** Frames the feed sent (auth, subscriptions, pings). */
  get sent(): number {
    return this.#socket.sent;
  }

  /**
   * Resolves once authenticated and subscribed. Rejects when the first attempt fails; after a network
   * failure the feed keeps retrying in the background, after a refused key it stops.
   */
  connect(): Promise<void> {
    return this.#socket.connect();
  }

  /** Drops the socket and reconnects after the backoff delay. */
  reconnect(reason: string): void {
    this.#socket.reconnect(reason);
  }

  async close(): Promise<void> {
    this.#failWaiters("the exchange was closed");
    await this.#socket.close();
  }

  /** The signed `auth` message, then `orders` (all pairs) and `balances`. */
  async #setUp(current: () => boolean): Promise<boolean> {
    const ts = String(this.#timers.now());
    const c = this.#opts.credentials;
    const auth = this.#wait("auth", "authenticate on poloniex");
    this.#socket.send(JSON.stringify({
      event: "subscribe",
      channel: ["auth"],
      params: { key: c.key(), signTimestamp: ts, signature: signature(c.secret(), wsAuthPresign(ts)) },
    }));
    await auth;
    if (!current()) return false;
    const orders = this.#wait("orders", "subscribe to orders on poloniex");
    const balances = this.#wait("balances", "subscribe to balances on poloniex");
    this.#socket.send('{"event":"subscribe","channel":["orders"],"symbols":["all"]}');
    this.#socket.send('{"event":"subscribe","channel":["balances"]}');
    await Promise.all([orders, balances]);
    return true;
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
}
