import { ExchangeError, ExchangeUnavailable, RequestTimeout } from "../../lib/core/errors.ts";
import type { Channel } from "../../lib/core/exchange.ts";
import type { TimerHandle, Timers } from "../../lib/net/timers.ts";
import { CANDLE_CHANNELS } from "./parse.ts";

/** One public subscription: what is sent again after every reconnect. */
export interface WsSubscription {
  /** "book_lv2|BTC/USDT": one per channel and pair. */
  readonly key: string;
  /** The Poloniex channel: book_lv2, trades, ticker, candles_minute_1, ... */
  readonly channel: string;
  readonly symbol: string;
  readonly venueSymbol: string;
}

/** The candle channel of a timeframe in minutes, or undefined when the socket has none of that length. */
function candleChannel(minutes: number): string | undefined {
  for (const [name, m] of CANDLE_CHANNELS) if (m === minutes) return name;
  return undefined;
}

/**
 * The Poloniex channel for a core channel; null for candles of a length the socket does not stream (the
 * Trader then builds them from trades).
 */
export function wsSubscription(
  channel: Channel,
  symbol: string,
  venueSymbol: string,
  timeframe: number | undefined,
): WsSubscription | null {
  const name = channel === "book"
    ? "book_lv2"
    : channel === "trades"
    ? "trades"
    : channel === "ticker"
    ? "ticker"
    : candleChannel(timeframe ?? 1);
  return name === undefined ? null : { key: `${name}|${symbol}`, channel: name, symbol, venueSymbol };
}

/** `{"event":"subscribe","channel":["book_lv2"],"symbols":["BTC_USDT"]}` and its unsubscribe. */
export function subscribeFrame(event: "subscribe" | "unsubscribe", sub: WsSubscription): string {
  return JSON.stringify({ event, channel: [sub.channel], symbols: [sub.venueSymbol] });
}

interface Waiting {
  readonly channel: string;
  readonly action: string;
  resolve(): void;
  reject(e: Error): void;
  timer: TimerHandle;
}

/**
 * Subscriptions waiting for their acknowledgement. Poloniex's requests carry no id: an ack names its channel
 * and settles the oldest request for that channel; an `error` event names nothing and refuses the oldest
 * request of all (the server answers in order).
 */
export class SubscribeReplies {
  #waiting: Waiting[] = [];
  #timers: Timers;

  constructor(timers: Timers) {
    this.#timers = timers;
  }

  wait(channel: string, action: string, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const w: Waiting = {
        channel,
        action,
        resolve,
        reject,
        timer: this.#timers.setTimeout(() => {
          this.#remove(w);
          reject(new RequestTimeout(`Cannot ${action}: no reply within ${timeoutMs} ms`));
        }, timeoutMs),
      };
      this.#waiting.push(w);
    });
  }

  /** An acknowledgement of `channel`; false when nothing waited for it. */
  ack(channel: string): boolean {
    const w = this.#waiting.find((x) => x.channel === channel);
    if (!w) return false;
    this.#remove(w);
    w.resolve();
    return true;
  }

  /** An `error` event; false when nothing waited. */
  error(message: string): boolean {
    const w = this.#waiting[0];
    if (!w) return false;
    this.#remove(w);
    w.reject(new ExchangeError(`Cannot ${w.action}: ${message}`));
    return true;
  }

  failAll(reason: string): void {
    const all = this.#waiting;
    this.#waiting = [];
    for (const w of all) {
      this.#timers.clearTimeout(w.timer);
      w.reject(new ExchangeUnavailable(`Cannot ${w.action}: ${reason}`));
    }
  }

  #remove(w: Waiting): void {
    this.#timers.clearTimeout(w.timer);
    this.#waiting = this.#waiting.filter((x) => x !== w);
  }
}
