import {
  AuthenticationError,
  type Balances,
  type BookSnapshot,
  type BookVerifier,
  type Candle,
  type Clock,
  EventStream,
  type Exchange,
  type ExchangeEvent,
  ExchangeUnavailable,
  type Instrument,
  type Order,
  type ReplayDecoder,
  type StreamedDepth,
  type TickerChanged,
} from "../core/mod.ts";

/**
 * A recording as a venue: market data only, pushed by the backtest frame by frame (the venue's own decoder
 * made the events), with the book depth the recording was made at and the venue's checksum. It has no
 * account and takes no orders: paper, on top of it, fills them.
 */
export class RecordedVenue implements Exchange, StreamedDepth {
  readonly venue: string;
  readonly instrument: Instrument;
  /** Levels per side the recorded subscription streamed. */
  readonly depth: number;
  declare readonly verifyBook?: BookVerifier["verifyBook"];
  readonly #clock: Clock;
  readonly #stream = new EventStream<ExchangeEvent>();

  constructor(decoder: ReplayDecoder, instrument: Instrument, depth: number, clock: Clock) {
    this.venue = decoder.venue;
    this.instrument = instrument;
    this.depth = depth;
    this.#clock = clock;
    const verify = decoder.verifyBook;
    if (verify) Object.defineProperty(this, "verifyBook", { value: verify.bind(decoder), enumerable: false });
  }

  /** The events of one recorded frame: they reach the consumer together and at once, as a socket message's do. */
  push(events: readonly ExchangeEvent[]): void {
    this.#stream.pushAll(events);
    this.#stream.flush();
  }

  bookDepth(_requested: number): number {
    return this.depth;
  }

  instruments(): Promise<readonly Instrument[]> {
    return Promise.resolve([this.instrument]);
  }

  connect(): Promise<void> {
    this.#stream.push({ kind: "ConnectionChanged", state: "connected", time: this.#clock.now() });
    return Promise.resolve();
  }

  subscribe(): Promise<void> {
    return Promise.resolve();
  }

  events(): EventStream<ExchangeEvent> {
    return this.#stream;
  }

  ticker(symbol: string): Promise<TickerChanged> {
    return Promise.reject(this.#none(`read the ticker of "${symbol}"`));
  }

  book(symbol: string): Promise<BookSnapshot> {
    return Promise.reject(this.#none(`read the book of "${symbol}"`));
  }

  /** History comes from the recording's candle frames (and trades), as they are replayed. */
  candles(): Promise<Candle[]> {
    return Promise.resolve([]);
  }

  balances(): Promise<Balances> {
    return Promise.reject(new AuthenticationError(`Cannot read balances of a recording of ${this.venue}`));
  }

  openOrders(): Promise<Order[]> {
    return Promise.resolve([]);
  }

  placeOrder(): Promise<Order> {
    return Promise.reject(this.#none("place an order"));
  }

  cancelOrder(): Promise<Order> {
    return Promise.reject(this.#none("cancel an order"));
  }

  close(): Promise<void> {
    this.#stream.close();
    return Promise.resolve();
  }

  #none(action: string): Error {
    return new ExchangeUnavailable(`Cannot ${action} on a recording of ${this.venue}: it only replays`);
  }
}
