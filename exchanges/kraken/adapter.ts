import {
  type Balances,
  type BookReader,
  type BookSnapshot,
  type BookUpdate,
  type Candle,
  type CandleQuery,
  type EventSource,
  type Exchange,
  type ExchangeEvent,
  type Instrument,
  type Order,
  type SubmitOrder,
  type Subscription,
  type TickerChanged,
  type TradePrinted,
} from "../../lib/core/mod.ts";
import { loadOnce } from "../../lib/core/load_once.ts";
import { pickInstrument } from "../../lib/core/pick_instrument.ts";
import { requireKey } from "../../lib/core/require_key.ts";
import { CandleGaps } from "../../lib/market/candle_gaps.ts";
import { intervalCandles } from "../../lib/market/interval_candles.ts";
import { type Log, nullLog } from "../../lib/log/mod.ts";
import type { BackoffOptions } from "../../lib/net/backoff.ts";
import { FrameTaps } from "../../lib/net/frame_taps.ts";
import type { FrameTap } from "../../lib/net/raw_frame.ts";
import { systemTimers, type Timers } from "../../lib/net/timers.ts";
import { logRejected } from "../../lib/net/log_rejected.ts";
import { MarketFeed } from "../../lib/net/market_feed.ts";
import { socketTuning } from "../../lib/net/socket_tuning.ts";
import type { KrakenAccount, OrderRef } from "./account.ts";
import type { KrakenCredentials } from "./auth.ts";
import { verifyKrakenBook } from "./verify.ts";
import { KrakenDecoder } from "./decoder.ts";
import type { WsMessage } from "./parse.ts";
import { MemoryNonce, type NonceSource } from "../../lib/net/nonce.ts";
import { FileNonce } from "../../lib/net/nonce_file.ts";
import type { PairLookup } from "./private_parse.ts";
import type { Rate } from "./private_rest.ts";
import { KrakenPrivateSession } from "./private_session.ts";
import { PendingReplies } from "../../lib/net/pending_replies.ts";
import { KrakenRest } from "./rest.ts";
import { bookDepth, OHLC_INTERVALS, type WsSubscription, wsSubscription } from "./subscriptions.ts";
import { KRAKEN_REST_URL, KRAKEN_WS_AUTH_URL, KRAKEN_WS_URL } from "./urls.ts";

export interface KrakenOptions {
  /** `[kraken] rest_url`; default https://api.kraken.com. */
  readonly rest_url?: string;
  /** `[kraken] ws_url`; default wss://ws.kraken.com/v2. */
  readonly ws_url?: string;
  /** `[kraken] ws_auth_url`, for the private feed (not used by market data). */
  readonly ws_auth_url?: string;
  readonly log?: Log;
  readonly timers?: Timers;
  /** Jitter source for reconnect backoff. */
  readonly random?: () => number;
  readonly backoff?: BackoffOptions;
  /** Silence before the connection counts as stale and a ping goes out (heartbeats come every second). */
  readonly staleAfterMs?: number;
  /** Silence before the socket is dropped and reopened. */
  readonly deadAfterMs?: number;
  readonly restTimeoutMs?: number;
  /** How long a subscribe waits for its acknowledgement. */
  readonly replyTimeoutMs?: number;
  readonly restRate?: Rate;
  /**
   * The API key pair, read through functions (lib/secrets decrypts it). Without it account calls throw
   * AuthenticationError and only market data is available.
   */
  readonly credentials?: KrakenCredentials;
  /** State file for nonces shared by every process using the key (beside the ini); memory only without. */
  readonly nonceFile?: string;
  /** A nonce source replacing the file (tests). */
  readonly nonce?: NonceSource;
  /** Client-side limit of account calls (Balance, OpenOrders, ...). */
  readonly privateRate?: Rate;
  /** Client-side limit of AddOrder, CancelOrder and CancelAll. */
  readonly tradingRate?: Rate;
  /**
   * `[kraken] order_transport`: "rest" (default) sends orders with AddOrder/CancelOrder/CancelAll; "ws" with
   * add_order/cancel_order/cancel_all on the account socket while it is subscribed, REST otherwise.
   */
  readonly order_transport?: "rest" | "ws";
}

