/** The arithmetic of the buy and sell strategies: where the price is relative to the level, and how much to trade. */

export type Zone = "trigger" | "alert" | "away";

/**
 * Buy: the ask at or below the level triggers, within `alert` above it alerts.
 * Sell: the bid at or above the level triggers, within `alert` below it alerts.
 */
export function zoneOf(side: "buy" | "sell", price: number, level: number, alert: number): Zone {
  if (side === "buy") return price <= level ? "trigger" : price <= level + alert ? "alert" : "away";
  return price >= level ? "trigger" : price >= level - alert ? "alert" : "away";
}

export interface VolumeSetting {
  /** 0 = the whole available balance. */
  readonly volume: number;
  /** Whether `volume` is in the quote currency (e.g. USD) or the base (e.g. BTC). */
  readonly unit: "quote" | "base";
  /** Fee in percent, kept aside when a whole quote balance buys. */
  readonly fee: number;
}

/** Base volume for an order at `price`, or 0 when there is nothing to trade. */
export function orderVolume(
  side: "buy" | "sell",
  price: number,
  s: VolumeSetting,
  wallet: { readonly quote: number; readonly base: number },
): number {
  if (!(price > 0)) return 0;
  if (side === "buy") {
    if (s.volume === 0) return Math.max(0, wallet.quote / (price * (1 + s.fee / 100)));
    return s.unit === "quote" ? s.volume / price : s.volume;
  }
  if (s.volume === 0) return Math.max(0, wallet.base);
  return s.unit === "quote" ? s.volume / price : s.volume;
}
