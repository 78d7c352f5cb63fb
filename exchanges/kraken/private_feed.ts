import { errorText } from "../../lib/core/mod.ts";
import { AuthenticationError, ExchangeUnavailable } from "../../lib/core/errors.ts";
import type { ConnectionState } from "../../lib/core/events.ts";
import type { Log } from "../../lib/log/mod.ts";
import type { BackoffOptions } from "../../lib/net/backoff.ts";
import { systemTimers, type Timers } from "../../lib/net/timers.ts";
import { WsClient } from "../../lib/net/ws_client.ts";
import type { WsBalance, WsExecution, WsLedgerEntry } from "./frames.ts";
import { parseLexemeJson } from "../../lib/net/lexeme_json.ts";
import { PendingReplies } from "../../lib/net/pending_replies.ts";

export interface KrakenPrivateFeedOptions {
  /** `[kraken] ws_auth_url`. */
  readonly url: string;
  /** A fresh GetWebSocketsToken token; one per connection (a held connection keeps it alive). */
  token(): Promise<string>;
  onExecutions(type: string, items: readonly WsExecution[]): void;
  onBalances(type: string, items: readonly (WsBalance | WsLedgerEntry)[]): void;
  /** The feed's state: "connected" only once both channels are subscribed on the current socket. */
  onState(state: ConnectionState, detail?: string): void;
  readonly log: Log;
  readonly timers?: Timers;
  readonly random?: () => number;
  readonly backoff?: BackoffOptions;
  readonly staleAfterMs?: number;
  readonly deadAfterMs?: number;
  readonly replyTimeoutMs?: number;
}

/**
 * The private WS v2 feed (protocols.md §1.4): `executions` (open orders in the snapshot) and `balances`,
 * subscribed with a fresh token after every (re)connect. Reconnects like the public socket; a refused key
 * stops it for good. Frames are never tapped or logged: the subscriptions carry the token.
 */
export class KrakenPrivateFeed {
  #opts: KrakenPrivateFeedOptions;
  #ws: WsClient;
  #replies: PendingReplies;
  #reqId = 0;
  #ready = false;
  /** The token the current socket subscribed with; trading requests carry it too. */
  #token: string | null = null;
  #stopped = false;
  #first: { resolve(): void; reject(e: Error): void } | null = null;

  constructor(opts: KrakenPrivateFeedOptions) {
    this.#opts = opts;
    const timers = opts.timers ?? systemTimers;
    this.#replies = new PendingReplies(timers);
    this.#ws = new WsClient({
      url: opts.url,
      timers,
      random: opts.random,
      backoff: opts.backoff,
      staleAfterMs: opts.staleAfterMs ?? 5_000,
      deadAfterMs: opts.deadAfterMs ?? 15_000,
      ping: () => JSON.stringify({ method: "ping", req_id: ++this.#reqId }),
      onMessage: (text) => this.#onMessage(text),
      onOpen: () => {
        this.#ready = false;
        this.#token = null;
        this.#subscribe();
      },
      onState: (state, detail) => this.#onSocketState(state, detail),
      onError: (e) => opts.log.error(`Kraken account message handling failed: ${errorText(e)}`),
    });
  }

  get subscribed(): boolean {
    return this.#ready;
  }

  /**
   * Resolves once both channels are subscribed. Rejects when the first attempt fails; after a network
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

  /**
   * Sends a trading request (add_order, cancel_order, cancel_all) on the subscribed socket with its token
   * and resolves with the reply's `result`. `params` is JSON object text, so that amounts go out as the
   * exact decimal text they were written as. When the feed is not subscribed nothing is sent and it
   * rejects with ExchangeUnavailable; `refusal` turns the venue's error string into the error to throw.
   */
  trade(
    method: string,
    params: string,
    action: string,
    timeoutMs: number,
    refusal: (error: string) => Error,
  ): Promise<unknown> {
    const token = this.#token;
    if (!this.#ready || token === null || !this.#ws.isOpen) {
      return Promise.reject(new ExchangeUnavailable(`Cannot ${action}: the account feed is not connected`));
    }
    const id = ++this.#reqId;
    const withToken = `${params.slice(0, -1)}${params.length > 2 ? "," : ""}"token":${
      JSON.stringify(token)
    }}`;
    const reply = this.#replies.wait(id, action, timeoutMs, { refusal });
    this.#ws.send(`{"method":${JSON.stringify(method)},"params":${withToken},"req_id":${id}}`);
    return reply;
  }

