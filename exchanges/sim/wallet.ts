import type { Balances } from "../../lib/core/mod.ts";
import {
  add,
  compare,
  type Decimal,
  formatDecimal,
  mul,
  parseDecimal,
  rescale,
  sub,
  ZERO,
} from "../../lib/core/decimal.ts";
import { assetDecimals } from "./instruments.ts";

/** Decimal text with at least the asset's decimals ("10000.00"), more only when the exact value needs them. */
export function formatAmount(amount: Decimal, decimals: number): string {
  if (amount.scale <= decimals) return formatDecimal(amount, decimals);
  const exact = formatDecimal(amount);
  const dot = exact.indexOf(".");
  const digits = dot < 0 ? 0 : exact.length - dot - 1;
  if (digits >= decimals) return exact;
  return (dot < 0 ? exact + "." : exact) + "0".repeat(decimals - digits);
}

/**
 * Exact balances: a total per asset and the part of it held for open orders. Available = total - held.
 * Every change checks that nothing goes negative: a failure here is a bug in the simulator, never user error.
 */
export class Wallet {
  readonly #total = new Map<string, Decimal>();
  readonly #held = new Map<string, Decimal>();

  constructor(balances: Readonly<Record<string, string>>) {
    for (const [asset, text] of Object.entries(balances)) {
      let amount: Decimal;
      try {
        amount = parseDecimal(text);
      } catch {
        throw new RangeError(
          `Cannot read the starting balance of ${asset}: "${text}" is not a decimal number`,
        );
      }
      if (amount.units < 0n) {
        throw new RangeError(`Starting balance of ${asset} must not be negative: ${text}`);
      }
      this.#total.set(asset.toUpperCase(), amount);
    }
  }

  total(asset: string): Decimal {
    return this.#total.get(asset) ?? ZERO;
  }

  held(asset: string): Decimal {
    return this.#held.get(asset) ?? ZERO;
  }

  available(asset: string): Decimal {
    return sub(this.total(asset), this.held(asset));
  }

  /** Holds `amount` of the available funds; the caller has checked they suffice. */
  hold(asset: string, amount: Decimal): void {
    this.#set(this.#held, asset, add(this.held(asset), amount));
    this.#check(asset);
  }

  release(asset: string, amount: Decimal): void {
    this.#set(this.#held, asset, sub(this.held(asset), amount));
    this.#check(asset);
  }

  /** Pays `amount` out of funds held for an order. */
  spendHeld(asset: string, amount: Decimal): void {
    this.#set(this.#total, asset, sub(this.total(asset), amount));
    this.#set(this.#held, asset, sub(this.held(asset), amount));
    this.#check(asset);
  }

  credit(asset: string, amount: Decimal): void {
    this.#set(this.#total, asset, add(this.total(asset), amount));
    this.#check(asset);
  }

  /** Totals, as a venue reports balances. */
  balances(): Balances {
    return this.#format((asset) => this.total(asset));
  }

  /** What new orders can use. */
  availableBalances(): Balances {
    return this.#format((asset) => this.available(asset));
  }

  #format(amount: (asset: string) => Decimal): Balances {
    const out: Record<string, string> = {};
    for (const asset of this.#total.keys()) out[asset] = formatAmount(amount(asset), assetDecimals(asset));
    return out;
  }

  #set(map: Map<string, Decimal>, asset: string, value: Decimal): void {
    map.set(asset, value);
    if (!this.#total.has(asset)) this.#total.set(asset, ZERO);
  }

  #check(asset: string): void {
    if (this.held(asset).units < 0n || compare(this.held(asset), this.total(asset)) > 0) {
      throw new Error(
        `Sim wallet broken for ${asset}: total ${formatDecimal(this.total(asset))}, held ${
          formatDecimal(this.held(asset))
        }`,
      );
    }
  }
}

/** A fee rate from percent text: "0.26" -> 0.0026. */
export function feeRate(percent: string): Decimal {
  let d: Decimal;
  try {
    d = parseDecimal(percent);
  } catch {
    throw new RangeError(`Cannot read fee "${percent}": expected a percentage such as 0.26`);
  }
  if (d.units < 0n) throw new RangeError(`Fee must not be negative, got ${percent}`);
  return { units: d.units, scale: d.scale + 2 };
}

/** Running fee state of one order: exact cost and fee so far, and what has been charged. */
export interface FeeState {
  cost: Decimal;
  exactFee: Decimal;
  charged: Decimal;
}

/**
 * The fee for the next fill of cost `cost` at `rate`. Over an order the charged total is the exact total fee
 * rounded up to `decimals`, never more than the cost itself, so each fill's fee is >= 0 and no fill, not even
 * a tiny partial one, costs a seller more than it brings in.
 */
export function nextFee(state: FeeState, cost: Decimal, rate: Decimal, decimals: number): Decimal {
  state.cost = add(state.cost, cost);
  state.exactFee = add(state.exactFee, mul(cost, rate));
  const up = rescale(state.exactFee, decimals, "ceil");
  const target = compare(up, state.cost) <= 0 ? up : state.cost;
  const fee = sub(target, state.charged);
  state.charged = target;
  return fee;
}
