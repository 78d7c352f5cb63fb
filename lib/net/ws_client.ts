import type { ConnectionState } from "../core/events.ts";
import { errorText, ExchangeUnavailable } from "../core/errors.ts";
import { backoffDelay, type BackoffOptions, DEFAULT_BACKOFF } from "./backoff.ts";
import type { FrameTap } from "./raw_frame.ts";
import { systemTimers, type TimerHandle, type Timers } from "./timers.ts";

export interface WsClientOptions {
  readonly url: string;
  /** Called for every text frame, in arrival order. */
  onMessage(text: string): void;
  /** Called after every successful (re)open, before the state turns "connected" and before any message. */
  onOpen?(): void;
  /** Connection state changes: connecting, connected, stale, down. */
  onState?(state: ConnectionState, detail?: string): void;
  /** An exception from onMessage/onOpen (the connection carries on). */
  onError?(e: unknown): void;
  /** The application-level ping frame to send when the line goes quiet. */
  ping?(): string;
  readonly timers?: Timers;
  readonly random?: () => number;
  readonly backoff?: BackoffOptions;
  /** Silence after which the connection is reported stale and a ping is sent. */
  readonly staleAfterMs?: number;
  /** Silence after which the socket is dropped and reopened. */
  readonly deadAfterMs?: number;
  /**
   * Client-side keepalive: whenever this client has sent nothing for this long, `ping()` goes out, whatever
   * arrives meanwhile (for venues that end a session on client silence, such as Poloniex after 30 s). Off
   * when absent or 0.
   */
  readonly keepaliveMs?: number;
  readonly tap?: FrameTap;
}

/**
 * A WebSocket that stays up: a watchdog on inbound silence (stale -> ping -> drop), optionally a keepalive
 * ping on outbound silence, reconnects with exponential backoff and jitter after any drop, and calls onOpen
 * after each reopen so the owner can resubscribe. Only close() stops it.
 */
export class WsClient {
  readonly url: string;
  #opts: WsClientOptions;
  #timers: Timers;
  #socket: WebSocket | null = null;
  #state: ConnectionState = "down";
  #attempt = 0;
  #lastMessageAt = 0;
  #lastSentAt = 0;
  #watchTimer: TimerHandle | null = null;
  #keepaliveTimer: TimerHandle | null = null;
  #retryTimer: TimerHandle | null = null;
  #closed = false;
  #closing = new Set<Promise<void>>();
  #staleAfter: number;
  #deadAfter: number;
  /** Opens since construction; the first is 1. */
  opens = 0;
  /** Frames sent since construction. */
  sent = 0;

  constructor(opts: WsClientOptions) {
    this.#opts = opts;
    this.url = opts.url;
    this.#timers = opts.timers ?? systemTimers;
    this.#staleAfter = opts.staleAfterMs ?? 5_000;
    this.#deadAfter = Math.max(opts.deadAfterMs ?? 15_000, this.#staleAfter);
  }

  get state(): ConnectionState {
    return this.#state;
  }

  get isOpen(): boolean {
    return this.#socket?.readyState === WebSocket.OPEN;
  }

