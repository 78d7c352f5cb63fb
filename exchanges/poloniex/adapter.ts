import {
  type Balances,
  type BookSnapshot,
  type Candle,
  type CandleQuery,
  errorText,
  type EventSource,
  type Exchange,
  type ExchangeEvent,
  type Instrument,
  type Order,
  type OrderRef,
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
import type { CancelReport } from "./account.ts";
import type { PoloniexCredentials } from "./auth.ts";
import { BOOK_DEPTH, type Decoded, PoloniexDecoder } from "./decoder.ts";
import { CANDLE_CHANNELS } from "./parse.ts";
import { PoloniexPrivateSession } from "./private_session.ts";
import { type Rate, RateTiers, type Tier } from "./rate_tiers.ts";
import { CANDLE_INTERVALS, PoloniexRest } from "./rest.ts";
import type { Market } from "./rest_parse.ts";
import { subscribeFrame, SubscribeReplies, type WsSubscription, wsSubscription } from "./subscriptions.ts";
import { venueSymbolOf } from "./symbols.ts";
import { POLONIEX_REST_URL, POLONIEX_WS_AUTH_URL, POLONIEX_WS_URL } from "./urls.ts";

export interface PoloniexOptions {
  /** `[poloniex] rest_url`; default https://api.poloniex.com. */
  readonly rest_url?: string;
  /** `[poloniex] ws_url`; default wss://ws.poloniex.com/ws/public. */
  readonly ws_url?: string;
  /** `[poloniex] ws_auth_url`, the private feed; default wss://ws.poloniex.com/ws/private. */
  readonly ws_auth_url?: string;
  readonly log?: Log;
  readonly timers?: Timers;
  /** Jitter source for reconnect backoff. */
  readonly random?: () => number;
  readonly backoff?: BackoffOptions;
  /**
   * Client silence after which a ping goes out, whatever arrives meanwhile: Poloniex ends a session after 30 s
   * without a client message (protocols.md §5.2.1). Default 10 s; 0 turns it off (tests of the venue's rule).
   */
  readonly keepaliveMs?: number;
  /** Inbound silence before the connection counts as stale (each ping is answered within a keepalive). */
  readonly staleAfterMs?: number;
  /** Inbound silence before the socket is dropped and reopened. */
  readonly deadAfterMs?: number;
  readonly restTimeoutMs?: number;
  /** How long a subscription waits for its acknowledgement. */
  readonly replyTimeoutMs?: number;
  /** Client-side rate tiers (protocols.md §5.2.3), shared by public and private REST. */
  readonly rates?: Partial<Record<Tier, Rate>>;
  /** The API key pair; without it account calls throw AuthenticationError and only market data is available. */
  readonly credentials?: PoloniexCredentials;
}

/**
 * Poloniex spot v3 behind the Exchange interface: the public WebSocket (`book_lv2` with its id chain,
 * `trades`, `ticker`, `candles_*`) and public REST; with credentials, the account over signed REST and the
 * private WebSocket (`orders`, `balances`). A broken id chain is reported as BookIntegrityLost within the
 * message that broke it, and the book is subscribed again for a fresh snapshot. Pings go out on client
 * silence, whatever arrives. Reconnects and resubscribes by itself.
 */
export class PoloniexExchange implements Exchange {
  readonly venue = "poloniex";
  readonly restUrl: string;
  readonly wsUrl: string;
  readonly wsAuthUrl: string;
  readonly decoder = new PoloniexDecoder();
  /** Book resubscriptions since start (broken chains, resyncs asked for). */
  resyncs = 0;
  #opts: PoloniexOptions;
  #log: Log;
  #timers: Timers;
  #tiers: RateTiers;
  #rest: PoloniexRest;
  #feed: MarketFeed<WsSubscription>;
  /** The markets, loaded once (again after a failure); the decoder learns them. */
  #loadMarkets = loadOnce(() =>
    this.#rest.markets().then((list): readonly Market[] => {
      this.decoder.setMarkets(list);
      return list;
    })
  );
  #private: PoloniexPrivateSession | null = null;
  #subs: Map<string, WsSubscription>;
  #replies: SubscribeReplies;
  #candleGaps = new CandleGaps();
  #taps = new FrameTaps();

  constructor(opts: PoloniexOptions = {}) {
    this.#opts = opts;
    this.#log = opts.log ?? nullLog;
    this.#timers = opts.timers ?? systemTimers;
    this.#tiers = new RateTiers(this.#timers, opts.rates);
    this.#replies = new SubscribeReplies(this.#timers);
    this.#feed = new MarketFeed<WsSubscription>({
      name: "Poloniex",
      timers: this.#timers,
      log: this.#log,
      isBook: (sub) => sub.channel === "book_lv2",
      resubscribe: (sub) => this.#request(sub, `resubscribe to "${sub.symbol}" on poloniex`),
      resubscribed: (sub) => {
        if (sub.channel.startsWith("candles_")) this.#gapFill(sub);
      },
      down: (reason) => this.#replies.failAll(reason),
      awaits: (symbol) => this.decoder.awaitSnapshot(symbol),
      candle: (ev) => this.#candleGaps.seen(ev),
    });
    this.#subs = this.#feed.subs;
    this.restUrl = opts.rest_url || POLONIEX_REST_URL;
    this.wsUrl = opts.ws_url || POLONIEX_WS_URL;
    this.wsAuthUrl = opts.ws_auth_url || POLONIEX_WS_AUTH_URL;
    this.#rest = new PoloniexRest({
      baseUrl: this.restUrl,
      tiers: this.#tiers,
      timers: this.#timers,
      timeoutMs: opts.restTimeoutMs,
      tap: this.#taps.send,
    });
    if (opts.credentials) this.#private = this.#privateSession(opts.credentials);
  }

  /** Sees every raw inbound public frame, REST and WS (for `pytrader record`); returns the unsubscribe. */
  onFrame(tap: FrameTap): () => void {
    return this.#taps.add(tap);
  }

  /** `book_lv2` streams 20 levels a side whatever is asked: the local book keeps exactly those. */
  bookDepth(_requested: number): number {
    return BOOK_DEPTH;
  }

  async instruments(): Promise<readonly Instrument[]> {
    return (await this.#loadMarkets()).map((m) => m.instrument);
  }

  async connect(): Promise<void> {
    if (this.#feed.closed) throw new TypeError("Cannot connect to poloniex: the exchange is closed");
    await this.#loadMarkets();
    const opened = await this.#feed.open({
      url: this.wsUrl,
      random: this.#opts.random,
      backoff: this.#opts.backoff,
      keepaliveMs: this.#opts.keepaliveMs ?? 10_000,
      staleAfterMs: this.#opts.staleAfterMs ?? 15_000,
      deadAfterMs: this.#opts.deadAfterMs ?? 25_000,
      tap: this.#taps.send,
      ping: () => '{"event":"ping"}',
      onMessage: (text) => this.#onMessage(text),
    });
    if (opened) await this.#private?.start();
  }

  async subscribe(sub: Subscription): Promise<void> {
    const action = `subscribe to "${sub.symbol}" on poloniex`;
    const inst = await this.#instrument(sub.symbol, action);
    const venueSymbol = inst.venueSymbol ?? venueSymbolOf(inst.symbol);
    const wanted = sub.channels.map((c) => wsSubscription(c, inst.symbol, venueSymbol, sub.timeframe))
      .filter((w): w is WsSubscription => w !== null);
    if (!this.#feed.ws) await this.connect();
    await Promise.all(wanted.map((w) => {
      if (this.#subs.has(w.key)) return;
      this.#subs.set(w.key, w);
      return this.#request(w, action).catch((e) => {
        this.#subs.delete(w.key);
        throw e;
      });
    }));
  }

  /** Fetches a fresh book snapshot: unsubscribe and subscribe again, sent together. */
  async resync(symbol: string): Promise<void> {
    const sub = this.#subs.get(`book_lv2|${symbol}`);
    if (!sub) throw new TypeError(`Cannot resync "${symbol}" on poloniex: no book subscription`);
    await this.#resubscribeBook(sub, "the book was found wrong");
  }

  events(): EventSource<ExchangeEvent> {
    return this.#feed.events;
  }

  /** Poloniex's clock from `GET /timestamp` (ms), for the doctor's clock check. */
  serverTime(): Promise<number> {
    return this.#rest.time();
  }

  async ticker(symbol: string): Promise<TickerChanged> {
    return this.#rest.ticker(await this.#instrument(symbol, `load ticker for "${symbol}" on poloniex`));
  }

  async book(symbol: string, depth: number): Promise<BookSnapshot> {
    return this.#rest.book(await this.#instrument(symbol, `load book for "${symbol}" on poloniex`), depth);
  }

  /** The newest public trades, oldest first; at most 1000 (Poloniex's cap). */
  async trades(symbol: string, limit: number): Promise<TradePrinted[]> {
    return this.#rest.trades(await this.#instrument(symbol, `list trades of "${symbol}" on poloniex`), limit);
  }

  /**
   * Candles from REST (at most 500 a request, Poloniex's cap); timeframes Poloniex lacks are built from the
   * longest interval dividing them.
   */
  async candles(symbol: string, query: CandleQuery): Promise<Candle[]> {
    const action = `load candles for "${symbol}" on poloniex`;
    const inst = await this.#instrument(symbol, action);
    return await intervalCandles(query, [...CANDLE_INTERVALS.keys()], action, (base, per) => {
      const limit = query.limit === undefined ? 500 : Math.min(500, (query.limit + 1) * per);
      return this.#rest.candles(inst, base, { limit, since: query.since });
    });
  }

  async balances(): Promise<Balances> {
    return await this.#account("read balances").balances();
  }

  async openOrders(symbol?: string): Promise<Order[]> {
    return await this.#account("list orders").openOrders(symbol);
  }

  /** `POST /orders`, sent once: see PoloniexAccount for what a failure means. */
  async placeOrder(cmd: SubmitOrder): Promise<Order> {
    const account = this.#account("place order");
    const inst = await this.#instrument(cmd.symbol, `place order on "${cmd.symbol}" on poloniex`);
    return await account.placeOrder(cmd, inst);
  }

  /** By Poloniex order id or client order id (`cid:`). */
  async cancelOrder(id: string): Promise<Order> {
    const account = this.#account("cancel order");
    await this.#loadMarkets();
    return await account.cancelOrder(id);
  }

  /** Cancels every open order (of one pair when given) with `DELETE /orders`, item by item. */
  async cancelAll(symbol?: string): Promise<CancelReport> {
    const account = this.#account("cancel orders");
    const inst = symbol === undefined
      ? undefined
      : await this.#instrument(symbol, `cancel orders of "${symbol}" on poloniex`);
    return await account.cancelAll(inst);
  }

  /** Cancels these orders (ids or client ids) with `DELETE /orders/cancelByIds`, item by item. */
  async cancelOrders(ids: readonly string[]): Promise<CancelReport> {
    const account = this.#account("cancel orders");
    await this.#loadMarkets();
    return await account.cancelOrders(ids);
  }

  /** One order as Poloniex has it, open or closed, by client id (or venue id); null when it has none. */
  async queryOrder(ref: OrderRef): Promise<Order | null> {
    const account = this.#account("look up orders");
    await this.#loadMarkets();
    return await account.queryOrder(ref);
  }

  /** Frames the account feed sent (auth, subscriptions, pings): 0 without a key. */
  get accountFeedFramesSent(): number {
    return this.#private?.feedFramesSent ?? 0;
  }

  /** Frames the market-data socket sent (subscriptions, pings). */
  get framesSent(): number {
    return this.#feed.ws?.sent ?? 0;
  }

  /** Drops the account feed's socket; it reconnects and subscribes again. */
  reconnectAccountFeed(reason: string): void {
    this.#private?.reconnectFeed(reason);
  }

  async close(): Promise<void> {
    if (this.#feed.closed) return;
    await this.#feed.close();
    await this.#private?.close();
    this.#replies.failAll("the exchange was closed");
    this.#rest.close();
    this.#tiers.close();
    this.#feed.events.close();
  }

  /** After a reconnect, candles missed while away come from REST. */
  #gapFill(sub: WsSubscription): void {
    const minutes = CANDLE_CHANNELS.get(sub.channel);
    const inst = this.decoder.instrument(sub.symbol);
    if (minutes === undefined || !CANDLE_INTERVALS.has(minutes) || !inst) return;
    const fetch = (since: number) => this.#rest.candles(inst, minutes, { since });
    this.#feed.pushLater(this.#candleGaps.updates(inst.symbol, minutes, fetch), "Cannot fill the candle gap");
  }

  #onMessage(text: string): void {
    const msg = this.decoder.decodeWs(text, this.#timers.now());
    if (msg.type === "events") {
      // Updates of a book awaiting its snapshot never come: the decoder's chain waits for it too.
      this.#feed.take(msg.events);
      for (const symbol of msg.broken) {
        const sub = this.#subs.get(`book_lv2|${symbol}`);
        if (sub) {
          this.#resubscribeBook(sub, this.decoder.chain.breaks.get(symbol) ?? "the id chain broke")
            .catch((e) => this.#log.error(errorText(e)));
        }
      }
      this.#feed.flush();
      return;
    }
    this.#control(msg);
  }

  #control(msg: Exclude<Decoded, { type: "events" }>): void {
    switch (msg.type) {
      case "ack":
        if (msg.event === "subscribe") this.#replies.ack(msg.channel);
        return;
      case "error":
        if (!this.#replies.error(msg.message)) this.#log.warn(`Poloniex refused a request: ${msg.message}`);
        return;
      case "rejected":
        logRejected(this.#log, "Poloniex", this.decoder.stats, msg.reason, msg.detail);
        return;
      default:
        return;
    }
  }

  /** Unsubscribes and subscribes the book again; its updates are dropped until the fresh snapshot. */
  async #resubscribeBook(sub: WsSubscription, why: string): Promise<void> {
    this.resyncs++;
    this.#log.warn(`Resubscribing book ${sub.symbol} (${why}; ${this.resyncs} so far)`);
    if (!this.#feed.awaitSnapshot(sub.symbol)) return;
    this.#feed.send(subscribeFrame("unsubscribe", sub));
    await this.#request(sub, `resubscribe to "${sub.symbol}" on poloniex`);
  }

  /** Sends a subscription and waits for its acknowledgement (not connected: it goes out on reconnect). */
  #request(sub: WsSubscription, action: string): Promise<void> {
    if (!this.#feed.isOpen) return Promise.resolve();
    const reply = this.#replies.wait(sub.channel, action, this.#opts.replyTimeoutMs ?? 10_000);
    this.#feed.send(subscribeFrame("subscribe", sub));
    return reply;
  }

  async #instrument(symbol: string, action: string): Promise<Instrument> {
    const all = await this.instruments();
    return pickInstrument(symbol, action, this.decoder.instrument(symbol), all);
  }

  /** The ask now: the streamed book's when there is one, else the 24 h ticker's. */
  async #ask(inst: Instrument): Promise<number> {
    const streamed = this.#feed.awaiting.has(inst.symbol) ? 0 : this.decoder.bestPrices(inst.symbol).ask;
    return streamed > 0 ? streamed : (await this.#rest.ticker(inst)).ask;
  }

  #privateSession(credentials: PoloniexCredentials): PoloniexPrivateSession {
    const o = this.#opts;
    return new PoloniexPrivateSession({
      restUrl: this.restUrl,
      wsAuthUrl: this.wsAuthUrl,
      credentials,
      tiers: this.#tiers,
      timers: this.#timers,
      log: this.#log,
      pairs: async () => (await this.#loadMarkets(), this.decoder.venuePairs),
      knownPairs: () => this.decoder.venuePairs,
      amountScale: (inst) => this.decoder.market(inst.symbol)?.amountScale ?? inst.pricePrecision,
      ask: (inst) => this.#ask(inst),
      push: (ev) => this.#feed.push(ev),
      onState: (state, detail) => this.#feed.accountState(state, detail),
      restTimeoutMs: o.restTimeoutMs,
      ...socketTuning(o),
    });
  }

  #account(action: string) {
    return requireKey(this.#private, "poloniex", action).account;
  }
}
