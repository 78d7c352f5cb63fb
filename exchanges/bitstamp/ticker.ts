import type { PriceLevel, TickerChanged } from "../../lib/core/events.ts";

/**
 * A ticker from the stream (Bitstamp has no ticker channel): best bid and ask from `order_book_<pair>`,
 * last price from `live_trades_<pair>`, the 24 h volume from REST `ticker/` now and then.
 */
export class StreamTicker {
  readonly symbol: string;
  #bid = 0;
  #ask = 0;
  #last = 0;
  #volume = 0;
  #time = 0;

  constructor(symbol: string) {
    this.symbol = symbol;
  }

  /** A REST ticker: its volume always; its prices only until the stream has given some. */
  rest(t: TickerChanged): TickerChanged | null {
    this.#volume = t.volume;
    if (this.#bid === 0) this.#bid = t.bid;
    if (this.#ask === 0) this.#ask = t.ask;
    if (this.#last === 0) this.#last = t.last;
    return this.#event(Math.max(this.#time, t.time));
  }

  /** The top of a book frame; an event when the best prices changed. */
  top(bids: readonly PriceLevel[], asks: readonly PriceLevel[], time: number): TickerChanged | null {
    const bid = bids[0]?.price ?? this.#bid;
    const ask = asks[0]?.price ?? this.#ask;
    if (bid === this.#bid && ask === this.#ask) return null;
    this.#bid = bid;
    this.#ask = ask;
    return this.#event(time);
  }

  trade(price: number, time: number): TickerChanged | null {
    if (price === this.#last) return null;
    this.#last = price;
    return this.#event(time);
  }

  #event(time: number): TickerChanged | null {
    this.#time = time;
    if (this.#bid === 0 || this.#ask === 0) return null;
    return {
      kind: "TickerChanged",
      symbol: this.symbol,
      bid: this.#bid,
      ask: this.#ask,
      last: this.#last || this.#bid,
      volume: this.#volume,
      time,
    };
  }
}
