import type { Candle, CandleUpdated } from "../core/events.ts";

/**
 * The newest streamed candle of each symbol and timeframe, so that after a reconnect the candles missed
 * while away are fetched again (over REST) and told as updates.
 */
export class CandleGaps {
  #last = new Map<string, number>();

  /** Notes a streamed candle. */
  seen(ev: CandleUpdated): void {
    const key = `${ev.symbol}|${ev.timeframe}`;
    if ((this.#last.get(key) ?? -1) < ev.candle.time) this.#last.set(key, ev.candle.time);
  }

  /**
   * The candles missed on one stream: `fetch(fromMs)` from one interval before the last candle seen (that
   * candle may have changed while away), from the last one seen on. None, and nothing fetched, when no
   * candle of the stream was seen.
   */
  async fill(
    symbol: string,
    timeframe: number,
    fetch: (fromMs: number) => Promise<Candle[]>,
  ): Promise<Candle[]> {
    const since = this.#last.get(`${symbol}|${timeframe}`);
    if (since === undefined) return [];
    return (await fetch(since - timeframe * 60_000)).filter((c) => c.time >= since);
  }

  /** The same as updates of the stream, for its owner to tell. */
  async updates(
    symbol: string,
    timeframe: number,
    fetch: (fromMs: number) => Promise<Candle[]>,
  ): Promise<CandleUpdated[]> {
    const candles = await this.fill(symbol, timeframe, fetch);
    return candles.map((candle) => ({ kind: "CandleUpdated", symbol, timeframe, candle }));
  }
}
