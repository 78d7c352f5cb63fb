import {
  formatTicksShort,
  type Instrument,
  InsufficientFunds,
  InvalidOrder,
  type Order,
  type OrderCanceled,
  type OrderFilled,
  type OrderStatus,
  type OrderType,
  type Side,
  type SubmitOrder,
} from "../../lib/core/mod.ts";
import {
  add,
  compare,
  type Decimal,
  formatDecimal,
  fromTicks,
  mul,
  parseDecimal,
  rescale,
  sub,
  ZERO,
} from "../../lib/core/decimal.ts";
import type { BookSide } from "./book_side.ts";
import { assetDecimals } from "./instruments.ts";
import { sweepCost } from "./matching.ts";
import { feeRate, type FeeState, formatAmount, nextFee, Wallet } from "./wallet.ts";

/** An own order as the simulator tracks it; `Order` snapshots of it go out in events. */
export interface OwnOrder {
  readonly id: string;
  readonly clientId: string;
  readonly instrument: Instrument;
  readonly side: Side;
  readonly type: OrderType;
  readonly price: number | null;
  readonly qty: number;
  filled: number;
  status: OrderStatus;
  time: number;
  /** Asset held for the order (quote for buys, base for sells) and how much of it is still held. */
  readonly holdAsset: string;
  held: Decimal;
  readonly fees: FeeState;
  /**
   * Quote moved by the fills so far, in whole units of the quote's decimals: what a buy has paid (cost and
   * fees rounded up) or a sale has been credited (proceeds less fees, rounded down).
   */
  settled: Decimal;
}

export function snapshot(o: OwnOrder): Order {
  return {
    id: o.id,
    clientId: o.clientId,
    symbol: o.instrument.symbol,
    side: o.side,
    type: o.type,
    price: o.price,
    qty: o.qty,
    filled: o.filled,
    status: o.status,
    time: o.time,
  };
}

/** A checked order, ready to be opened: what it holds. */
export interface OrderPlan {
  readonly cmd: SubmitOrder;
  readonly instrument: Instrument;
  readonly holdAsset: string;
  readonly hold: Decimal;
}

export interface AccountOptions {
  readonly balances: Readonly<Record<string, string>>;
  /** Percent as decimal text. */
  readonly makerFee: string;
  readonly takerFee: string;
  /** Venue ids are this prefix and a counter; default "OSIM-". */
  readonly idPrefix?: string;
}

/** Own orders and the wallet: checks, holds, fills with fees, cancels. Knows nothing of time or events order. */
export class Account {
  readonly wallet: Wallet;
  readonly makerRate: Decimal;
  readonly takerRate: Decimal;
  readonly #open = new Map<string, OwnOrder>();
  readonly #openByClient = new Map<string, OwnOrder>();
  /** Every order ever opened, by venue id and by client id (the newest), for lookups after the fact. */
  readonly #all = new Map<string, OwnOrder>();
  readonly #allByClient = new Map<string, OwnOrder>();
  readonly #idPrefix: string;
  #seq = 0;

  constructor(options: AccountOptions) {
    this.#idPrefix = options.idPrefix ?? "OSIM-";
    this.wallet = new Wallet(options.balances);
    this.makerRate = feeRate(options.makerFee);
    this.takerRate = feeRate(options.takerFee);
  }

