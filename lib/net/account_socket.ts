import { AuthenticationError, errorText } from "../core/errors.ts";
import type { ConnectionState } from "../core/events.ts";
import type { Log } from "../core/log.ts";
import type { SocketTuning } from "./socket_tuning.ts";
import { systemTimers, type Timers } from "./timers.ts";
import { WsClient } from "./ws_client.ts";

export interface AccountSocketOptions extends Omit<SocketTuning, "replyTimeoutMs"> {
  readonly url: string;
  /** The venue's name in messages: "kraken". */
  readonly venue: string;
  /** The venue as a log line starts with it: "Kraken". */
  readonly title: string;
  readonly log: Log;
  readonly timers?: Timers;
  ping(): string;
  onMessage(text: string): void;
  /**
   * Authenticates and subscribes on a freshly opened socket. `current()` turns false once that socket is
   * gone or the feed stopped. Resolves true when subscribed, false to give up on this socket quietly; a
   * throw is what went wrong: an AuthenticationError stops the feed for good, anything else reconnects.
   */
  setUp(current: () => boolean): Promise<boolean>;
  /** The socket went down: replies still awaited fail, what belonged to it is forgotten. */
  onDown?(detail: string | undefined): void;
  /** The feed's state: "connected" only once set up on the current socket. */
  onState(state: ConnectionState, detail?: string): void;
  /** Set up on a (new) socket: what happened meanwhile must be read over REST. */
  onSubscribed?(): void;
}

/**
 * The socket of a venue's private feed: set up (authenticated, subscribed) after every (re)connect, it
 * reconnects with backoff after a network failure and stops for good when the key is refused. It counts as
 * connected only once set up. Its frames are never tapped or logged: they carry tokens, balances, orders.
 */
export class AccountSocket {
  #opts: AccountSocketOptions;
  #ws: WsClient;
  #ready = false;
  #stopped = false;
  #first: { resolve(): void; reject(e: Error): void } | null = null;

  constructor(opts: AccountSocketOptions) {
    this.#opts = opts;
    this.#ws = new WsClient({
      url: opts.url,
      timers: opts.timers ?? systemTimers,
      random: opts.random,
      backoff: opts.backoff,
      staleAfterMs: opts.staleAfterMs,
      deadAfterMs: opts.deadAfterMs,
      keepaliveMs: opts.keepaliveMs,
      ping: opts.ping,
      onMessage: opts.onMessage,
      onOpen: () => {
        this.#ready = false;
        this.#setUp();
      },
      onState: (state, detail) => this.#onSocketState(state, detail),
      onError: (e) => opts.log.error(`${opts.title} account message handling failed: ${errorText(e)}`),
    });
  }

  /** Set up on the current socket. */
  get subscribed(): boolean {
    return this.#ready;
  }

  get isOpen(): boolean {
    return this.#ws.isOpen;
  }

  /** Frames sent (auth, subscriptions, pings, requests). */
  get sent(): number {
    return this.#ws.sent;
  }

  /** Sends a text frame; false when the socket is not open. */
  send(text: string): boolean {
    return this.#ws.send(text);
  }

  /**
   * Resolves once set up. Rejects when the first attempt fails; after a network failure the feed keeps
   * retrying in the background, after a refused key it stops.
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

  /** Drops the socket and reconnects after the backoff delay (set up again). */
  reconnect(reason: string): void {
    this.#ws.reconnect(reason);
  }

  async close(): Promise<void> {
    this.#stopped = true;
    this.#settleFirst(
      new TypeError(`Cannot open the ${this.#opts.venue} account feed: the exchange was closed`),
    );
    await this.#ws.close();
  }

  async #setUp(): Promise<void> {
    const opens = this.#ws.opens;
    const current = () => !this.#stopped && this.#ws.opens === opens;
    try {
      if (!await this.#opts.setUp(current) || !current()) return;
      this.#ready = true;
      this.#opts.onState("connected", opens > 1 ? "account feed resubscribed" : undefined);
      this.#opts.onSubscribed?.();
      this.#settleFirst(null);
    } catch (e) {
      if (!current()) return;
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

  #onSocketState(state: ConnectionState, detail?: string): void {
    if (state === "down") {
      this.#ready = false;
      this.#opts.onDown?.(detail);
    }
    // The socket being open is not enough: the feed is connected once set up.
    if (state === "connected" && !this.#ready) return;
    this.#opts.onState(state, detail === undefined ? undefined : `account feed ${detail}`);
  }

  #settleFirst(e: Error | null): void {
    const f = this.#first;
    this.#first = null;
    if (!f) return;
    if (e) f.reject(e);
    else f.resolve();
  }
}
