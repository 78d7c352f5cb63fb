import type { ConnectionState, ExchangeEvent } from "../core/events.ts";
import { errorText } from "../core/errors.ts";
import { EventStream } from "../core/event_stream.ts";
import type { Log } from "../core/log.ts";
import { reconnectLoss } from "../core/reconnect_loss.ts";
import { ConnectionStates } from "./connection_states.ts";
import type { Timers } from "./timers.ts";
import { WsClient, type WsClientOptions } from "./ws_client.ts";

/** A stored subscription of the market-data socket: sent again after every reconnect. */
export interface MarketSub {
  readonly key: string;
  readonly symbol: string;
}

export interface MarketFeedOptions<S extends MarketSub> {
  /** The venue's name in log lines: "Kraken". */
  readonly name: string;
  readonly timers: Timers;
  readonly log: Log;
  /** Whether a subscription streams a book (lost with the socket, back with its fresh snapshot). */
  isBook(sub: S): boolean;
  /** Sends a stored subscription again after a reconnect; resolves when the venue took it. */
  resubscribe(sub: S): Promise<void>;
  /** After a reconnect, once a subscription went out again (to fetch candles missed while away). */
  resubscribed?(sub: S): void;
  /** The socket went down: answers awaited on it fail with this reason. */
  down(reason: string): void;
  /** A book's updates are to be dropped until its fresh snapshot (the decoder's own bookkeeping). */
  awaits?(symbol: string): void;
  /** Each streamed candle, as it is told (to know what a reconnect missed). */
  candle?(ev: Extract<ExchangeEvent, { kind: "CandleUpdated" }>): void;
}

/** What the venue says about its socket; the feed adds the timers and its own handlers. */
export type MarketSocketSettings = Omit<WsClientOptions, "onOpen" | "onState" | "onError" | "timers">;

/**
 * A venue's market-data socket and what its owner is told about it: the stored subscriptions, sent again
 * after every reconnect; every subscribed book lost with the socket (BookIntegrityLost "reconnect", once per
 * book) and its updates dropped until the fresh snapshot; one merged ConnectionChanged with the account feed;
 * the events, published per message. Each venue keeps its protocol: frames, acknowledgements, chains.
 */
export class MarketFeed<S extends MarketSub> {
  readonly events = new EventStream<ExchangeEvent>();
  readonly subs = new Map<string, S>();
  /** Book symbols whose updates are dropped until a fresh snapshot arrives. */
  readonly awaiting = new Set<string>();
  #opts: MarketFeedOptions<S>;
  #states = new ConnectionStates();
  #ws: WsClient | null = null;
  #closed = false;

  constructor(opts: MarketFeedOptions<S>) {
    this.#opts = opts;
  }

  get ws(): WsClient | null {
    return this.#ws;
  }

  get isOpen(): boolean {
    return this.#ws?.isOpen ?? false;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Opens the socket; false when it was already there. A first connect that fails leaves none. */
  async open(settings: MarketSocketSettings): Promise<boolean> {
    if (this.#ws) return false;
    const { log, name } = this.#opts;
    const ws: WsClient = new WsClient({
      ...settings,
      timers: this.#opts.timers,
      onOpen: () => this.#reopened(ws),
      onState: (state, detail) => {
        this.#states.market = state;
        if (state === "down") {
          this.#opts.down(detail ?? "connection lost");
          this.#loseBooks(detail ?? "connection lost");
        }
        this.updateState(detail);
      },
      onError: (e) => log.error(`${name} message handling failed: ${errorText(e)}`),
    });
    this.#ws = ws;
    try {
      await ws.connect();
    } catch (e) {
      this.#ws = null;
      await ws.close();
      throw e;
    }
    return true;
  }

  send(frame: string): void {
    this.#ws?.send(frame);
  }

  /**
   * One message's events: a book's updates are dropped while it awaits its snapshot, which ends the wait.
   * With no book awaited (the usual case) they are published as they are: a draining consumer applies them
   * before this returns, with no microtask.
   */
  take(events: readonly ExchangeEvent[]): void {
    if (this.awaiting.size === 0) {
      const candle = this.#opts.candle;
      if (candle) { for (const ev of events) if (ev.kind === "CandleUpdated") candle(ev); }
      this.events.publish(events);
      return;
    }
    for (const ev of events) {
      if (ev.kind === "BookUpdate" && this.awaiting.has(ev.symbol)) continue;
      if (ev.kind === "BookSnapshot" && this.awaiting.delete(ev.symbol)) this.updateState();
      if (ev.kind === "CandleUpdated") this.#opts.candle?.(ev);
      this.events.push(ev);
    }
  }

  /** The message's events reach a draining consumer now, as one burst. */
  flush(): void {
    this.events.flush();
  }

  push(ev: ExchangeEvent): void {
    this.events.push(ev);
  }

  /** Events found later (candles missed while away, over REST): told unless closed by then. */
  pushLater(events: Promise<readonly ExchangeEvent[]>, failure: string): void {
    events.then((list) => {
      for (const ev of list) if (!this.#closed) this.push(ev);
    }).catch((e) => this.#opts.log.warn(`${failure}: ${errorText(e)}`));
  }

  /** A book is to come again from a fresh snapshot; true when the socket is open to ask for it now. */
  awaitSnapshot(symbol: string): boolean {
    this.#opts.awaits?.(symbol);
    this.awaiting.add(symbol);
    this.updateState(`book ${symbol} resyncing`);
    return this.isOpen;
  }

  /** The account feed's state, merged with the market socket's. */
  accountState(state: ConnectionState, detail?: string): void {
    this.#states.account = state;
    this.updateState(detail);
  }

  /** One state for both feeds: the worse of market data and (with a key) the account feed. */
  updateState(detail?: string): void {
    if (this.#closed) return;
    const state = this.#states.change(this.awaiting.size > 0);
    if (state !== null) {
      this.push({ kind: "ConnectionChanged", state, detail, time: this.#opts.timers.now() });
    }
  }

  /** Closes the socket; nothing is told from now on. The owner closes `events` when it is done. */
  async close(): Promise<void> {
    this.#closed = true;
    const ws = this.#ws;
    this.#ws = null;
    await ws?.close();
  }

  #reopened(ws: WsClient): void {
    if (ws.opens === 1 || this.subs.size === 0) return;
    const { log } = this.#opts;
    log.info(`Reconnected to ${ws.url}: resubscribing ${this.subs.size} channel(s)`);
    this.#loseBooks("reconnected");
    for (const sub of this.subs.values()) {
      this.#opts.resubscribe(sub).catch((e) => log.error(errorText(e)));
      this.#opts.resubscribed?.(sub);
    }
  }

  /**
   * The socket dropped (or came back): every subscribed book is lost until the fresh snapshot its
   * resubscription brings; told once per book, and updates are dropped meanwhile. The account socket's state
   * never touches the books.
   */
  #loseBooks(why: string): void {
    for (const sub of this.subs.values()) {
      if (!this.#opts.isBook(sub) || this.awaiting.has(sub.symbol)) continue;
      this.#opts.awaits?.(sub.symbol);
      this.awaiting.add(sub.symbol);
      this.push(reconnectLoss(sub.symbol, "the market data connection", why, this.#opts.timers.now()));
    }
  }
}
