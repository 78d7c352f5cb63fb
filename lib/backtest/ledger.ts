import {
  type ExchangeEvent,
  type Instrument,
  isTerminal,
  OrderDenied,
  type SubmitOrder,
} from "../core/mod.ts";
import { add, type Decimal, fromTicks, mul, parseDecimal, sub, ZERO } from "../core/decimal.ts";
import {
  type OrderPort,
  type PortOrderRequest,
  type PortSubmitResult,
  strategyOfOwner,
  type StrategyPort,
} from "../strategy/mod.ts";
import type { VenueTap } from "./backtest_venue.ts";

/** One fill of the backtest, for the report. */
export interface FillRecord {
  readonly time: number;
  /** The strategy's name ("" for an order of no strategy). */
  readonly strategy: string;
  readonly side: "buy" | "sell";
  /** Ticks of the instrument. */
  readonly price: number;
  readonly qty: number;
  /** In the quote currency. */
  readonly fee: Decimal;
  readonly liquidity: "maker" | "taker";
}

/** What one strategy did. */
export interface Tally {
  /** Orders the engine took (journalled and sent). */
  placed: number;
  /** Refused by the engine's local checks (size, funds, price band, resyncing book): never sent. */
  denied: number;
  /** Refused by the venue (paper): too small, not enough funds there. */
  rejected: number;
  filled: number;
  canceled: number;
  fills: number;
  /** Qty ticks bought and sold. */
  bought: number;
  sold: number;
  /** Quote paid for buys and received for sales, at the fills' prices (exact), and the fees. */
  spent: Decimal;
  received: Decimal;
  fees: Decimal;
}

function tally(): Tally {
  return {
    placed: 0,
    denied: 0,
    rejected: 0,
    filled: 0,
    canceled: 0,
    fills: 0,
    bought: 0,
    sold: 0,
    spent: ZERO,
    received: ZERO,
    fees: ZERO,
  };
}

/**
 * The backtest's books: which strategy placed each order (through the strategy port it wraps), every fill
 * and order outcome (through the venue tap), per strategy in the order of the list.
 */
export class Ledger implements VenueTap {
  readonly fills: FillRecord[] = [];
  readonly tallies = new Map<string, Tally>();
  readonly #instrument: Instrument;
  readonly #owners = new Map<string, string>();

  constructor(instrument: Instrument) {
    this.#instrument = instrument;
  }

  /** The strategies of the run, in the order of the list (before any of them trades). */
  register(names: readonly string[]): void {
    for (const name of names) if (!this.tallies.has(name)) this.tallies.set(name, tally());
  }

  /** The strategy that placed the order with this client id ("" if none did). */
  strategyOf(clientId: string): string {
    return this.#owners.get(clientId) ?? "";
  }

  /** `port` with its orders counted: the port the strategy host of a backtest gets. */
  port(port: StrategyPort): StrategyPort {
    const orders = port.orders;
    return {
      market: () => port.market(),
      onMarket: (fn) => port.onMarket(fn),
      orders: orders ? this.#orders(orders) : null,
      fee: () => port.fee?.() ?? null,
    };
  }

  #orders(inner: OrderPort): OrderPort {
    return {
      submit: (req: PortOrderRequest): PortSubmitResult => {
        const name = strategyOfOwner(req.owner);
        try {
          const r = inner.submit(req);
          if (!req.validate) {
            this.#owners.set(r.clientId, name);
            this.#tally(name).placed++;
          }
          return r;
        } catch (e) {
          if (e instanceof OrderDenied) this.#tally(name).denied++;
          throw e;
        }
      },
      cancel: (id, by) => inner.cancel(id, by),
      cancelAll: (filter) => inner.cancelAll(filter),
      orders: () => inner.orders(),
      order: inner.order ? (id) => inner.order!(id) : undefined,
      onChange: (fn) => inner.onChange(fn),
    };
  }

  batch(events: readonly ExchangeEvent[]): void {
    for (const ev of events) {
      switch (ev.kind) {
        case "OrderFilled": {
          const o = ev.order;
          const name = this.strategyOf(o.clientId);
          const fee = parseDecimal(ev.fee);
          this.fills.push({
            time: ev.time,
            strategy: name,
            side: o.side,
            price: ev.price,
            qty: ev.qty,
            fee,
            liquidity: ev.liquidity,
          });
          const t = this.#tally(name);
          const i = this.#instrument;
          const value = mul(fromTicks(ev.price, i.pricePrecision), fromTicks(ev.qty, i.qtyPrecision));
          t.fills++;
          t.fees = add(t.fees, fee);
          if (o.side === "buy") {
            t.bought += ev.qty;
            t.spent = add(t.spent, value);
          } else {
            t.sold += ev.qty;
            t.received = add(t.received, value);
          }
          if (o.status === "filled") t.filled++;
          break;
        }
        case "OrderCanceled":
          if (isTerminal(ev.order.status)) this.#tally(this.strategyOf(ev.order.clientId)).canceled++;
          break;
      }
    }
  }

  refused(cmd: SubmitOrder): void {
    this.#tally(this.strategyOf(cmd.clientId)).rejected++;
  }

  /** A strategy's result at the fills' prices: what it received less what it paid and its fees, plus its
   * net volume valued at `mid` (a Decimal of the quote). */
  pnl(t: Tally, mid: Decimal): Decimal {
    const i = this.#instrument;
    const net = fromTicks(t.bought - t.sold, i.qtyPrecision);
    return add(sub(sub(t.received, t.spent), t.fees), mul(net, mid));
  }

  #tally(name: string): Tally {
    let t = this.tallies.get(name);
    if (!t) this.tallies.set(name, t = tally());
    return t;
  }
}
