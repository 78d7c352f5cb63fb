import type { BookSnapshot, Candle, TickerChanged, TradePrinted } from "../../lib/core/events.ts";
import type { Instrument } from "../../lib/core/instrument.ts";
import { decoded } from "../../lib/net/decoded.ts";
import { TokenBucket } from "../../lib/net/rate_limiter.ts";
import type { FrameTap } from "../../lib/net/raw_frame.ts";
import type { RestClient } from "../../lib/net/rest_client.ts";
import { venueRestClient } from "../../lib/net/venue_rest_client.ts";
import { systemTimers, type Timers } from "../../lib/net/timers.ts";
import type { RestAssetPair, RestDepth, RestOhlcRow, RestTicker } from "./frames.ts";
import {
  bookFromDepth,
  candlesFromOhlc,
  instrumentsFromAssetPairs,
  restResult,
  tickerFromRest,
  timeFromRest,
} from "./rest_parse.ts";
import { pairNames } from "./pair_names.ts";
import { type RestTrades, tradesFromRest } from "./trades_parse.ts";
import { restPairName } from "./symbols.ts";
import { publicPath } from "./urls.ts";

export interface KrakenRestOptions {
  readonly baseUrl: string;
  readonly timers?: Timers;
  readonly timeoutMs?: number;
  readonly tap?: FrameTap;
  /** Client-side limit for public calls; Kraken allows about one a second sustained. */
  readonly rate?: { readonly capacity: number; readonly refillPerSecond: number };
}

/** Kraken's public REST endpoints (protocols.md §1.3), answering in core shapes. */
export class KrakenRest {
  #http: RestClient;
  #limiter: TokenBucket;
  #timers: Timers;

  constructor(opts: KrakenRestOptions) {
    this.#timers = opts.timers ?? systemTimers;
    this.#limiter = new TokenBucket({
      capacity: opts.rate?.capacity ?? 5,
      refillPerSecond: opts.rate?.refillPerSecond ?? 1,
      timers: this.#timers,
    });
    this.#http = venueRestClient({
      baseUrl: opts.baseUrl,
      timers: this.#timers,
      timeoutMs: opts.timeoutMs,
      tap: opts.tap,
      limiter: this.#limiter,
    });
  }

  /** The pairs, and every REST name of each pair mapped to its v2 symbol. */
  async assetPairs(): Promise<{ instruments: Instrument[]; names: Map<string, string> }> {
    const action = "load pairs on kraken";
    const result = await this.#call<Record<string, RestAssetPair>>("AssetPairs", {}, action);
    return decoded(
      action,
      () => ({ instruments: instrumentsFromAssetPairs(result), names: pairNames(result) }),
    );
  }

  async time(): Promise<number> {
    const action = "read the time on kraken";
    const result = await this.#call<{ unixtime?: string }>("Time", {}, action);
    return decoded(action, () => timeFromRest(result));
  }

  async ticker(inst: Instrument): Promise<TickerChanged> {
    const action = `load ticker for "${inst.symbol}" on kraken`;
    const result = await this.#call<Record<string, RestTicker>>("Ticker", { pair: pairOf(inst) }, action);
    return decoded(action, () => tickerFromRest(result, inst, this.#timers.now()));
  }

  /** `count` is capped at Kraken's 500. */
  async depth(inst: Instrument, count: number): Promise<BookSnapshot> {
    const action = `load book for "${inst.symbol}" on kraken`;
    const n = Math.max(1, Math.min(500, Math.floor(count)));
    const result = await this.#call<Record<string, RestDepth>>(
      "Depth",
      { pair: pairOf(inst), count: n },
      action,
    );
    return decoded(action, () => bookFromDepth(result, inst, this.#timers.now()));
  }

  /** At most the 720 newest candles, oldest first; the last one is still open. */
  async ohlc(inst: Instrument, interval: number, sinceMs?: number): Promise<Candle[]> {
    const action = `load candles for "${inst.symbol}" on kraken`;
    const since = sinceMs === undefined ? undefined : Math.floor(sinceMs / 1000);
    const result = await this.#call<Record<string, readonly RestOhlcRow[] | string>>(
      "OHLC",
      { pair: pairOf(inst), interval, since },
      action,
    );
    return decoded(action, () => candlesFromOhlc(result, inst));
  }

  /** The newest `count` public trades (capped at Kraken's 1000), oldest first. */
  async trades(inst: Instrument, count: number): Promise<TradePrinted[]> {
    const action = `list trades of "${inst.symbol}" on kraken`;
    const n = Math.max(1, Math.min(1000, Math.floor(count)));
    const result = await this.#call<RestTrades>("Trades", { pair: pairOf(inst), count: n }, action);
    return decoded(action, () => tradesFromRest(result, inst).slice(-n));
  }

  close(): void {
    this.#limiter.close();
  }

  async #call<T>(
    method: string,
    query: Record<string, string | number | undefined>,
    action: string,
  ): Promise<T> {
    const res = await this.#http.get(publicPath(method), query, action);
    return restResult<T>(res.text, action);
  }
}

function pairOf(inst: Instrument): string {
  return inst.venueSymbol ?? restPairName(inst.symbol);
}
