import {
  AuthenticationError,
  type Balances,
  type BookReader,
  type BookSnapshot,
  type BookUpdate,
  type Candle,
  type CandleQuery,
  errorText,
  type EventSource,
  EventStream,
  type Exchange,
  ExchangeError,
  type ExchangeEvent,
  type Instrument,
  type Order,
  type OrderRef,
  RequestTimeout,
  type SubmitOrder,
  type Subscription,
  type TickerChanged,
  type TradePrinted,
} from "../../lib/core/mod.ts";
import { loadOnce } from "../../lib/core/load_once.ts";
import { reconnectLoss } from "../../lib/core/reconnect_loss.ts";
import { pickInstrument } from "../../lib/core/pick_instrument.ts";
import { requireKey } from "../../lib/core/require_key.ts";
import { intervalCandles } from "../../lib/market/interval_candles.ts";
import { type Log, nullLog } from "../../lib/log/mod.ts";
import { backoffDelay, type BackoffOptions } from "../../lib/net/backoff.ts";
import { FrameTaps } from "../../lib/net/frame_taps.ts";
import type { FrameTap } from "../../lib/net/raw_frame.ts";
import { systemTimers, type TimerHandle, type Timers } from "../../lib/net/timers.ts";
import { ConnectionStates } from "../../lib/net/connection_states.ts";
import { logRejected } from "../../lib/net/log_rejected.ts";
import { WsClient } from "../../lib/net/ws_client.ts";
import { BitstampAccount, type WsToken } from "./account.ts";
import type { BitstampCredentials } from "./auth.ts";
import type { BookEvent, BookMode } from "./book_sync.ts";
import { BitstampDecoder } from "./decoder.ts";
import { OwnOrders } from "./own_orders.ts";
import type { WsMessage } from "./parse.ts";
import { BitstampPrivateRest } from "./private_rest.ts";
import { BitstampRate, type Rate } from "./rate.ts";
import { BitstampRest, OHLC_STEPS } from "./rest.ts";
import {
  bookChannel,
  bookMode,
  checkChannelBudget,
  HEARTBEAT_FRAME,
  keptBookDepth,
  privateChannels,
  publicChannels,
  subscriptionFrame,
} from "./subscriptions.ts";
import { StreamTicker } from "./ticker.ts";
import { BITSTAMP_REST_URL, BITSTAMP_WS_URL } from "./urls.ts";

export interface BitstampOptions {
  /** `[bitstamp] rest_url`; default https://www.bitstamp.net. */
  readonly rest_url?: string;
  /** `[bitstamp] ws_url`; default wss://ws.bitstamp.net. */
  readonly ws_url?: string;
  readonly log?: Log;
  readonly timers?: Timers;
  /** Jitter source for reconnect backoff. */
  readonly random?: () => number;
  readonly backoff?: BackoffOptions;
  /** Client silence after which `bts:heartbeat` goes out (Bitstamp sends nothing on a quiet book). */
  readonly heartbeatMs?: number;
  /** Silence before the connection counts as stale and a heartbeat goes out. */
  readonly staleAfterMs?: number;
  /** Silence before the socket is dropped and reopened. */
  readonly deadAfterMs?: number;
  readonly restTimeoutMs?: number;
  /** How long a subscription waits for its acknowledgement. */
  readonly replyTimeoutMs?: number;
  /** Client-side request limits; Bitstamp's defaults (400/s and 10,000 per 10 min) when left out. */
  readonly rate?: { readonly perSecond?: Rate; readonly perTenMinutes?: Rate };
  /** How often the 24 h volume of a streamed ticker is read again over REST. */
  readonly tickerRefreshMs?: number;
  /**
   * The API key pair, read through functions (lib/secrets decrypts it). Without it account calls throw
   * AuthenticationError and only market data is available.
   */
  readonly credentials?: BitstampCredentials;
  /** X-Auth-Nonce source (tests); a fresh UUID4 per request by default. */
  readonly nonce?: () => string;
}

/** Snapshot retries (stale, older than the stream, failed) back off from here up to SNAPSHOT_MAX_MS. */
const SNAPSHOT_BACKOFF: BackoffOptions = { baseMs: 250, maxMs: 5_000 };

interface BookSub {
  readonly inst: Instrument;
  readonly mode: BookMode;
}

