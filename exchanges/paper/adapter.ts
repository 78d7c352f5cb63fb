import {
  type Balances,
  type BookSnapshot,
  type Candle,
  type CandleQuery,
  type Clock,
  errorText,
  type EventSource,
  EventStream,
  type Exchange,
  type ExchangeEvent,
  ExchangeUnavailable,
  forwardMarketCapabilities,
  type Instrument,
  InvalidOrder,
  keptDepth,
  type Order,
  OrderNotFound,
  type OrderRef,
  type PaperVenue,
  type SubmitOrder,
  type Subscription,
  systemClock,
  type TickerChanged,
  type TradePrinted,
  UnknownSymbol,
  verifiesBook,
} from "../../lib/core/mod.ts";
import { Account, type OwnOrder, snapshot } from "../sim/account.ts";
import { BookSide } from "../sim/book_side.ts";
import { LiveBook } from "./live_book.ts";
import { Queues } from "./queue.ts";

export interface PaperOptions {
  /** Starting balances by asset, decimal text; default DEFAULT_PAPER_BALANCES. */
  readonly balances?: Readonly<Record<string, string>>;
  /** Fees in percent as decimal text; default "0.25" (maker) and "0.40" (taker), Kraken's base tier. */
  readonly makerFee?: string;
  readonly takerFee?: string;
  readonly clock?: Clock;
  /** Venue order ids are this prefix and a counter; default "PAPER-<random>-", new every run. */
  readonly idPrefix?: string;
}

export const DEFAULT_PAPER_BALANCES: Readonly<Record<string, string>> = {
  USD: "10000",
  EUR: "10000",
  BTC: "1",
  ETH: "10",
};

/** Book depth mirrored when a subscriber did not say. */
const DEFAULT_DEPTH = 100;

/**
 * Paper trading: market data, instruments and one-shot requests come from a live venue; own orders are
 * filled here by the sim's wallet and fee code against that venue's live book: a crossing order takes the
 * book's liquidity at its prices (never the same twice), a resting one fills at its own price only when the
 * market trades through it, counting its place in the queue at its level (queue.ts): when the opposite side
 * comes to its price, when a trade prints beyond it, or when trades at its price have used up the volume
 * that stood ahead of it. The live venue's own account events never pass through. Orders fill only for pairs whose book someone subscribed to, and only
 * while that book is trusted. The live venue's market-data capabilities (raw frames, streamed depth, book
 * verification, resync, trades, server time) pass through as they are: paper offers exactly what it wraps.
 */
export class PaperExchange implements Exchange, PaperVenue {
  readonly paper = true;
  readonly venue: string;
  readonly live: Exchange;
  readonly #clock: Clock;
  readonly #account: Account;
  readonly #books = new Map<string, LiveBook>();
  readonly #queues = new Queues();
  readonly #stream = new EventStream<ExchangeEvent>();
  #instruments: Promise<readonly Instrument[]> | null = null;
  #pump: Promise<void> | null = null;
  #closed = false;

