import { ExchangeUnavailable } from "../../lib/core/errors.ts";
import type { ConnectionState } from "../../lib/core/events.ts";
import type { Log } from "../../lib/log/mod.ts";
import { AccountSocket } from "../../lib/net/account_socket.ts";
import type { SocketTuning } from "../../lib/net/socket_tuning.ts";
import { systemTimers, type Timers } from "../../lib/net/timers.ts";
import type { WsBalance, WsExecution, WsLedgerEntry } from "./frames.ts";
import { parseLexemeJson } from "../../lib/net/lexeme_json.ts";
import { PendingReplies } from "../../lib/net/pending_replies.ts";

export interface KrakenPrivateFeedOptions extends SocketTuning {
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
}

/**
 * The private WS v2 feed (protocols.md §1.4): `executions` (open orders in the snapshot) and `balances`,
 * subscribed with a fresh token after every (re)connect. Reconnects like the public socket; a refused key
 * stops it for good. Frames are never tapped or logged: the subscriptions carry the token.
 */
export class KrakenPrivateFeed {
  #opts: KrakenPrivateFeedOptions;
  #socket: AccountSocket;
  #replies: PendingReplies;
  #reqId = 0;
  /** The token the current socket subscribed with; trading requests carry it too. */
  #token: string | null = null;

  constructor(opts: KrakenPrivateFeedOptions) {
    this.#opts = opts;
    const timers = opts.timers ?? systemTimers;
    this.#replies = new PendingReplies(timers);
    this.#socket = new AccountSocket({
      url: opts.url,
      venue: "kraken",
      title: "Kraken",
      log: opts.log,
      timers,
      random: opts.random,
      backoff: opts.backoff,
      staleAfterMs: opts.staleAfterMs ?? 5_000,
      deadAfterMs: opts.deadAfterMs ?? 15_000,
      ping: () => JSON.stringify({ method: "ping", req_id: ++this.#reqId }),
      onMessage: (text) => this.#onMessage(text),
      setUp: (current) => this.#subscribe(current),
      onDown: (detail) => {
        this.#token = null;
        this.#replies.failAll(detail ?? "connection lost");
      },
      onState: opts.onState,
    });
  }

  get subscribed(): boolean {
    return this.#socket.subscribed;
  }

  /**
   * Resolves once both channels are subscribed. Rejects when the first attempt fails; after a network
   * failure the feed keeps retrying in the background, after a refused key it stops.
   */
  connect(): Promise<void> {
    return this.#socket.connect();
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
    if (!this.#socket.subscribed || token === null || !this.#socket.isOpen) {
      return Promise.reject(new ExchangeUnavailable(`Cannot ${action}: the account feed is not connected`));
    }
    const id = ++this.#reqId;
    const withToken = `${params.slice(0, -1)}${params.length > 2 ? "," : ""}"token":${
      JSON.stringify(token)
    }}`;
    const reply = this.#replies.wait(id, action, timeoutMs, { refusal });
    this.#socket.send(`{"method":${JSON.stringify(method)},"params":${withToken},"req_id":${id}}`);
    return reply;
  }

  /** Drops the socket and reconnects after the backoff delay (a resubscription follows). */
  reconnect(reason: string): void {
    this.#socket.reconnect(reason);
  }

  async close(): Promise<void> {
    await this.#socket.close();
    this.#replies.failAll("the exchange was closed");
  }

  /** A fresh token, then both channels with it; the token is kept for trading once they are subscribed. */
  async #subscribe(current: () => boolean): Promise<boolean> {
    this.#token = null;
    const token = await this.#opts.token();
    if (!current() || !this.#socket.isOpen) return false;
    await Promise.all([
      this.#request(
        { channel: "executions", token, snap_orders: true, snap_trades: false },
        "subscribe to executions on kraken",
      ),
      this.#request({ channel: "balances", token, snapshot: true }, "subscribe to balances on kraken"),
    ]);
    if (!current()) return false;
    this.#token = token;
    return true;
  }

  #request(params: Record<string, unknown>, action: string): Promise<void> {
    const id = ++this.#reqId;
    this.#socket.send(JSON.stringify({ method: "subscribe", params, req_id: id }));
    return this.#replies.wait(id, action, this.#opts.replyTimeoutMs ?? 10_000).then(() => {});
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
}