  /** Drops the socket and reconnects after the backoff delay (a resubscription follows). */
  reconnect(reason: string): void {
    this.#ws.reconnect(reason);
  }

  async close(): Promise<void> {
    this.#stopped = true;
    this.#settleFirst(new TypeError("Cannot open the kraken account feed: the exchange was closed"));
    await this.#ws.close();
    this.#replies.failAll("the exchange was closed");
  }

  async #subscribe(): Promise<void> {
    const opens = this.#ws.opens;
    try {
      const token = await this.#opts.token();
      if (this.#stopped || this.#ws.opens !== opens || !this.#ws.isOpen) return;
      await Promise.all([
        this.#request(
          { channel: "executions", token, snap_orders: true, snap_trades: false },
          "subscribe to executions on kraken",
        ),
        this.#request({ channel: "balances", token, snapshot: true }, "subscribe to balances on kraken"),
      ]);
      if (this.#stopped || this.#ws.opens !== opens) return;
      this.#ready = true;
      this.#token = token;
      this.#opts.onState("connected", opens > 1 ? "account feed resubscribed" : undefined);
      this.#settleFirst(null);
    } catch (e) {
      if (this.#stopped || this.#ws.opens !== opens) return;
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

  #request(params: Record<string, unknown>, action: string): Promise<void> {
    const id = ++this.#reqId;
    this.#ws.send(JSON.stringify({ method: "subscribe", params, req_id: id }));
    return this.#replies.wait(id, action, this.#opts.replyTimeoutMs ?? 10_000).then(() => {});
  }

  #onSocketState(state: ConnectionState, detail?: string): void {
    if (state === "down") {
      this.#ready = false;
      this.#token = null;
      this.#replies.failAll(detail ?? "connection lost");
    }
    // The socket being open is not enough: the feed is connected once subscribed.
    if (state === "connected" && !this.#ready) return;
    this.#opts.onState(state, detail === undefined ? undefined : `account feed ${detail}`);
  }

  #onMessage(text: string): void {
    let msg: {
      channel?: string;
      type?: string;
      data?: unknown;
      method?: string;
      req_id?: string;
      success?: boolean;
      error?: string;
      result?: unknown;
    };
    try {
      msg = parseLexemeJson(text) as typeof msg;
    } catch {
      this.#opts.log.warn(`Ignored a Kraken account frame that is not JSON (${text.length} characters)`);
      return;
    }
    if (typeof msg !== "object" || msg === null) return;
    if (typeof msg.method === "string") {
      if (msg.method === "pong") return;
      const settled = this.#replies.settle(
        msg.req_id ?? null,
        msg.success === true,
        msg.error ?? null,
        msg.result,
      );
      if (!settled && msg.success === false) {
        this.#opts.log.warn(
          `Kraken refused ${msg.method} on the account feed: ${msg.error ?? "no reason given"}`,
        );
      }
      return;
    }
    if (!Array.isArray(msg.data)) return;
    if (msg.channel === "executions") this.#opts.onExecutions(String(msg.type), msg.data as WsExecution[]);
    else if (msg.channel === "balances") this.#opts.onBalances(String(msg.type), msg.data as WsBalance[]);
  }

  #settleFirst(e: Error | null): void {
    const f = this.#first;
    this.#first = null;
    if (!f) return;
    if (e) f.reject(e);
    else f.resolve();
  }
}