  constructor(live: Exchange, options: PaperOptions = {}) {
    this.live = live;
    this.venue = live.venue;
    forwardMarketCapabilities(this, live);
    this.#clock = options.clock ?? systemClock;
    const run = crypto.getRandomValues(new Uint32Array(1))[0]!.toString(36).toUpperCase();
    this.#account = new Account({
      balances: options.balances ?? DEFAULT_PAPER_BALANCES,
      makerFee: options.makerFee ?? "0.25",
      takerFee: options.takerFee ?? "0.40",
      // ids differ from one run to the next: the journal keeps the old ones
      idPrefix: options.idPrefix ?? `PAPER-${run}-`,
    });
  }

  instruments(): Promise<readonly Instrument[]> {
    this.#instruments ??= this.live.instruments();
    return this.#instruments;
  }

  connect(): Promise<void> {
    if (this.#closed) {
      return Promise.reject(new ExchangeUnavailable(`Cannot connect to ${this.venue} (paper): closed`));
    }
    this.#pump ??= this.#forward();
    return this.live.connect();
  }

  async subscribe(sub: Subscription): Promise<void> {
    if (sub.channels.includes("book")) {
      const inst = await this.#instrument(sub.symbol);
      const depth = keptDepth(this.live, sub.depth ?? DEFAULT_DEPTH);
      const known = this.#books.get(inst.symbol);
      if (!known || known.book.depth < depth) {
        const verifier = verifiesBook(this.live) ? this.live : null;
        this.#books.set(inst.symbol, new LiveBook(inst, depth, verifier));
      }
    }
    await this.live.subscribe(sub);
  }

  events(): EventSource<ExchangeEvent> {
    return this.#stream;
  }

  ticker(symbol: string): Promise<TickerChanged> {
    return this.live.ticker(symbol);
  }

  book(symbol: string, depth: number): Promise<BookSnapshot> {
    return this.live.book(symbol, depth);
  }

  candles(symbol: string, query: CandleQuery): Promise<Candle[]> {
    return this.live.candles(symbol, query);
  }

  balances(): Promise<Balances> {
    return Promise.resolve(this.#account.wallet.balances());
  }

  /** Balances minus what open paper orders hold. */
  availableBalances(): Balances {
    return this.#account.wallet.availableBalances();
  }

  openOrders(symbol?: string): Promise<Order[]> {
    return Promise.resolve(this.#account.openOrders(symbol).map(snapshot));
  }

  async placeOrder(cmd: SubmitOrder): Promise<Order> {
    if (this.#closed) throw new ExchangeUnavailable(`Cannot place order on ${this.venue} (paper): closed`);
    const inst = await this.#instrument(cmd.symbol);
    const live = this.#books.get(inst.symbol);
    const take = cmd.side === "buy" ? "ask" : "bid";
    if (live && !live.trusted && live.book.version > 0) {
      throw new InvalidOrder(
        `Cannot place order on "${inst.symbol}": the live book is being resynced; nothing fills against it now`,
      );
    }
    if (cmd.type === "market" && (!live || live.book.size(take) === 0)) {
      throw new InvalidOrder(
        `Cannot place order on "${inst.symbol}": no live ${take}s to fill a paper market order against`,
      );
    }
    const opposite = live ? live.sideFor(take, cmd.qty) : new BookSide<never>(take === "bid");
    const plan = this.#account.prepare(inst, cmd, opposite);
    const now = this.#clock.now();
    if (cmd.validate) return this.#account.preview(plan, now);
    const order = this.#account.open(plan, now);
    this.#stream.push({ kind: "OrderAccepted", order: snapshot(order) });
    const events: ExchangeEvent[] = [];
    if (live) {
      for (const t of live.take(take, order.qty, order.price)) {
        events.push(this.#account.fill(order, t.price, t.qty, "taker", now));
      }
    }
    // market orders: what the book could not fill is canceled (IOC)
    if (order.status === "open" && order.type === "market") events.push(this.#account.cancel(order, now));
    if (order.status === "open") this.#queues.place(order, live?.trusted ? live.book : null);
    this.#flush(events, now);
    return snapshot(order);
  }

  cancelOrder(id: string): Promise<Order> {
    const order = this.#account.find(id);
    if (!order) {
      return Promise.reject(
        new OrderNotFound(`Cannot cancel order "${id}" on ${this.venue} (paper): no open order has this id`),
      );
    }
    const ev = this.#account.cancel(order, this.#clock.now());
    this.#queues.forget(order);
    this.#stream.push(ev);
    return Promise.resolve(ev.order);
  }

  /** The record of one paper order, open or closed, by client id (or venue id); null when there is none. */
  queryOrder(ref: OrderRef): Promise<Order | null> {
    const o = (ref.clientId ? this.#account.lookup(ref.clientId) : undefined) ??
      (ref.venueId ? this.#account.lookup(ref.venueId) : undefined);
    return Promise.resolve(o ? snapshot(o) : null);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.live.close();
    await this.#pump;
    this.#stream.close();
  }

  /** Passes the live venue's events through, keeping the book copies and filling resting paper orders. */
  async #forward(): Promise<void> {
    try {
      await this.live.events().drain((batch) => {
        for (const ev of batch) this.#forwardOne(ev);
        // The live burst (and the paper fills it caused) reach a draining consumer as one burst, now.
        this.#stream.flush();
      });
    } catch (e) {
      const detail = `live stream failed: ${errorText(e)}`;
      this.#stream.push({ kind: "ConnectionChanged", state: "down", detail, time: this.#clock.now() });
    } finally {
      this.#stream.close();
    }
  }

  #forwardOne(ev: ExchangeEvent): void {
    switch (ev.kind) {
      case "OrderAccepted":
      case "OrderFilled":
      case "OrderCanceled":
      case "OrderRejected":
      case "WalletChanged":
        return; // the real account is not the paper one
      case "BookSnapshot":
      case "BookUpdate": {
        const live = this.#books.get(ev.symbol);
        live?.apply(ev);
        this.#stream.push(ev);
        if (live) this.#matchResting(ev.symbol, live);
        return;
      }
      case "TradePrinted": {
        this.#stream.push(ev);
        const live = this.#books.get(ev.symbol);
        if (live?.trusted) this.#matchTrade(ev);
        return;
      }
      case "BookIntegrityLost":
        this.#books.get(ev.symbol)?.lose();
        this.#stream.push(ev);
        return;
      case "ConnectionChanged":
        if (ev.state === "down" || ev.state === "connecting" || ev.state === "resyncing") {
          for (const b of this.#books.values()) b.lose();
        }
        this.#stream.push(ev);
        return;
      default:
        this.#stream.push(ev);
    }
  }

  /**
   * Resting paper orders the live book now crosses fill as makers at their own price, best price first; the
   * volume ahead of the others follows what their levels show.
   */
  #matchResting(symbol: string, live: LiveBook): void {
    const open = this.#account.openOrders(symbol).filter((o) => o.type === "limit");
    if (open.length === 0) return;
    if (live.trusted) this.#queues.bookChanged(open, live.book);
    const now = this.#clock.now();
    const events: ExchangeEvent[] = [];
    const buys = open.filter((o) => o.side === "buy").sort((a, b) => b.price! - a.price!);
    const sells = open.filter((o) => o.side === "sell").sort((a, b) => a.price! - b.price!);
    for (const [orders, take] of [[buys, "ask"], [sells, "bid"]] as const) {
      for (const o of orders) this.#fillResting(o, live, take, now, events);
    }
    this.#flush(events, now);
  }

  #fillResting(o: OwnOrder, live: LiveBook, take: "bid" | "ask", now: number, events: ExchangeEvent[]): void {
    let qty = 0;
    for (const t of live.take(take, o.qty - o.filled, o.price)) qty += t.qty;
    if (qty > 0) this.#fill(o, qty, now, events);
  }

  /** A trade printed on the live venue: resting paper orders it reaches fill as makers at their own price. */
  #matchTrade(trade: TradePrinted): void {
    const open = this.#account.openOrders(trade.symbol);
    if (open.length === 0) return;
    const now = this.#clock.now();
    const events: ExchangeEvent[] = [];
    for (const f of this.#queues.trade(trade, open)) this.#fill(f.order, f.qty, now, events);
    this.#flush(events, now);
  }

  #fill(o: OwnOrder, qty: number, now: number, events: ExchangeEvent[]): void {
    events.push(this.#account.fill(o, o.price!, qty, "maker", now));
    if (o.status !== "open") this.#queues.forget(o);
  }

  /** Pushes account events, then the wallet if anything was filled. */
  #flush(events: readonly ExchangeEvent[], now: number): void {
    for (const ev of events) this.#stream.push(ev);
    if (events.some((ev) => ev.kind === "OrderFilled")) {
      this.#stream.push({ kind: "WalletChanged", balances: this.#account.wallet.balances(), time: now });
    }
  }

  async #instrument(symbol: string): Promise<Instrument> {
    const all = await this.instruments();
    const wanted = symbol.toUpperCase();
    const found = all.find((i) => i.symbol.toUpperCase() === wanted);
    if (!found) throw new UnknownSymbol(`Cannot find pair "${symbol}" on ${this.venue} (paper)`);
    return found;
  }
}