  /** Opens the first connection; rejects with ExchangeUnavailable when that first attempt fails. */
  connect(): Promise<void> {
    if (this.#closed) return Promise.reject(new TypeError(`Cannot connect to ${this.url}: client is closed`));
    if (this.#socket) return Promise.resolve();
    return new Promise((resolve, reject) => this.#open(resolve, reject));
  }

  /** Sends a text frame; false when the socket is not open (the frame is dropped). */
  send(text: string): boolean {
    const s = this.#socket;
    if (!s || s.readyState !== WebSocket.OPEN) return false;
    s.send(text);
    this.sent++;
    this.#lastSentAt = this.#timers.now();
    return true;
  }

  /** Drops the current socket and reconnects after the backoff delay. */
  reconnect(reason: string): void {
    if (this.#closed) return;
    this.#drop();
    this.#setState("down", reason);
    this.#scheduleRetry();
  }

  /** Stops for good: no more reconnects; resolves when every socket has closed. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#clearTimers();
    this.#drop();
    this.#setState("down", "closed");
    while (this.#closing.size > 0) await Promise.all([...this.#closing]);
  }

  #open(resolve?: () => void, reject?: (e: Error) => void): void {
    this.#setState("connecting");
    let socket: WebSocket;
    try {
      socket = new WebSocket(this.url);
    } catch (e) {
      const err = new ExchangeUnavailable(`Cannot connect to ${this.url}: ${errorText(e)}`, { cause: e });
      if (reject) reject(err);
      else this.#onDown(err.message);
      return;
    }
    socket.binaryType = "arraybuffer";
    this.#socket = socket;
    let opened = false;
    const closed = new Promise<void>((done) => {
      socket.onclose = (ev) => {
        done();
        if (this.#socket !== socket) return;
        this.#socket = null;
        this.#stopWatch();
        this.#stopKeepalive();
        const detail = ev.code === 1000 || ev.code === 1005
          ? "closed by the server"
          : `closed (${ev.code}${ev.reason ? ` ${ev.reason}` : ""})`;
        if (!opened && reject) {
          reject(new ExchangeUnavailable(`Cannot connect to ${this.url}: ${detail}`));
          this.#setState("down", detail);
          return;
        }
        this.#onDown(detail);
      };
    });
    this.#closing.add(closed);
    closed.then(() => this.#closing.delete(closed));
    socket.onerror = () => {};
    socket.onopen = () => {
      if (this.#socket !== socket) return;
      opened = true;
      this.opens++;
      this.#lastMessageAt = this.#timers.now();
      this.#lastSentAt = this.#lastMessageAt;
      try {
        this.#opts.onOpen?.();
      } catch (e) {
        this.#opts.onError?.(e);
      }
      this.#setState("connected");
      this.#watch();
      this.#keepalive();
      resolve?.();
    };
    socket.onmessage = (ev) => {
      if (this.#socket !== socket) return;
      const text = typeof ev.data === "string" ? ev.data : new TextDecoder().decode(ev.data as ArrayBuffer);
      this.#lastMessageAt = this.#timers.now();
      this.#attempt = 0;
      this.#opts.tap?.({ t: this.#lastMessageAt, src: "ws", url: this.url, data: text });
      if (this.#state === "stale") {
        this.#setState("connected");
        this.#watch();
      }
      try {
        this.#opts.onMessage(text);
      } catch (e) {
        this.#opts.onError?.(e);
      }
    };
  }

  #onDown(detail: string): void {
    if (this.#closed) return;
    this.#setState("down", detail);
    this.#scheduleRetry();
  }

  #scheduleRetry(): void {
    if (this.#closed || this.#retryTimer !== null) return;
    const delay = backoffDelay(this.#attempt++, this.#opts.backoff ?? DEFAULT_BACKOFF, this.#opts.random);
    this.#retryTimer = this.#timers.setTimeout(() => {
      this.#retryTimer = null;
      if (!this.#closed && !this.#socket) this.#open();
    }, delay);
  }

  /** Detaches the current socket and closes it; its close event no longer counts. */
  #drop(): void {
    const s = this.#socket;
    this.#socket = null;
    this.#stopWatch();
    this.#stopKeepalive();
    if (s && s.readyState !== WebSocket.CLOSED && s.readyState !== WebSocket.CLOSING) {
      try {
        s.close(1000);
      } catch {
        // Already failing; its close event still arrives.
      }
    }
  }

  #watch(): void {
    this.#stopWatch();
    const now = this.#timers.now();
    const silence = now - this.#lastMessageAt;
    if (silence >= this.#deadAfter) {
      this.reconnect(`no message for ${silence} ms`);
      return;
    }
    let next: number;
    if (silence >= this.#staleAfter) {
      if (this.#state !== "stale") {
        this.#setState("stale", `no message for ${silence} ms`);
        const ping = this.#opts.ping?.();
        if (ping !== undefined) this.send(ping);
      }
      next = this.#lastMessageAt + this.#deadAfter;
    } else {
      next = this.#lastMessageAt + this.#staleAfter;
    }
    this.#watchTimer = this.#timers.setTimeout(() => {
      this.#watchTimer = null;
      this.#watch();
    }, Math.max(1, next - now));
  }

  #stopWatch(): void {
    if (this.#watchTimer !== null) this.#timers.clearTimeout(this.#watchTimer);
    this.#watchTimer = null;
  }

  #stopKeepalive(): void {
    if (this.#keepaliveTimer !== null) this.#timers.clearTimeout(this.#keepaliveTimer);
    this.#keepaliveTimer = null;
  }

  /** Sends `ping()` when nothing was sent for keepaliveMs; the timer re-arms from the last frame sent. */
  #keepalive(): void {
    const every = this.#opts.keepaliveMs ?? 0;
    if (!(every > 0) || !this.#opts.ping) return;
    if (this.#keepaliveTimer !== null) this.#timers.clearTimeout(this.#keepaliveTimer);
    const now = this.#timers.now();
    if (now - this.#lastSentAt >= every) this.send(this.#opts.ping());
    this.#keepaliveTimer = this.#timers.setTimeout(() => {
      this.#keepaliveTimer = null;
      if (this.isOpen) this.#keepalive();
    }, Math.max(1, this.#lastSentAt + every - this.#timers.now()));
  }

  #clearTimers(): void {
    this.#stopWatch();
    this.#stopKeepalive();
    if (this.#retryTimer !== null) this.#timers.clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
  }

  #setState(state: ConnectionState, detail?: string): void {
    if (state === this.#state) return;
    this.#state = state;
    this.#opts.onState?.(state, detail);
  }
}
