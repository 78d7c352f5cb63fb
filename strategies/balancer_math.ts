/**
 * The balancer's arithmetic (seed/inventory.md §6.1), pure and in floats exactly as the original computed
 * it, so its worked example reproduces to the last digit. Amounts go to the exchange as decimal text rounded
 * to the instrument's precision by the strategy API.
 */

/** Quote and base balances, including the amounts held elsewhere ("cold") that count towards the split. */
export interface Holdings {
  readonly quote: number;
  readonly base: number;
}

export interface LevelParams {
  /** % below the centre for the buy, % above it for the sell. */
  readonly distance: number;
  readonly distanceSell: number;
  /** Trade fee in percent. */
  readonly fee: number;
  readonly compensateFees: boolean;
  /** % beyond the best price when a level would cross the book. */
  readonly correctionMargin: number;
  /** Smallest amount of an order, base units (the original's hard-coded 0.1). */
  readonly minAmount: number;
  /** Forced prices (the original's `_balancer_force_<price>` files); they skip fee compensation. */
  readonly forced: readonly number[];
}

/** What the plan changed, for the log (the caller writes the numbers in the pair's decimals). */
export type PlanNote =
  /** A level that would cross the book, moved beyond the best price on its side. */
  | {
    readonly kind: "corrected";
    readonly side: "buy" | "sell";
    readonly price: number;
    readonly instead: number;
    readonly best: number;
  }
  /** An amount below the minimum, raised to it. */
  | {
    readonly kind: "raised";
    readonly side: "buy" | "sell";
    readonly amount: number;
    readonly minimum: number;
  };

export interface Plan {
  readonly centre: number;
  readonly nextBuy: number;
  readonly buyAmount: number;
  readonly nextSell: number;
  readonly sellAmount: number;
  /** Corrections and raised minimums, for the log. */
  readonly notes: readonly PlanNote[];
}

/** Rounds up to 8 decimals as the original did: ceil(x × 1e8) / 1e8. */
export function ceil8(x: number): number {
  return Math.ceil(x * 1e8) / 1e8;
}

/** The price at which both halves are worth the same; null without both assets (the original's other branches were not prices). */
export function centre(h: Holdings): number | null {
  return h.quote > 0 && h.base > 0 ? h.quote / h.base : null;
}

/** Base amount to buy at `price` to reach 50/50; negative means sell. */
export function buyAt(price: number, h: Holdings): number {
  return (h.quote - h.base * price) / price / 2;
}

/** Moves a level away from the centre by the fee twice over (buy lower, sell higher), rounded up to 8 places. */
export function compensateFee(price: number, feePercent: number, h: Holdings): number {
  const f = feePercent / 100;
  const q = price / ((1 - f) * (1 - f));
  return ceil8(buyAt(price, h) > 0 ? price - (q - price) : q);
}

/** The next buy and sell around the centre: levels, fee compensation, book corrections, amounts. */
export function planOrders(h: Holdings, bid: number, ask: number, p: LevelParams): Plan | null {
  const c = centre(h);
  if (c === null) return null;
  const notes: PlanNote[] = [];
  const sellStep = 1 + p.distanceSell / 100;
  const buyStep = 1 + p.distance / 100;
  const forcedSell = Math.min(...p.forced.filter((x) => x > c * sellStep));
  const forcedBuy = Math.max(...p.forced.filter((x) => x < c / buyStep));
  let nextSell = Number.isFinite(forcedSell) ? forcedSell : ceil8(c * sellStep);
  let nextBuy = Number.isFinite(forcedBuy) ? forcedBuy : ceil8(c / buyStep);
  if (p.compensateFees) {
    if (!Number.isFinite(forcedSell)) nextSell = compensateFee(nextSell, p.fee, h);
    if (!Number.isFinite(forcedBuy)) nextBuy = compensateFee(nextBuy, p.fee, h);
  }
  const margin = p.correctionMargin / 100;
  if (ask !== 0 && nextSell < ask) {
    const corrected = margin === 0 ? ask : ask * (1 + margin);
    notes.push({ kind: "corrected", side: "sell", price: corrected, instead: nextSell, best: ask });
    nextSell = corrected;
  }
  if (bid !== 0 && nextBuy > bid) {
    const corrected = margin === 0 ? bid : bid * (1 - margin);
    notes.push({ kind: "corrected", side: "buy", price: corrected, instead: nextBuy, best: bid });
    nextBuy = corrected;
  }
  let sellAmount = -buyAt(nextSell, h);
  let buyAmount = buyAt(nextBuy, h);
  if (sellAmount < p.minAmount) {
    notes.push({ kind: "raised", side: "sell", amount: sellAmount, minimum: p.minAmount });
    sellAmount = p.minAmount;
  }
  if (buyAmount < p.minAmount) {
    notes.push({ kind: "raised", side: "buy", amount: buyAmount, minimum: p.minAmount });
    buyAmount = p.minAmount;
  }
  return { centre: c, nextBuy, buyAmount, nextSell, sellAmount, notes };
}

/** `r`: the market order that restores 50/50 at the current price (side from the mid, volume from bid/ask). */
export function rebalance(
  h: Holdings,
  bid: number,
  ask: number,
): { side: "buy" | "sell"; volume: number } | null {
  if (bid <= 0 || ask <= 0) return null;
  const mid = (bid + ask) / 2;
  return buyAt(mid, h) > 0
    ? { side: "buy", volume: buyAt(ask, h) }
    : { side: "sell", volume: -buyAt(bid, h) };
}

/** What a fill does to simulated holdings: the fee is charged on both sides (the original forgot the sell's). */
export function simulateFill(
  h: Holdings,
  side: "buy" | "sell",
  price: number,
  volume: number,
  feePercent: number,
): Holdings {
  const f = feePercent / 100;
  return side === "buy"
    ? { quote: h.quote - volume * price, base: h.base + volume * (1 - f) }
    : { quote: h.quote + volume * price * (1 - f), base: h.base - volume };
}