/**
 * Kraken spot behind the Exchange interface: WS v2 market data (book with checksums, ticker, trade, ohlc)
 * and public REST; with credentials, the account over signed REST and the private WS v2 feed
 * (executions, balances). Reconnects and resubscribes by itself; a book found wrong upstream is fetched
 * again with resync(). Without credentials account calls throw AuthenticationError.
 */
export class KrakenExchange implements Exchange {
  readonly venue = "kraken";
  readonly restUrl: string;
  readonly wsUrl: string;
  readonly wsAuthUrl: string;
  readonly decoder = new KrakenDecoder();
  /** Book resyncs requested since start. */
  resyncs = 0;
  #opts: KrakenOptions;
  #log: Log;
  #timers: Timers;
  #rest: KrakenRest;
  #feed: MarketFeed<WsSubscription>;
  #instruments = loadOnce(() =>
    this.#rest.assetPairs().then(({ instruments, names }) => {
      this.decoder.setInstruments(instruments);
      for (const [name, symbol] of names) this.#pairNames.set(name, symbol);
      return instruments;
    })
  );
  #pairNames = new Map<string, string>();
  #private: KrakenPrivateSession | null = null;
  #subs: Map<string, WsSubscription>;
  #replies: PendingReplies;
  #reqId = 0;
  #candleGaps = new CandleGaps();
  #taps = new FrameTaps();

  constructor(opts: KrakenOptions = {}) {
    this.#opts = opts;
    this.#log = opts.log ?? nullLog;
    this.#timers = opts.timers ?? systemTimers;
    this.#replies = new PendingReplies(this.#timers);
    this.#feed = new MarketFeed<WsSubscription>({
      name: "Kraken",
      timers: this.#timers,
      log: this.#log,
      isBook: (sub) => sub.channel === "book",
      resubscribe: (sub) =>
        this.#request("subscribe", sub.params, `resubscribe to "${sub.symbol}" on kraken`, sub.key),
      resubscribed: (sub) => {
        if (sub.channel === "ohlc") this.#gapFill(sub);
      },
      down: (reason) => this.#replies.failAll(reason),
      candle: (ev) => this.#candleGaps.seen(ev),
    });
    this.#subs = this.#feed.subs;
    this.restUrl = opts.rest_url || KRAKEN_REST_URL;
    this.wsUrl = opts.ws_url || KRAKEN_WS_URL;
    this.wsAuthUrl = opts.ws_auth_url || KRAKEN_WS_AUTH_URL;
    this.#rest = new KrakenRest({
      baseUrl: this.restUrl,
      timers: this.#timers,
      timeoutMs: opts.restTimeoutMs,
      rate: opts.restRate,
      tap: this.#taps.send,
    });
    if (opts.credentials) this.#private = this.#privateSession(opts.credentials);
  }

  /** Sees every raw inbound frame, REST and WS (for `pytrader record`); returns the unsubscribe. */
  onFrame(tap: FrameTap): () => void {
    return this.#taps.add(tap);
  }

  /** Levels per side the local book must keep (and truncate to) for a requested depth. */
  bookDepth(requested: number): number {
    return bookDepth(requested);
  }

  instruments(): Promise<readonly Instrument[]> {
    return this.#instruments();
  }

  async connect(): Promise<void> {
    if (this.#feed.closed) throw new TypeError("Cannot connect to kraken: the exchange is closed");
    await this.instruments();
    const opened = await this.#feed.open({
      url: this.wsUrl,
      random: this.#opts.random,
      backoff: this.#opts.backoff,
      staleAfterMs: this.#opts.staleAfterMs ?? 5_000,
      deadAfterMs: this.#opts.deadAfterMs ?? 15_000,
      tap: this.#taps.send,
      ping: () => JSON.stringify({ method: "ping", req_id: ++this.#reqId }),
      onMessage: (text) => this.#onMessage(text),
    });
    if (opened) await this.#private?.start();
  }

  async subscribe(sub: Subscription): Promise<void> {
    const inst = await this.#instrument(sub.symbol, `subscribe to "${sub.symbol}" on kraken`);
    const wanted = sub.channels.map((c) => wsSubscription(c, inst.symbol, sub.depth, sub.timeframe));
    if (!this.#feed.ws) await this.connect();
    await Promise.all(wanted.map((w) => {
      const old = this.#subs.get(w.key);
      if (old && JSON.stringify(old.params) === JSON.stringify(w.params)) return;
      // Kraken refuses a second subscription to a channel: a changed one (another depth) replaces the first.
      if (old) this.#send("unsubscribe", withoutSnapshot(old.params));
      this.#subs.set(w.key, w);
      return this.#request("subscribe", w.params, `subscribe to "${inst.symbol}" on kraken`, w.key);
    }));
  }

  /** Fetches a fresh book snapshot: unsubscribe and subscribe again, sent together (one round trip). */
  async resync(symbol: string): Promise<void> {
    const sub = this.#subs.get(`book|${symbol}`);
    if (!sub) throw new TypeError(`Cannot resync "${symbol}" on kraken: no book subscription`);
    this.resyncs++;
    this.#log.warn(`Resyncing book ${symbol} (${this.resyncs} so far)`);
    if (!this.#feed.awaitSnapshot(symbol)) return;
    this.#send("unsubscribe", withoutSnapshot(sub.params));
    await this.#request("subscribe", sub.params, `resubscribe to "${symbol}" on kraken`, null);
  }

  events(): EventSource<ExchangeEvent> {
    return this.#feed.events;
  }

  /** Kraken's clock from REST Time (whole seconds), for the doctor's clock check. */
  serverTime(): Promise<number> {
    return this.#rest.time();
  }

  async ticker(symbol: string): Promise<TickerChanged> {
    return this.#rest.ticker(await this.#instrument(symbol, `load ticker for "${symbol}" on kraken`));
  }

  async book(symbol: string, depth: number): Promise<BookSnapshot> {
    return this.#rest.depth(await this.#instrument(symbol, `load book for "${symbol}" on kraken`), depth);
  }

  /** The newest public trades from REST Trades, oldest first; at most 1000 (Kraken's cap). */
  async trades(symbol: string, limit: number): Promise<TradePrinted[]> {
    return this.#rest.trades(await this.#instrument(symbol, `list trades of "${symbol}" on kraken`), limit);
  }

  /** Candles from REST OHLC; timeframes Kraken lacks are built from the largest interval dividing them. */
  async candles(symbol: string, query: CandleQuery): Promise<Candle[]> {
    const action = `load candles for "${symbol}" on kraken`;
    const inst = await this.#instrument(symbol, action);
    return await intervalCandles(
      query,
      OHLC_INTERVALS,
      action,
      (base) => this.#rest.ohlc(inst, base, query.since),
    );
  }

  async balances(): Promise<Balances> {
    return await this.#account("read balances").balances();
  }

  async openOrders(symbol?: string): Promise<Order[]> {
    const account = this.#account("list orders");
    await this.instruments();
    return await account.openOrders(symbol);
  }

  /** AddOrder over REST, sent once: see KrakenAccount for what a failure means. */
  async placeOrder(cmd: SubmitOrder): Promise<Order> {
    const account = this.#account("place order");
    const inst = await this.#instrument(cmd.symbol, `place order on "${cmd.symbol}" on kraken`);
    return account.placeOrder(cmd, inst);
  }

  /** By Kraken order id or client order id. */
  async cancelOrder(id: string): Promise<Order> {
    const account = this.#account("cancel order");
    await this.instruments();
    return await account.cancelOrder(id);
  }

  /** Cancels every open order of the account (Kraken CancelAll); resolves with how many. */
  async cancelAll(): Promise<number> {
    return await this.#account("cancel orders").cancelAll();
  }

  async ordersByClientId(clientIds: readonly string[]): Promise<Order[]> {
    const account = this.#account("look up orders");
    await this.instruments();
    return account.ordersByClientId(clientIds);
  }

  /** One order as Kraken has it, open or closed; null when Kraken has none (reconciliation). */
  async queryOrder(ref: OrderRef): Promise<Order | null> {
    const account = this.#account("look up orders");
    await this.instruments();
    return account.queryOrder(ref);
  }

  /** Drops the account feed's socket; it reconnects with backoff and resubscribes. */
  reconnectAccountFeed(reason: string): void {
    this.#private?.reconnectFeed(reason);
  }

  /** Kraken's CRC32 over the local top 10 (BookVerifier). */
  verifyBook(_instrument: Instrument, book: BookReader, ev: BookSnapshot | BookUpdate): string | null {
    return verifyKrakenBook(book, ev);
  }

  async close(): Promise<void> {
    if (this.#feed.closed) return;
    await this.#feed.close();
    await this.#private?.close();
    this.#replies.failAll("the exchange was closed");
    this.#rest.close();
    this.#feed.events.close();
  }

  /** After a reconnect, candles missed while away come from REST. */
  #gapFill(sub: WsSubscription): void {
    const interval = sub.params.interval as number;
    const inst = this.decoder.instrument(sub.symbol);
    if (!inst) return;
    const fetch = (since: number) => this.#rest.ohlc(inst, interval, since);
    this.#feed.pushLater(
      this.#candleGaps.updates(inst.symbol, interval, fetch),
      "Cannot fill the candle gap",
    );
  }

  #onMessage(text: string): void {
    const msg = this.decoder.decodeWs(text, this.#timers.now());
    if (msg.type === "events") {
      this.#feed.take(msg.events);
      this.#feed.flush();
      return;
    }
    this.#control(msg);
  }

  #control(msg: WsMessage): void {
    switch (msg.type) {
      case "reply":
        if (!this.#replies.settle(msg.reqId, msg.success, msg.error) && !msg.success) {
          this.#log.warn(`Kraken refused ${msg.method}: ${msg.error ?? "no reason given"}`);
        }
        return;
      case "status":
        this.#log.info(`Kraken system ${msg.system}, connection ${msg.connectionId}`);
        return;
      case "rejected":
        logRejected(this.#log, "Kraken", this.decoder.stats, msg.reason, msg.detail);
        return;
      default:
        return;
    }
  }

  /** Sends a request and waits for its reply; a refused subscription is forgotten (no resubscribe). */
  #request(
    method: string,
    params: Readonly<Record<string, unknown>>,
    action: string,
    key: string | null,
  ): Promise<void> {
    // Not connected: stored subscriptions all go out when the connection comes back.
    if (!this.#feed.isOpen) return Promise.resolve();
    const id = this.#send(method, params);
    const onRefused = key === null ? undefined : () => this.#subs.delete(key);
    return this.#replies.wait(id, action, this.#opts.replyTimeoutMs ?? 10_000, { onRefused }).then(() => {});
  }

  #send(method: string, params: Readonly<Record<string, unknown>>): number {
    const id = ++this.#reqId;
    this.#feed.send(JSON.stringify({ method, params, req_id: id }));
    return id;
  }

  async #instrument(symbol: string, action: string): Promise<Instrument> {
    const all = await this.instruments();
    return pickInstrument(symbol, action, this.decoder.instrument(symbol), all);
  }

  #privateSession(credentials: KrakenCredentials): KrakenPrivateSession {
    const o = this.#opts;
    const pairs = (): PairLookup => ({
      names: this.#pairNames,
      instrument: (s) => this.decoder.instrument(s),
    });
    return new KrakenPrivateSession({
      restUrl: this.restUrl,
      wsAuthUrl: this.wsAuthUrl,
      credentials,
      nonce: o.nonce ?? (o.nonceFile ? new FileNonce(o.nonceFile) : new MemoryNonce()),
      timers: this.#timers,
      log: this.#log,
      pairs: () => this.instruments().then(pairs),
      knownPairs: () => (this.#pairNames.size > 0 ? pairs() : null),
      push: (ev) => this.#feed.push(ev),
      onState: (state, detail) => this.#feed.accountState(state, detail),
      restTimeoutMs: o.restTimeoutMs,
      orderTransport: o.order_transport,
      rate: o.privateRate,
      tradingRate: o.tradingRate,
      ...socketTuning(o),
    });
  }

  #account(action: string): KrakenAccount {
    return requireKey(this.#private, "kraken", action).account;
  }
}

function withoutSnapshot(params: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { snapshot: _, ...rest } = params;
  return rest;
}
