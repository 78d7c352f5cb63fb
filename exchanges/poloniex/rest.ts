import { ExchangeError } from "../../lib/core/errors.ts";
import type { BookSnapshot, Candle, TickerChanged, TradePrinted } from "../../lib/core/events.ts";
import type { Instrument } from "../../lib/core/instrument.ts";
import { decoded } from "../../lib/net/decoded.ts";
import { parseLexemeJson } from "../../lib/net/lexeme_json.ts";
import type { FrameTap } from "../../lib/net/raw_frame.ts";
import type { RestClient, RestResponse } from "../../lib/net/rest_client.ts";
import { venueRestClient } from "../../lib/net/venue_rest_client.ts";
import { systemTimers, type Timers } from "../../lib/net/timers.ts";
import { errorBody, poloniexError } from "./errors.ts";
import type { RateTiers } from "./rate_tiers.ts";
import {
  bookFromRest,
  candlesFromRest,
  type Market,
  marketsFromRest,
  serverTimeFromRest,
  tickerFromRest,
  tradesFromRest,
} from "./rest_parse.ts";
import { venueSymbolOf } from "./symbols.ts";

export interface PoloniexRestOptions {
  readonly baseUrl: string;
  readonly tiers: RateTiers;
  readonly timers?: Timers;
  readonly timeoutMs?: number;
  readonly tap?: FrameTap;
}

/** The order book limits Poloniex accepts (protocols.md §3.2). */
const BOOK_LIMITS = [5, 10, 20, 50, 100, 150];

/** Candle intervals of `GET /markets/{symbol}/candles`, by minutes (protocols.md §3.2). */
export const CANDLE_INTERVALS: ReadonlyMap<number, string> = new Map([
  [1, "MINUTE_1"],
  [5, "MINUTE_5"],
  [10, "MINUTE_10"],
  [15, "MINUTE_15"],
  [30, "MINUTE_30"],
  [60, "HOUR_1"],
  [120, "HOUR_2"],
  [240, "HOUR_4"],
  [360, "HOUR_6"],
  [720, "HOUR_12"],
  [1440, "DAY_1"],
  [4320, "DAY_3"],
  [10080, "WEEK_1"],
]);

/** Poloniex's public REST endpoints (protocols.md §3.2, §5.2.3), answering in core shapes. */
export class PoloniexRest {
  #http: RestClient;
  #tiers: RateTiers;
  #timers: Timers;

  constructor(opts: PoloniexRestOptions) {
    this.#timers = opts.timers ?? systemTimers;
    this.#tiers = opts.tiers;
    this.#http = venueRestClient({
      baseUrl: opts.baseUrl,
      timers: this.#timers,
      timeoutMs: opts.timeoutMs,
      tap: opts.tap,
    });
  }

  async markets(): Promise<Market[]> {
    const action = "load pairs on poloniex";
    const v = await this.#get("/markets", {}, action);
    return decoded(action, () => marketsFromRest(v));
  }

  async time(): Promise<number> {
    const action = "read the time on poloniex";
    const v = await this.#get("/timestamp", {}, action);
    return decoded(action, () => serverTimeFromRest(v));
  }

  async ticker(inst: Instrument): Promise<TickerChanged> {
    const action = `load ticker for "${inst.symbol}" on poloniex`;
    const v = await this.#get(`/markets/${pair(inst)}/ticker24h`, {}, action);
    return decoded(action, () => tickerFromRest(v as never, inst, this.#timers.now()));
  }

  /** The smallest documented limit holding `depth` levels (at most 150), cut to `depth`. */
  async book(inst: Instrument, depth: number): Promise<BookSnapshot> {
    const action = `load book for "${inst.symbol}" on poloniex`;
    const limit = BOOK_LIMITS.find((l) => l >= depth) ?? 150;
    const v = await this.#get(`/markets/${pair(inst)}/orderBook`, { limit: String(limit) }, action);
    const book = decoded(action, () => bookFromRest(v as never, inst, this.#timers.now()));
    const n = Math.max(1, Math.floor(depth));
    return { ...book, bids: book.bids.slice(0, n), asks: book.asks.slice(0, n) };
  }

  /** At most 500 candles (Poloniex's cap) of a documented interval, oldest first. */
  async candles(
    inst: Instrument,
    minutes: number,
    opts: { limit?: number; since?: number },
  ): Promise<Candle[]> {
    const action = `load candles for "${inst.symbol}" on poloniex`;
    const interval = CANDLE_INTERVALS.get(minutes);
    if (!interval) throw new ExchangeError(`Cannot ${action}: ${minutes} min is not a Poloniex interval`);
    const query: Record<string, string> = { interval };
    if (opts.limit !== undefined) query.limit = String(Math.max(1, Math.min(500, Math.floor(opts.limit))));
    if (opts.since !== undefined) query.startTime = String(Math.floor(opts.since));
    const v = await this.#get(`/markets/${pair(inst)}/candles`, query, action);
    return decoded(action, () => candlesFromRest(v, inst));
  }

  /** The newest `count` public trades (at most 1000, Poloniex's cap), oldest first. */
  async trades(inst: Instrument, count: number): Promise<TradePrinted[]> {
    const action = `list trades of "${inst.symbol}" on poloniex`;
    const n = Math.max(1, Math.min(1000, Math.floor(count)));
    const v = await this.#get(`/markets/${pair(inst)}/trades`, { limit: String(n) }, action);
    return decoded(action, () => tradesFromRest(v, inst).slice(-n));
  }

  close(): void {
    this.#http.close();
  }

  async #get(path: string, query: Record<string, string>, action: string): Promise<unknown> {
    await this.#tiers.take("GET", path);
    const qs = new URLSearchParams(query).toString();
    const res = await this.#http.send("GET", qs ? `${path}?${qs}` : path, undefined, () => ({}), action);
    return restAnswer(res, action);
  }
}

function pair(inst: Instrument): string {
  return inst.venueSymbol ?? venueSymbolOf(inst.symbol);
}

/** The JSON of a 2xx answer (numbers kept as their text), or the venue's refusal as an error. */
export function restAnswer(res: RestResponse, action: string): unknown {
  if (res.status < 200 || res.status > 299) {
    const { code, message } = errorBody(res.text);
    throw poloniexError(res.status, code, message, action);
  }
  try {
    return parseLexemeJson(res.text);
  } catch {
    throw new ExchangeError(
      `Cannot ${action}: the answer is not JSON (${JSON.stringify(res.text.slice(0, 60))})`,
    );
  }
}