  /**
   * Validates `cmd` and works out what it must hold: InvalidOrder or InsufficientFunds when it cannot be
   * placed. `opposite` is the side a market order would take from.
   */
  prepare(inst: Instrument, cmd: SubmitOrder, opposite: BookSide<unknown>): OrderPlan {
    const fail = (detail: string) => new InvalidOrder(`Cannot place order on "${inst.symbol}": ${detail}`);
    if (cmd.side !== "buy" && cmd.side !== "sell") throw fail(`side must be buy or sell, got "${cmd.side}"`);
    if (cmd.type !== "limit" && cmd.type !== "market") {
      throw fail(`type must be limit or market, got "${cmd.type}"`);
    }
    if (!Number.isSafeInteger(cmd.qty) || cmd.qty <= 0) throw fail("volume must be a positive amount");
    if (cmd.qty < inst.minQty) {
      throw fail(
        `volume ${formatTicksShort(cmd.qty, inst.qtyPrecision)} is below the minimum ${
          formatTicksShort(inst.minQty, inst.qtyPrecision)
        }`,
      );
    }
    const clash = cmd.clientId === "" ? undefined : this.#openByClient.get(cmd.clientId);
    if (clash) throw fail(`client id "${cmd.clientId}" is already used by open order ${clash.id}`);
    const price = cmd.type === "limit" ? this.#limitPrice(inst, cmd, fail) : null;
    const qty = fromTicks(cmd.qty, inst.qtyPrecision);
    if (cmd.side === "sell") return this.#plan(inst, cmd, inst.base, qty);
    let cost: Decimal;
    let rate = this.takerRate;
    if (price !== null) {
      // a limit buy may fill as taker now or as maker later: hold for the dearer
      cost = mul(fromTicks(price, inst.pricePrecision), qty);
      if (compare(this.makerRate, rate) > 0) rate = this.makerRate;
    } else {
      const est = sweepCost(opposite, cmd.qty);
      cost = { units: est.cost, scale: inst.pricePrecision + inst.qtyPrecision };
    }
    const decimals = assetDecimals(inst.quote);
    const fee = rescale(mul(cost, rate), decimals, "ceil");
    // the venue settles in whole cents and rounds what it takes up: hold that much
    return this.#plan(inst, cmd, inst.quote, rescale(add(cost, fee), decimals, "ceil"));
  }

  /** Opens a prepared order: assigns its venue id and holds its funds. */
  open(plan: OrderPlan, time: number): OwnOrder {
    const { cmd, instrument } = plan;
    const order: OwnOrder = {
      id: `${this.#idPrefix}${String(++this.#seq).padStart(6, "0")}`,
      clientId: cmd.clientId,
      instrument,
      side: cmd.side,
      type: cmd.type,
      price: cmd.type === "limit" ? cmd.price : null,
      qty: cmd.qty,
      filled: 0,
      status: "open",
      time,
      holdAsset: plan.holdAsset,
      held: plan.hold,
      fees: { cost: ZERO, exactFee: ZERO, charged: ZERO },
      settled: ZERO,
    };
    this.wallet.hold(plan.holdAsset, plan.hold);
    this.#open.set(order.id, order);
    this.#all.set(order.id, order);
    if (order.clientId !== "") {
      this.#openByClient.set(order.clientId, order);
      this.#allByClient.set(order.clientId, order);
    }
    return order;
  }

  /** What a validate-only request answers: the order as it would be, unacknowledged. */
  preview(plan: OrderPlan, time: number): Order {
    const { cmd } = plan;
    return {
      id: "",
      clientId: cmd.clientId,
      symbol: plan.instrument.symbol,
      side: cmd.side,
      type: cmd.type,
      price: cmd.type === "limit" ? cmd.price : null,
      qty: cmd.qty,
      filled: 0,
      status: "pending",
      time,
    };
  }

