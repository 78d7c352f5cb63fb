import type { StrategyApi } from "../../lib/strategy/sdk.ts";

/** A hand-made api, every member writable, for tests that move the strategy's world between calls. */
export type HandApi = { -readonly [K in keyof StrategyApi]: StrategyApi[K] };

/**
 * A strategy api on BTC/USD (prices to 0.1, volumes to 8 decimals) without a host: no orders, candles, ticker
 * or fee, orders and cancels do nothing, log lines go to `lines`. `more` sets the members a test cares about
 * (name, book, wallet, config, ...).
 */
export function handApi(lines: string[], more: Record<string, unknown>): HandApi {
  return {
    instrument: {
      symbol: "BTC/USD",
      base: "BTC",
      quote: "USD",
      pricePrecision: 1,
      qtyPrecision: 8,
      priceStep: 0.1,
      minVolume: 0.0001,
    },
    orders: [],
    candles: [],
    timeframe: 60,
    ticker: null,
    fee: null,
    reloaded: false,
    cancel: () => {},
    cancelAll: () => {},
    log: (...args: unknown[]) => lines.push(args.join(" ")),
    setTimer: () => () => {},
    ...more,
  } as unknown as HandApi;
}
