import { ExchangeError } from "../../lib/core/errors.ts";
import type { BookSnapshot, Candle, TickerChanged, TradePrinted } from "../../lib/core/events.ts";
import type { Instrument } from "../../lib/core/instrument.ts";
import { decoded } from "../../lib/net/decoded.ts";
import type { FrameTap } from "../../lib/net/raw_frame.ts";
import type { RestClient, RestResponse } from "../../lib/net/rest_client.ts";
import { venueRestClient } from "../../lib/net/venue_rest_client.ts";
import { systemTimers, type Timers } from "../../lib/net/timers.ts";
import type { BitstampRate } from "./rate.ts";
import type { RestOrderBook, RestTicker } from "./frames.ts";
import {
  bookSnapshotOf,
  candlesFromOhlc,
  restBody,
  restBook,
  tickerFromRest,
  tradesFromTransactions,
} from "./rest_parse.ts";
import { instrumentsFromMarkets, marketSymbolOf } from "./symbols.ts";
import { apiPath } from "./urls.ts";

export interface BitstampRestOptions {
  readonly baseUrl: string;
  readonly rate: BitstampRate;
  readonly timers?: Timers;
  readonly timeoutMs?: number;
  readonly tap?: FrameTap;
}

type Query = Record<string, string | number | undefined>;

/** Candle steps `ohlc/` accepts, in seconds (protocols.md §5.1.3). */
export const OHLC_STEPS: readonly number[] = [
  60,
  180,
  300,
  900,
  1800,
  3600,
  7200,
  14400,
  21600,
  43200,
  86400,
  259200,
];

/** Bitstamp's public REST endpoints (protocols.md §5.1.3), answering in core shapes. */
export class BitstampRest {
  #http: RestClient;
  #rate: BitstampRate;
  #timers: Timers;

  constructor(opts: BitstampRestOptions) {
    this.#timers = opts.timers ?? systemTimers;
    this.#rate = opts.rate;
    this.#http = venueRestClient({
      baseUrl: opts.baseUrl,
      timers: this.#timers,
      timeoutMs: opts.timeoutMs,
      tap: opts.tap,
    });
  }

  /** `markets/` (not the obsolete `trading-pairs-info/`): decimals and minimums of every market. */
  async markets(): Promise<Instrument[]> {
    const action = "load pairs on bitstamp";
    const body = await this.#get<unknown>("markets", {}, action);
    return decoded(action, () => instrumentsFromMarkets(body));
  }

  async ticker(inst: Instrument): Promise<TickerChanged> {
    const action = `load ticker for "${inst.symbol}" on bitstamp`;
    const body = await this.#get<RestTicker>(`ticker/${market(inst)}`, {}, action);
    return decoded(action, () => tickerFromRest(body, inst, this.#timers.now()));
  }

  /**
   * Bitstamp's clock for `doctor`: the `Date` header of a ticker answer (RFC 9110: the origin server's
   * time when it answered, whole seconds). The ticker's own `timestamp` is the time of its data, which a
   * cache may hold back, so it is not used for the clock.
   */
  async serverTime(inst: Instrument): Promise<number> {
    const action = "read the time on bitstamp";
    const res = await this.#request(`ticker/${market(inst)}`, {}, action);
    restBody<unknown>(res.text, res.status, action);
    const t = Date.parse(res.headers.get("date") ?? "");
    if (!Number.isFinite(t)) throw new ExchangeError(`Cannot ${action}: the answer has no Date header`);
    return t;
  }

  /** The whole book (`group=1`, by price) with its microtimestamp, as the answer text (decoded by its owner). */
  async orderBookText(inst: Instrument): Promise<RestResponse> {
    return await this.#request(
      `order_book/${market(inst)}`,
      { group: 1 },
      `load book for "${inst.symbol}" on bitstamp`,
    );
  }

  async book(inst: Instrument, depth: number): Promise<BookSnapshot> {
    const action = `load book for "${inst.symbol}" on bitstamp`;
    const res = await this.orderBookText(inst);
    const body = restBody<RestOrderBook>(res.text, res.status, action);
    return decoded(action, () => bookSnapshotOf(restBook(body, inst, Math.max(1, Math.floor(depth))), inst));
  }

  /** The newest `limit` trades of the last hour (`time=hour`), oldest first. */
  async trades(inst: Instrument, limit: number): Promise<TradePrinted[]> {
    const action = `list trades of "${inst.symbol}" on bitstamp`;
    const body = await this.#get<unknown>(`transactions/${market(inst)}`, { time: "hour" }, action);
    const n = Math.max(1, Math.floor(limit));
    return decoded(action, () => tradesFromTransactions(body, inst).slice(-n));
  }

  /** At most 1000 candles of `step` seconds, oldest first, from `startMs` when given. */
  async ohlc(inst: Instrument, step: number, limit: number, startMs?: number): Promise<Candle[]> {
    const action = `load candles for "${inst.symbol}" on bitstamp`;
    const query = {
      step,
      limit: Math.max(1, Math.min(1000, Math.floor(limit))),
      start: startMs === undefined ? undefined : Math.floor(startMs / 1000),
    };
    const body = await this.#get<unknown>(`ohlc/${market(inst)}`, query, action);
    return decoded(action, () => candlesFromOhlc(body, inst));
  }

  close(): void {
    this.#http.close();
  }

  async #get<T>(endpoint: string, query: Query, action: string): Promise<T> {
    const res = await this.#request(endpoint, query, action);
    return restBody<T>(res.text, res.status, action);
  }

  /** One GET under the request limits. */
  async #request(endpoint: string, query: Query, action: string): Promise<RestResponse> {
    await this.#rate.take();
    return await this.#http.get(apiPath(endpoint), query, action);
  }
}

function market(inst: Instrument): string {
  return inst.venueSymbol ?? marketSymbolOf(inst.symbol);
}
