import {
  AuthenticationError,
  type Balances,
  type BookReader,
  type BookSnapshot,
  type BookUpdate,
  type Candle,
  type CandleQuery,
  EventStream,
  type Exchange,
  type ExchangeEvent,
  type Instrument,
  type Order,
  type TickerChanged,
} from "../../lib/core/mod.ts";

export const INSTRUMENT: Instrument = {
  symbol: "ETH/BTC",
  base: "ETH",
  quote: "BTC",
  pricePrecision: 5,
  qtyPrecision: 8,
  priceIncrement: 1,
  minQty: 100_000,
  minCost: "0",
};

/** An Exchange whose events the test pushes by hand; records what the engine asked of it. */
export class ScriptedExchange implements Exchange {
  readonly venue = "scripted";
  readonly stream = new EventStream<ExchangeEvent>();
  readonly calls: string[] = [];
  history: Candle[] = [];
  /** When set, verifyBook compares this function's value with the event's checksum. */
  checksum: ((book: BookReader) => number) | null = null;

  instruments(): Promise<readonly Instrument[]> {
    return Promise.resolve([INSTRUMENT]);
  }
  connect(): Promise<void> {
    this.calls.push("connect");
    return Promise.resolve();
  }
  subscribe(): Promise<void> {
    this.calls.push("subscribe");
    return Promise.resolve();
  }
  events(): EventStream<ExchangeEvent> {
    return this.stream;
  }
  ticker(): Promise<TickerChanged> {
    return Promise.reject(new Error("not scripted"));
  }
  book(): Promise<BookSnapshot> {
    return Promise.reject(new Error("not scripted"));
  }
  candles(_symbol: string, _q: CandleQuery): Promise<Candle[]> {
    return Promise.resolve(this.history);
  }
  balances(): Promise<Balances> {
    return Promise.reject(new AuthenticationError("Cannot read balances on scripted: no API key"));
  }
  openOrders(): Promise<Order[]> {
    return Promise.resolve([]);
  }
  placeOrder(): Promise<Order> {
    return Promise.reject(new Error("not scripted"));
  }
  cancelOrder(): Promise<Order> {
    return Promise.reject(new Error("not scripted"));
  }
  close(): Promise<void> {
    this.stream.close();
    return Promise.resolve();
  }
  verifyBook(_i: Instrument, book: BookReader, ev: BookSnapshot | BookUpdate): string | null {
    const local = this.checksum ? this.checksum(book) : 0;
    return local === ev.checksum ? null : `checksum ${local} does not match ${ev.checksum}`;
  }
  resync(symbol: string): Promise<void> {
    this.calls.push(`resync ${symbol}`);
    return Promise.resolve();
  }
}