interface Waiter {
  resolve(): void;
  reject(e: Error): void;
  timer: TimerHandle;
}

/**
 * Bitstamp behind the Exchange interface: WebSocket v2 market data (books as protocols.md §5.1.2 says,
 * trades, a ticker from the stream) and public REST; with credentials, the account over signed REST v2
 * and the private channels (`private-my_orders`, `private-my_trades`) on the same socket. Reconnects and
 * resubscribes by itself, at once when Bitstamp sends `bts:request_reconnect`, with a fresh token for the
 * private channels each time; every book is rebuilt from a fresh snapshot after a reconnect, and one found
 * wrong upstream is fetched again with resync().
 */
export class BitstampExchange implements Exchange {
  readonly venue = "bitstamp";
  readonly restUrl: string;
  readonly wsUrl: string;
  readonly decoder = new BitstampDecoder();
  /** Book resyncs requested since start (by the book's owner, or by the adapter itself). */
  resyncs = 0;
  /** Times Bitstamp asked to reconnect. */
  reconnectRequests = 0;
  #opts: BitstampOptions;
  #log: Log;
  #timers: Timers;
  #rate: BitstampRate;
  #rest: BitstampRest;
  #account: BitstampAccount | null = null;
  #privateRest: BitstampPrivateRest | null = null;
  #orders = new OwnOrders();
  #ws: WsClient | null = null;
  #events = new EventStream<ExchangeEvent>();
  #instruments = loadOnce(() =>
    this.#rest.markets().then((list) => {
      this.decoder.setInstruments(list);
      return list;
    })
  );
  /** Public channels wanted, sent again after every reconnect. */
  #channels = new Set<string>();
  #books = new Map<string, BookSub>();
  #tickers = new Map<string, StreamTicker>();
  #tradeSymbols = new Set<string>();
  /** Markets whose account channels are wanted (with a key). */
  #privateMarkets = new Set<string>();
  #privateChannels = new Set<string>();
  #token: Promise<WsToken> | null = null;
  #acks = new Map<string, Waiter[]>();
  #snapshotting = new Map<string, { again: boolean }>();
  #snapshotAttempts = new Map<string, number>();
  #snapshotRetries = new Set<TimerHandle>();
  #tickerRefresh: TimerHandle | null = null;
  #privateRetry: TimerHandle | null = null;
  #privateFailures = 0;
  #states = new ConnectionStates();
  #taps = new FrameTaps();
  #closed = false;

  constructor(opts: BitstampOptions = {}) {
    this.#opts = opts;
    this.#log = opts.log ?? nullLog;
    this.#timers = opts.timers ?? systemTimers;
    this.restUrl = opts.rest_url || BITSTAMP_REST_URL;
    this.wsUrl = opts.ws_url || BITSTAMP_WS_URL;
    this.#rate = new BitstampRate(this.#timers, opts.rate?.perSecond, opts.rate?.perTenMinutes);
    this.#rest = new BitstampRest({
      baseUrl: this.restUrl,
      rate: this.#rate,
      timers: this.#timers,
      timeoutMs: opts.restTimeoutMs,
      tap: this.#taps.send,
    });
    this.decoder.onLost = (symbol) => {
      const book = this.#books.get(symbol);
      if (book && !this.#closed) this.#rebuild(book);
    };
    if (opts.credentials) {
      this.#privateRest = new BitstampPrivateRest({
        baseUrl: this.restUrl,
        credentials: opts.credentials,
        rate: this.#rate,
        timers: this.#timers,
        timeoutMs: opts.restTimeoutMs,
        nonce: opts.nonce,
      });
      this.#account = new BitstampAccount({
        rest: this.#privateRest,
        orders: this.#orders,
        instruments: () => this.instruments(),
        now: () => this.#timers.now(),
        log: this.#log,
      });
    }
  }

  /** Sees every raw inbound frame but the account's, REST and WS (for `pytrader record`); returns the unsubscribe. */
  onFrame(tap: FrameTap): () => void {
    return this.#taps.add(tap);
  }

  /** Levels per side the local book keeps: as asked up to 100, the whole book beyond (diff mode). */
  bookDepth(requested: number): number {
    return keptBookDepth(requested);
  }

  instruments(): Promise<readonly Instrument[]> {
    return this.#instruments();
  }

  async connect(): Promise<void> {
    if (this.#closed) throw new TypeError("Cannot connect to bitstamp: the exchange is closed");
    await this.instruments();
    if (this.#ws) return;
    const heartbeatMs = this.#opts.heartbeatMs ?? 10_000;
    const ws = new WsClient({
      url: this.wsUrl,
      timers: this.#timers,
      random: this.#opts.random,
      backoff: this.#opts.backoff,
      staleAfterMs: this.#opts.staleAfterMs ?? heartbeatMs * 2.5,
      deadAfterMs: this.#opts.deadAfterMs ?? heartbeatMs * 4,
      tap: (f) => {
        // The account's channels stay out of recordings.
        if (!/"channel"\s*:\s*"private-/.test(f.data)) this.#taps.send(f);
      },
      ping: () => HEARTBEAT_FRAME,
      keepaliveMs: heartbeatMs,
      onMessage: (text) => this.#onMessage(text),
      onOpen: () => this.#onOpen(),
      onState: (state, detail) => {
        this.#states.market = state;
        if (state === "down") this.#onDown(detail ?? "connection lost");
        this.#updateState(detail);
      },
      onError: (e) => this.#log.error(`Bitstamp message handling failed: ${errorText(e)}`),
    });
    this.#ws = ws;
    try {
      await ws.connect();
    } catch (e) {
      this.#ws = null;
      await ws.close();
      throw e;
    }
  }

  async subscribe(sub: Subscription): Promise<void> {
    const action = `subscribe to "${sub.symbol}" on bitstamp`;
    const inst = await this.#instrument(sub.symbol, action);
    const market = inst.venueSymbol!;
    const mode = bookMode(sub.depth ?? 100);
    const wanted = new Set<string>();
    for (const c of sub.channels) for (const ch of publicChannels(c, market, mode)) wanted.add(ch);
    const fresh = [...wanted].filter((ch) => !this.#channels.has(ch));
    const withPrivate = this.#account && !this.#privateMarkets.has(market) ? 2 : 0;
    checkChannelBudget(this.#channels.size + this.#privateChannels.size, fresh.length + withPrivate, action);
    if (sub.channels.includes("book")) {
      const old = this.#books.get(inst.symbol);
      if (!old || (old.mode === "top" && mode === "diff")) {
        this.#books.set(inst.symbol, { inst, mode });
        this.decoder.track(inst, mode);
      }
    }
    if (sub.channels.includes("ticker") && !this.#tickers.has(inst.symbol)) {
      this.#tickers.set(inst.symbol, new StreamTicker(inst.symbol));
      this.#startTickerRefresh();
    }
    if (sub.channels.includes("trades")) this.#tradeSymbols.add(inst.symbol);
    if (!this.#ws) await this.connect();
    for (const ch of fresh) this.#channels.add(ch);
    await Promise.all(fresh.map((ch) => this.#subscribeChannel(ch)));
    this.#updateState();
    if (this.#tickers.has(inst.symbol)) this.#refreshTicker(inst);
    if (this.#account && !this.#privateMarkets.has(market)) {
      this.#privateMarkets.add(market);
      this.#subscribePrivate([market]);
    }
  }

  /** Fetches a fresh snapshot for a book found wrong (crossed, a failed check): rebuilt before it counts. */
  resync(symbol: string): Promise<void> {
    const book = this.#books.get(symbol);
    if (!book) {
      return Promise.reject(new TypeError(`Cannot resync "${symbol}" on bitstamp: no book subscription`));
    }
    this.resyncs++;
    this.#log.warn(`Resyncing book ${symbol} (${this.resyncs} so far)`);
    this.#rebuild(book);
    return Promise.resolve();
  }

  /** The book is to be rebuilt from a fresh snapshot (diffs buffered meanwhile are kept when already waiting). */
  #rebuild(book: BookSub): void {
    const sync = this.decoder.sync(book.inst.symbol);
    if (sync && !sync.awaiting) sync.lose();
    this.#updateState(`book ${book.inst.symbol} resyncing`);
    this.#fetchSnapshot(book.inst);
  }

  events(): EventSource<ExchangeEvent> {
    return this.#events;
  }

  /** Bitstamp's clock from the `Date` header of a REST answer (see BitstampRest.serverTime). */
  async serverTime(): Promise<number> {
    const all = await this.instruments();
    const inst = all.find((i) => i.symbol === "BTC/USD") ?? all[0];
    if (!inst) throw new ExchangeError("Cannot read the time on bitstamp: no markets");
    return await this.#rest.serverTime(inst);
  }

  async ticker(symbol: string): Promise<TickerChanged> {
    return await this.#rest.ticker(await this.#instrument(symbol, `load ticker for "${symbol}" on bitstamp`));
  }

  async book(symbol: string, depth: number): Promise<BookSnapshot> {
    return await this.#rest.book(
      await this.#instrument(symbol, `load book for "${symbol}" on bitstamp`),
      depth,
    );
  }

  /** The newest public trades of the last hour (`transactions/`), oldest first. */
  async trades(symbol: string, limit: number): Promise<TradePrinted[]> {
    return await this.#rest.trades(
      await this.#instrument(symbol, `list trades of "${symbol}" on bitstamp`),
      limit,
    );
  }

  /** Candles from `ohlc/`; timeframes Bitstamp lacks are built from the largest step dividing them. */
  async candles(symbol: string, query: CandleQuery): Promise<Candle[]> {
    const action = `load candles for "${symbol}" on bitstamp`;
    const inst = await this.#instrument(symbol, action);
    const minutes = OHLC_STEPS.map((s) => s / 60);
    return await intervalCandles(query, minutes, action, (base, per) => {
      const limit = Math.min(1000, (query.limit ?? 720) * per + per);
      return this.#rest.ohlc(inst, base * 60, limit, query.since);
    }, `${minutes.join(", ")} min`);
  }

  async balances(): Promise<Balances> {
    return await this.#need("read balances").balances();
  }

  async openOrders(symbol?: string): Promise<Order[]> {
    return await this.#need("list orders").openOrders(symbol);
  }

  /** A limit or market order with its client id, sent once: see BitstampAccount for what a failure means. */
  async placeOrder(cmd: SubmitOrder): Promise<Order> {
    const account = this.#need("place order");
    const inst = await this.#instrument(cmd.symbol, `place order on "${cmd.symbol}" on bitstamp`);
    return await account.placeOrder(cmd, inst);
  }

  /** By Bitstamp order id or client order id. */
  async cancelOrder(id: string): Promise<Order> {
    return await this.#need("cancel order").cancelOrder(id);
  }

  /** Cancels every open order (of `symbol`'s market when given) in one request; resolves with how many. */
  async cancelAll(symbol?: string): Promise<number> {
    const account = this.#need("cancel orders");
    if (symbol !== undefined) await this.#instrument(symbol, `cancel orders of "${symbol}" on bitstamp`);
    return await account.cancelAll(symbol);
  }

  /** One order as Bitstamp has it (order_status/), open or closed; null when Bitstamp has none. */
  async queryOrder(ref: OrderRef): Promise<Order | null> {
    return await this.#need("look up orders").queryOrder(ref);
  }

  /** The digest check of a diff-streamed book against `order_book_` (BookVerifier). */
  verifyBook(instrument: Instrument, book: BookReader, ev: BookSnapshot | BookUpdate): string | null {
    return this.decoder.verifyBook(instrument, book, ev);
  }

  /** Drops the socket as a network failure would; it reconnects with backoff and resubscribes (tests). */
  dropConnection(reason: string): void {
    this.#ws?.reconnect(reason);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const t of [this.#tickerRefresh, this.#privateRetry, ...this.#snapshotRetries]) {
      if (t !== null) this.#timers.clearTimeout(t);
    }
    const ws = this.#ws;
    this.#ws = null;
    await ws?.close();
    this.#failAcks("the exchange was closed");
    this.#rest.close();
    this.#privateRest?.close();
    this.#rate.close();
    this.#events.close();
  }

  // ---- connection

  #onOpen(): void {
    const ws = this.#ws!;
    this.#token = null;
    this.#privateChannels.clear();
    this.#privateFailures = 0;
    if (ws.opens === 1) return;
    this.#log.info(`Reconnected to ${this.wsUrl}: resubscribing ${this.#channels.size} channel(s)`);
    for (const book of this.#books.values()) this.decoder.sync(book.inst.symbol)?.lose();
    for (const ch of this.#channels) {
      this.#subscribeChannel(ch).catch((e) => this.#log.error(errorText(e)));
    }
    if (this.#privateMarkets.size > 0) this.#subscribePrivate([...this.#privateMarkets]);
  }

  /**
   * The socket dropped: every book is lost until the venue's fresh book after the reconnect, and the owner of
   * each is told so (BookIntegrityLost), whatever the account channels do.
   */
  #onDown(reason: string): void {
    this.#failAcks(reason);
    for (const book of this.#books.values()) {
      this.decoder.sync(book.inst.symbol)?.lose();
      this.#push(reconnectLoss(book.inst.symbol, "the connection", reason, this.#timers.now()));
    }
  }

  /** Sends `bts:subscribe` and waits for `bts:subscription_succeeded`; resolves at once while not connected. */
  #subscribeChannel(channel: string, auth?: string): Promise<void> {
    const ws = this.#ws;
    if (!ws?.isOpen) return Promise.resolve();
    const frame = subscriptionFrame("bts:subscribe", channel, auth);
    return new Promise<void>((resolve, reject) => {
      const timeoutMs = this.#opts.replyTimeoutMs ?? 10_000;
      const waiter: Waiter = {
        resolve,
        reject,
        timer: this.#timers.setTimeout(() => {
          this.#dropWaiter(channel, waiter);
          reject(
            new RequestTimeout(
              `Cannot subscribe to "${channel}" on bitstamp: no answer within ${timeoutMs} ms`,
            ),
          );
        }, timeoutMs),
      };
      const list = this.#acks.get(channel) ?? [];
      list.push(waiter);
      this.#acks.set(channel, list);
      ws.send(frame);
    });
  }

  #dropWaiter(channel: string, waiter: Waiter): void {
    const list = this.#acks.get(channel)?.filter((w) => w !== waiter) ?? [];
    if (list.length === 0) this.#acks.delete(channel);
    else this.#acks.set(channel, list);
  }

  #failAcks(reason: string): void {
    for (const channel of [...this.#acks.keys()]) this.#settleAcks(channel, reason);
  }

  /** Settles every subscription waiting on `channel`: taken, or refused for `refusal`. */
  #settleAcks(channel: string, refusal?: string): void {
    const list = this.#acks.get(channel);
    if (!list) return;
    this.#acks.delete(channel);
    for (const w of list) {
      this.#timers.clearTimeout(w.timer);
      if (refusal === undefined) w.resolve();
      else w.reject(new ExchangeError(`Cannot subscribe to "${channel}" on bitstamp: ${refusal}`));
    }
  }

  // ---- private channels

  /** Fetches a fresh token (one per connection: a forced reconnect invalidates it) and subscribes. */
  #subscribePrivate(markets: string[]): void {
    const account = this.#account;
    if (!account || !this.#ws?.isOpen) return;
    this.#token ??= account.wsToken();
    const token = this.#token;
    token.then(async ({ token, userId }) => {
      const channels = markets.flatMap((m) => privateChannels(m, userId));
      for (const ch of channels) this.#privateChannels.add(ch);
      await Promise.all(channels.map((ch) => this.#subscribeChannel(ch, token)));
      this.#privateFailures = 0;
    }).catch((e) => {
      if (this.#closed) return;
      this.#log.error(`Cannot open the bitstamp account channels: ${errorText(e)}`);
      if (this.#token === token) this.#token = null;
      if (!(e instanceof AuthenticationError)) this.#retryPrivate();
    });
  }

  #retryPrivate(): void {
    if (this.#privateRetry !== null || this.#closed || this.#privateMarkets.size === 0) return;
    const delay = backoffDelay(
      this.#privateFailures++,
      this.#opts.backoff ?? { baseMs: 1_000, maxMs: 30_000 },
      this.#opts.random,
    );
    this.#privateRetry = this.#timers.setTimeout(() => {
      this.#privateRetry = null;
      this.#token = null;
      this.#privateChannels.clear();
      this.#subscribePrivate([...this.#privateMarkets]);
    }, delay);
  }

  // ---- messages

  #onMessage(text: string): void {
    try {
      this.#handle(text);
    } finally {
      // The message's events reach a draining consumer (the Trader) as one burst, now.
      this.#events.flush();
    }
  }

  #handle(text: string): void {
    const now = this.#timers.now();
    const { msg, events } = this.decoder.decodeWs(text, now);
    switch (msg.type) {
      case "book": {
        if (this.#books.has(msg.inst.symbol)) this.#pushBook(msg.inst, events);
        if (msg.kind === "top") {
          const t = this.#tickers.get(msg.inst.symbol)?.top(
            msg.bids,
            msg.asks,
            Math.floor(msg.micros / 1000),
          );
          if (t) this.#push(t);
        }
        return;
      }
      case "trade": {
        const trade = msg.trade;
        if (this.#tradeSymbols.has(trade.symbol)) this.#push(trade);
        const t = this.#tickers.get(trade.symbol)?.trade(trade.price, trade.time);
        if (t) this.#push(t);
        return;
      }
      case "subscribed":
        this.#onAck(msg.channel);
        return;
      case "unsubscribed":
      case "heartbeat":
        return;
      case "reconnect":
        this.reconnectRequests++;
        this.#log.info("Bitstamp asked to reconnect (bts:request_reconnect): reconnecting now");
        this.#ws?.reconnect("Bitstamp asked to reconnect");
        return;
      case "error":
        this.#onError(msg);
        return;
      case "my_order":
      case "my_trade":
        this.#onAccount(msg);
        return;
      case "rejected":
        this.#onRejected(msg);
        return;
    }
  }

  #pushBook(inst: Instrument, events: BookEvent[]): void {
    let changed = false;
    for (const ev of events) {
      if (ev.kind === "BookSnapshot") changed = true;
      this.#push(ev);
    }
    if (changed) {
      this.#snapshotAttempts.delete(inst.symbol);
      this.#updateState();
    }
  }

  #onAck(channel: string): void {
    this.#settleAcks(channel);
    for (const book of this.#books.values()) {
      if (channel !== bookChannel(book.inst.venueSymbol!, book.mode)) continue;
      // Nothing comes on subscribe: the book starts from a REST snapshot (or, in top mode, the next frame).
      this.decoder.sync(book.inst.symbol)?.lose();
      this.#updateState();
      this.#fetchSnapshot(book.inst);
    }
  }

  #onError(msg: Extract<WsMessage, { type: "error" }>): void {
    this.#log.warn(
      `Bitstamp refused a request${msg.channel ? ` on "${msg.channel}"` : ""}: ${msg.message} (code ${
        msg.code ?? "none"
      })`,
    );
    if (msg.channel) this.#settleAcks(msg.channel, msg.message);
    // 4009 "Connection is unauthorized.": a token was refused (expired); the account channels get a new one.
    if (msg.code === 4009) this.#retryPrivate();
  }

  #onRejected(msg: Extract<WsMessage, { type: "rejected" }>): void {
    logRejected(this.#log, "Bitstamp", this.decoder.stats, msg.reason, msg.detail);
    // A diff that cannot be read is a diff lost: the book is rebuilt. A bad top frame heals with the next.
    const book = msg.inst ? this.#books.get(msg.inst.symbol) : undefined;
    const sync = msg.inst ? this.decoder.sync(msg.inst.symbol) : undefined;
    if (book && sync && msg.kind === "diff" && book.mode === "diff" && !sync.awaiting) {
      this.#push({
        kind: "BookIntegrityLost",
        symbol: book.inst.symbol,
        reason: "invalid",
        detail: msg.detail,
        time: this.#timers.now(),
      });
      this.resyncs++;
      this.#rebuild(book);
    }
  }

  #onAccount(msg: Extract<WsMessage, { type: "my_order" | "my_trade" }>): void {
    const now = this.#timers.now();
    let applied;
    try {
      applied = msg.type === "my_order"
        ? this.#orders.applyOrder(msg.event, msg.data, msg.inst, now)
        : this.#orders.applyTrade(msg.data, msg.inst, now);
    } catch (e) {
      this.#log.warn(`Ignored an account message of ${msg.inst.symbol}: ${errorText(e)}`);
      return;
    }
    for (const ev of applied.events) this.#push(ev);
    if (applied.unknown !== undefined && msg.type === "my_trade") {
      // A fill of an order never seen (placed elsewhere, or while away): read it, then apply the fills kept
      // for it (this one and any that came meanwhile), once.
      const id = applied.unknown;
      this.#account?.queryOrder({ symbol: msg.inst.symbol, clientId: "", venueId: id }).then((order) => {
        if (!order || this.#closed) return;
        for (const ev of this.#orders.drain(id, this.#timers.now())) this.#push(ev);
      }).catch((e) => this.#log.warn(`Cannot look up order ${id} on bitstamp: ${errorText(e)}`));
    }
  }

  // ---- snapshots and tickers

  /** Fetches the REST book for a book awaiting one; retries (stale, behind the stream, failed) with backoff. */
  #fetchSnapshot(inst: Instrument): void {
    const symbol = inst.symbol;
    const running = this.#snapshotting.get(symbol);
    if (running) {
      running.again = true;
      return;
    }
    const job = { again: false };
    this.#snapshotting.set(symbol, job);
    this.#snapshotOnce(inst).then((retry) => {
      this.#snapshotting.delete(symbol);
      if (this.#closed || !this.#books.has(symbol)) return;
      const sync = this.decoder.sync(symbol);
      if (job.again) this.#fetchSnapshot(inst);
      else if (retry && sync?.awaiting) this.#retrySnapshot(inst);
    });
  }

  /** One REST snapshot; true when the book still awaits one. */
  async #snapshotOnce(inst: Instrument): Promise<boolean> {
    try {
      const res = await this.#rest.orderBookText(inst);
      if (this.#closed) return false;
      const out = this.decoder.decodeRestBook(inst, res.text);
      if (out.stale) {
        this.#log.info(`Bitstamp's REST book of ${inst.symbol} is older than the stream: fetching again`);
      }
      this.#pushBook(inst, out.events);
    } catch (e) {
      if (this.#closed) return false;
      this.#log.warn(`Cannot load the ${inst.symbol} snapshot: ${errorText(e)}`);
    }
    return this.decoder.sync(inst.symbol)?.awaiting ?? false;
  }

  #retrySnapshot(inst: Instrument): void {
    const n = this.#snapshotAttempts.get(inst.symbol) ?? 0;
    this.#snapshotAttempts.set(inst.symbol, n + 1);
    const delay = backoffDelay(n, SNAPSHOT_BACKOFF, this.#opts.random);
    const handle = this.#timers.setTimeout(() => {
      this.#snapshotRetries.delete(handle);
      if (this.#closed || !this.decoder.sync(inst.symbol)?.awaiting) return;
      // Not connected: the resubscription after the reconnect fetches the snapshot.
      if (this.#ws?.isOpen) this.#fetchSnapshot(inst);
    }, delay);
    this.#snapshotRetries.add(handle);
  }

  #refreshTicker(inst: Instrument): void {
    this.#rest.ticker(inst).then((t) => {
      const ev = this.#tickers.get(inst.symbol)?.rest(t);
      if (ev && !this.#closed) this.#push(ev);
    }).catch((e) => this.#log.warn(`Cannot load the ${inst.symbol} ticker: ${errorText(e)}`));
  }

  #startTickerRefresh(): void {
    if (this.#tickerRefresh !== null) return;
    const every = this.#opts.tickerRefreshMs ?? 60_000;
    const tick = () => {
      this.#tickerRefresh = null;
      if (this.#closed) return;
      for (const symbol of this.#tickers.keys()) {
        const inst = this.decoder.instrument(symbol);
        if (inst) this.#refreshTicker(inst);
      }
      this.#tickerRefresh = this.#timers.setTimeout(tick, every);
    };
    this.#tickerRefresh = this.#timers.setTimeout(tick, every);
  }

  // ---- helpers

  async #instrument(symbol: string, action: string): Promise<Instrument> {
    const all = await this.instruments();
    return pickInstrument(symbol, action, this.decoder.instrument(symbol), all);
  }

  #need(action: string): BitstampAccount {
    return requireKey(this.#account, "bitstamp", action);
  }

  /** The connection's state, "resyncing" while a subscribed book awaits its snapshot. */
  #updateState(detail?: string): void {
    if (this.#closed) return;
    const resyncing = this.#channels.size > 0 &&
      [...this.#books.values()].some((book) => this.decoder.sync(book.inst.symbol)?.awaiting);
    const state = this.#states.change(resyncing);
    if (state !== null) this.#push({ kind: "ConnectionChanged", state, detail, time: this.#timers.now() });
  }

  #push(ev: ExchangeEvent): void {
    this.#events.push(ev);
  }
}
