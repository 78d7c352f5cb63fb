import { type Instrument, UnknownSymbol } from "../../lib/core/mod.ts";

/** How one synthetic market behaves. Prices in price ticks, sizes in qty ticks, times in seconds. */
export interface MarketParams {
  /** Price the market starts at and reverts to. */
  readonly startPrice: number;
  /** Relative volatility of the fair price per √second, as on the real venue. */
  readonly volatility: number;
  /**
   * Largest standard deviation of the fair price per step, in ticks: with 1 to 3 level changes per message the
   * book can follow only so fast, so at low update rates the market is calmer than the real one.
   */
  readonly maxStepMove: number;
  /** Mean-reversion time scale of the fair price. */
  readonly reversionSeconds: number;
  /** Levels per side the book keeps around (it drifts within ±10 %). */
  readonly levels: number;
  /** Typical spread. */
  readonly spread: number;
  /** Mean extra gap between adjacent levels at the top, and its growth per level of depth. */
  readonly topGap: number;
  readonly gapGrowth: number;
  /** Mean distance behind the fair quote at which new orders arrive. */
  readonly arrivalDepth: number;
  /** Order sizes: Pareto from minSize with tail index sizeAlpha, capped at maxSize. */
  readonly minSize: number;
  readonly maxSize: number;
  readonly sizeAlpha: number;
  /** Uninformed market orders per second. */
  readonly tradesPerSecond: number;
  /** History: trades per minute and their mean size. */
  readonly historyTradesPerMinute: number;
  readonly historyTradeSize: number;
  /** History: chance that a minute has no trade at all. */
  readonly gapChance: number;
}

export interface SimMarketSpec {
  readonly instrument: Instrument;
  readonly params: MarketParams;
}

/** Standard deviation of the fair price per step (ticks) at `dt` seconds a step. */
export function stepMove(p: MarketParams, dt: number): number {
  return Math.min(p.volatility * p.startPrice * Math.sqrt(dt), p.maxStepMove);
}

/** The relative volatility per √second the market actually has at `dt` seconds a step. */
export function effectiveVolatility(p: MarketParams, dt: number): number {
  return stepMove(p, dt) / Math.sqrt(dt) / p.startPrice;
}

/** Decimals each asset is settled in (fees are rounded up to these): fiat in cents, crypto in 8 (the default). */
export const ASSET_DECIMALS: Readonly<Record<string, number>> = {
  USD: 2,
  EUR: 2,
  GBP: 2,
  CAD: 2,
  CHF: 2,
  AUD: 2,
  JPY: 0,
  BTC: 8,
  ETH: 8,
};

export function assetDecimals(asset: string): number {
  return ASSET_DECIMALS[asset] ?? 8;
}

export const DEFAULT_BALANCES: Readonly<Record<string, string>> = { USD: "10000", BTC: "1", ETH: "10" };

export const SIM_MARKETS: readonly SimMarketSpec[] = [
  {
    instrument: {
      symbol: "BTC/USD",
      base: "BTC",
      quote: "USD",
      pricePrecision: 1,
      qtyPrecision: 8,
      priceIncrement: 1,
      minQty: 10_000,
      minCost: "0.5",
      venueSymbol: "BTCUSD",
    },
    params: {
      startPrice: 600_000,
      volatility: 8e-5,
      maxStepMove: 1,
      reversionSeconds: 172_800,
      levels: 600,
      spread: 3,
      topGap: 0.6,
      gapGrowth: 0.012,
      arrivalDepth: 4,
      minSize: 200_000,
      maxSize: 2_500_000_000,
      sizeAlpha: 1.15,
      tradesPerSecond: 0.8,
      historyTradesPerMinute: 80,
      historyTradeSize: 500_000,
      gapChance: 0.002,
    },
  },
  {
    instrument: {
      symbol: "ETH/USD",
      base: "ETH",
      quote: "USD",
      pricePrecision: 2,
      qtyPrecision: 8,
      priceIncrement: 1,
      minQty: 200_000,
      minCost: "0.5",
      venueSymbol: "ETHUSD",
    },
    params: {
      startPrice: 300_000,
      volatility: 1.1e-4,
      maxStepMove: 1,
      reversionSeconds: 172_800,
      levels: 600,
      spread: 5,
      topGap: 0.8,
      gapGrowth: 0.015,
      arrivalDepth: 5,
      minSize: 500_000,
      maxSize: 20_000_000_000,
      sizeAlpha: 1.15,
      tradesPerSecond: 0.6,
      historyTradesPerMinute: 60,
      historyTradeSize: 1_100_000,
      gapChance: 0.004,
    },
  },
  {
    instrument: {
      symbol: "ETH/BTC",
      base: "ETH",
      quote: "BTC",
      pricePrecision: 5,
      qtyPrecision: 8,
      priceIncrement: 1,
      minQty: 200_000,
      minCost: "0.00002",
      venueSymbol: "ETHBTC",
    },
    params: {
      startPrice: 5_000,
      volatility: 7e-5,
      maxStepMove: 0.3,
      reversionSeconds: 172_800,
      levels: 550,
      spread: 1.5,
      topGap: 0.05,
      gapGrowth: 0.002,
      arrivalDepth: 1,
      minSize: 500_000,
      maxSize: 10_000_000_000,
      sizeAlpha: 1.2,
      tradesPerSecond: 0.2,
      historyTradesPerMinute: 16,
      historyTradeSize: 1_100_000,
      gapChance: 0.03,
    },
  },
];

/** The market for `symbol` (case-insensitive), or UnknownSymbol naming the pairs that exist. */
export function findMarket(symbol: string): SimMarketSpec {
  const wanted = symbol.toUpperCase();
  const found = SIM_MARKETS.find((m) => m.instrument.symbol === wanted);
  if (found) return found;
  const known = SIM_MARKETS.map((m) => m.instrument.symbol).join(", ");
  throw new UnknownSymbol(`Cannot find pair "${symbol}" on sim: known pairs are ${known}`);
}