  /** Settles one fill of an open order: moves funds, charges the fee, closes the order when complete. */
  fill(order: OwnOrder, price: number, qty: number, liquidity: "maker" | "taker", time: number): OrderFilled {
    const inst = order.instrument;
    const decimals = assetDecimals(inst.quote);
    const amount = fromTicks(qty, inst.qtyPrecision);
    const cost = mul(fromTicks(price, inst.pricePrecision), amount);
    const fee = nextFee(order.fees, cost, liquidity === "maker" ? this.makerRate : this.takerRate, decimals);
    const w = this.wallet;
    // The quote asset moves in whole units of its decimals, worked out on the order's running totals so the
    // rounding never adds up over fills: a buyer pays the total rounded up, a seller gets it rounded down.
    const { cost: allCost, charged: allFees } = order.fees;
    if (order.side === "buy") {
      const settled = rescale(add(allCost, allFees), decimals, "ceil");
      const paid = sub(settled, order.settled);
      order.settled = settled;
      w.spendHeld(inst.quote, paid);
      order.held = sub(order.held, paid);
      w.credit(inst.base, amount);
    } else {
      w.spendHeld(inst.base, amount);
      order.held = sub(order.held, amount);
      // proceeds less fees never fall below what was already credited: a balance never goes down on a sale
      const net = rescale(sub(allCost, allFees), decimals, "floor");
      const settled = compare(net, order.settled) > 0 ? net : order.settled;
      const credit = sub(settled, order.settled);
      order.settled = settled;
      w.credit(inst.quote, credit);
    }
    if (order.held.units < 0n) throw new Error(`Sim order ${order.id} spent more than it held`);
    order.filled += qty;
    order.time = time;
    if (order.filled === order.qty) this.#close(order, "filled");
    return {
      kind: "OrderFilled",
      order: snapshot(order),
      price,
      qty,
      fee: formatAmount(fee, decimals),
      liquidity,
      time,
    };
  }

  /** Closes an open order as canceled and releases what it still held. */
  cancel(order: OwnOrder, time: number): OrderCanceled {
    order.time = time;
    this.#close(order, "canceled");
    return { kind: "OrderCanceled", order: snapshot(order), time };
  }

  /** An open order by venue id or client id. */
  find(id: string): OwnOrder | undefined {
    return this.#open.get(id) ?? this.#openByClient.get(id);
  }

  /** Any order ever opened, open or closed, by venue id or client id. */
  lookup(id: string): OwnOrder | undefined {
    return this.#all.get(id) ?? this.#allByClient.get(id);
  }

  /** Open orders in the order they were placed. */
  openOrders(symbol?: string): OwnOrder[] {
    const all = [...this.#open.values()];
    return symbol === undefined ? all : all.filter((o) => o.instrument.symbol === symbol);
  }

  #close(order: OwnOrder, status: "filled" | "canceled"): void {
    order.status = status;
    this.wallet.release(order.holdAsset, order.held);
    order.held = ZERO;
    this.#open.delete(order.id);
    if (this.#openByClient.get(order.clientId) === order) this.#openByClient.delete(order.clientId);
  }

  #limitPrice(inst: Instrument, cmd: SubmitOrder, fail: (detail: string) => InvalidOrder): number {
    const price = cmd.price;
    if (price === null || !Number.isSafeInteger(price) || price <= 0) {
      throw fail("a limit order needs a positive price");
    }
    if (price % inst.priceIncrement !== 0) {
      throw fail(
        `price ${formatTicksShort(price, inst.pricePrecision)} is not a multiple of the tick size ${
          formatTicksShort(inst.priceIncrement, inst.pricePrecision)
        }`,
      );
    }
    const cost = mul(fromTicks(price, inst.pricePrecision), fromTicks(cmd.qty, inst.qtyPrecision));
    if (compare(cost, parseDecimal(inst.minCost)) < 0) {
      throw fail(`cost ${formatDecimal(cost)} is below the minimum ${inst.minCost}`);
    }
    return price;
  }

  #plan(inst: Instrument, cmd: SubmitOrder, asset: string, hold: Decimal): OrderPlan {
    const available = this.wallet.available(asset);
    if (compare(hold, available) > 0) {
      const decimals = assetDecimals(asset);
      throw new InsufficientFunds(
        `Cannot place order on "${inst.symbol}": needs ${
          formatAmount(rescale(hold, decimals, "ceil"), decimals)
        } ${asset}, ${formatAmount(available, decimals)} ${asset} available`,
      );
    }
    return { cmd, instrument: inst, holdAsset: asset, hold };
  }
}
