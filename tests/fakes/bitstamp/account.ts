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
} from "../../../lib/core/decimal.ts";
import { formatTicks } from "../../../lib/core/ticks.ts";
import { BALANCES, MARKETS } from "./payloads.ts";

/** BTC/USD as markets/ describes it to the fake's clients. */
export const PP = MARKETS[0].counter_decimals;
export const QP = MARKETS[0].base_decimals;
const MIN_VALUE = parseDecimal(MARKETS[0].minimum_order_value);
/** Bitstamp's base fee tier, 0.5 % maker and taker (ccxt's fee table, ts/src/bitstamp.ts). */
const FEE = parseDecimal("0.005");

export interface FakeOrder {
  readonly id: string;
  readonly clientId: string | null;
  readonly side: "buy" | "sell";
  readonly type: "limit" | "market";
  readonly price: number | null;
  readonly qty: number;
  filled: number;
  status: "Open" | "Finished" | "Canceled";
  /** order_created was published. */
  announced: boolean;
  readonly created: number;
  readonly trades: FakeFill[];
}

export interface FakeFill {
  readonly tid: number;
  readonly price: number;
  readonly qty: number;
  readonly fee: Decimal;
  readonly time: number;
}

/** What the account channels publish. */
export type AccountChange =
  | { readonly kind: "order_created" | "order_changed" | "order_deleted"; readonly order: FakeOrder }
  | { readonly kind: "trade"; readonly order: FakeOrder; readonly fill: FakeFill };

/** An answer: an HTTP status and a JSON body. */
export interface Answer {
  readonly status: number;
  readonly body: unknown;
}

const ok = (body: unknown): Answer => ({ status: 200, body });
/** The newer error form (https://www.bitstamp.net/api/ "Response codes"). */
const coded = (status: number, code: string, explanation: string): Answer => ({
  status,
  body: { status: "error", response_code: code, response_explanation: explanation },
});
/** The classic form, `reason` a text or a map of field errors (protocols.md §5.1.5, ccxt's comments). */
const reason = (status: number, r: unknown): Answer => ({ status, body: { status: "error", reason: r } });

/**
 * The account behind the fake's private endpoints: balances (account_balances/ shape), BTC/USD orders with
 * digit ids, fills against the fake book's best price when an order crosses it, or by fill() for resting
 * ones; refusals in Bitstamp's documented wording. Answers in the shapes of protocols.md §5.1.5.
 */
export class FakeAccount {
  readonly orders = new Map<string, FakeOrder>();
  readonly balances = new Map<string, Decimal>();
  #decimals = new Map<string, number>();
  #seq = 1429545880227846;
  #tid = 209895701;
  #listeners = new Set<(c: AccountChange) => void>();
  #top: () => { bid: number; ask: number };
  #now: () => number;

  constructor(top: () => { bid: number; ask: number }, now: () => number) {
    for (const b of BALANCES) {
      const d = parseDecimal(b.total);
      this.balances.set(b.currency, d);
      this.#decimals.set(b.currency, d.scale);
    }
    this.#top = top;
    this.#now = now;
  }

  onChange(fn: (c: AccountChange) => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  byClientId(id: string): FakeOrder | undefined {
    for (const o of this.orders.values()) if (o.clientId === id) return o;
    return undefined;
  }

  open(): FakeOrder[] {
    return [...this.orders.values()].filter((o) => o.status === "Open");
  }

  balanceAnswer(): Answer {
    return ok([...this.balances.entries()].map(([currency, total]) => {
      const text = formatDecimal(total, this.#decimals.get(currency) ?? 8);
      return {
        currency,
        total: text,
        available: text,
        reserved: formatDecimal(ZERO, this.#decimals.get(currency) ?? 8),
      };
    }));
  }

  /** `open_orders/all/`: the OpenOrdersAllResponse fields of the docs (amount = what is left). */
  openOrdersAnswer(): Answer {
    return ok(
      this.open().map((o) => ({
        id: o.id,
        datetime: datetime(o.created),
        type: o.side === "buy" ? "0" : "1",
        price: formatTicks(o.price ?? 0, PP),
        amount: formatTicks(o.qty - o.filled, QP),
        amount_at_create: formatTicks(o.qty, QP),
        currency_pair: "BTC/USD",
        market: "BTC/USD",
        ...(o.clientId === null ? {} : { client_order_id: o.clientId }),
      })),
    );
  }

  /**
   * `buy|sell/btcusd/` and `buy|sell/market/btcusd/`: checks as Bitstamp's "Possible errors" tables word them
   * (https://www.bitstamp.net/api/), then rests or fills at once. A taken client id is 400.019.
   */
  place(side: "buy" | "sell", type: "limit" | "market", form: URLSearchParams): Answer {
    const amountText = form.get("amount");
    if (amountText === null) {
      return coded(400, "400.005", "POST parameter(s) is missing from request: amount.");
    }
    const amount = decimalOrNull(amountText);
    if (!amount) return coded(400, "400.026", "POST parameter(s) is malformed: amount.");
    if (amount.scale > QP) {
      return reason(400, {
        amount: [`Ensure that there are no more than ${QP} decimal places.`],
        __all__: [""],
      });
    }
    let price: Decimal | null = null;
    if (type === "limit") {
      price = decimalOrNull(form.get("price"));
      if (!price) return reason(400, "Missing amount and/or price POST parameters");
      if (price.scale > PP) {
        return reason(400, {
          price: [`Ensure that there are no more than ${PP} decimal places.`],
          __all__: [""],
        });
      }
    }
    const top = this.#top();
    const cross = side === "buy" ? top.ask : top.bid;
    const qty = Number(rescale(amount, QP).units);
    const priceTicks = price === null ? null : Number(rescale(price, PP).units);
    const at = priceTicks ?? cross;
    if (compare(mul(fromTicks(at, PP), amount), MIN_VALUE) < 0) {
      return coded(400, "400.020", "Minimum order size is 10 USD.");
    }
    const clientId = form.get("client_order_id");
    if (clientId !== null && this.byClientId(clientId)) {
      return coded(400, "400.019", "Provided client_order_id already exists.");
    }
    if (!this.#affordable(side, qty, at)) {
      const need = side === "buy" ? "USD" : "BTC";
      return reason(400, `You need more ${need} to open that order. Check your account balance for details.`);
    }
    const order: FakeOrder = {
      id: String(++this.#seq),
      clientId,
      side,
      type,
      price: priceTicks,
      qty,
      filled: 0,
      status: "Open",
      announced: false,
      created: this.#now(),
      trades: [],
    };
    this.orders.set(order.id, order);
    const crosses = priceTicks === null || (side === "buy" ? priceTicks >= cross : priceTicks <= cross);
    if (crosses) this.fill(order.id, { price: cross });
    else this.#announce(order);
    // The buy/sell answer (ccxt's recorded comment: id, datetime, type, price, amount, client_order_id).
    return ok({
      id: order.id,
      market: "BTC/USD",
      datetime: datetime(order.created),
      type: side === "buy" ? "0" : "1",
      price: formatTicks(priceTicks ?? cross, PP),
      amount: formatTicks(qty, QP),
      ...(clientId === null ? {} : { client_order_id: clientId }),
    });
  }

  /** `cancel_order/` by `id`; the reply as documented (id, amount, price, type, market). */
  cancel(form: URLSearchParams): Answer {
    const o = this.orders.get(form.get("id") ?? "");
    if (!o || o.status !== "Open") return coded(404, "404.002", "Order not found for corresponding request.");
    this.#close(o);
    return ok({
      id: Number(o.id),
      amount: formatTicks(o.qty - o.filled, QP),
      price: formatTicks(o.price ?? 0, PP),
      type: o.side === "buy" ? 0 : 1,
      market: "BTC/USD",
    });
  }

  cancelAll(): Answer {
    const canceled = this.open().map((o) => {
      this.#close(o);
      return {
        id: Number(o.id),
        amount: formatTicks(o.qty - o.filled, QP),
        price: formatTicks(o.price ?? 0, PP),
        type: o.side === "buy" ? 0 : 1,
        currency_pair: "BTC/USD",
        market: "BTC/USD",
      };
    });
    return ok({ success: true, canceled });
  }

  /** `order_status/` by `id` or `client_order_id` (ccxt's recorded comment; fields as protocols.md §5.1.5). */
  status(form: URLSearchParams): Answer {
    const id = form.get("id");
    const cl = form.get("client_order_id");
    const o = id ? this.orders.get(id) : cl ? this.byClientId(cl) : undefined;
    if (!o) return reason(404, "Order not found.");
    return ok({
      id: Number(o.id),
      datetime: datetime(o.created),
      type: o.side === "buy" ? "0" : "1",
      status: o.status,
      market: "BTC/USD",
      amount_remaining: formatTicks(o.qty - o.filled, QP),
      ...(o.clientId === null ? {} : { client_order_id: o.clientId }),
      transactions: o.trades.map((f) => ({
        tid: f.tid,
        price: formatTicks(f.price, PP),
        fee: formatDecimal(f.fee),
        datetime: datetime(f.time, true),
        type: 2,
        usd: formatDecimal(mul(fromTicks(f.price, PP), fromTicks(f.qty, QP))),
        btc: formatTicks(f.qty, QP),
      })),
    });
  }

  /** Fills a resting order (all that is left unless `qty`), at its own price unless told otherwise. */
  fill(id: string, opts: { qty?: number; price?: number } = {}): void {
    const o = this.orders.get(id);
    if (!o || o.status !== "Open") throw new Error(`No open order ${id}`);
    const qty = Math.min(opts.qty ?? o.qty - o.filled, o.qty - o.filled);
    const price = opts.price ?? o.price!;
    const cost = mul(fromTicks(price, PP), fromTicks(qty, QP));
    const fee = rescale(mul(cost, FEE), 2, "ceil");
    const fill: FakeFill = { tid: ++this.#tid, price, qty, fee, time: this.#now() };
    o.trades.push(fill);
    o.filled += qty;
    const buy = o.side === "buy";
    this.#move("btc", buy ? fromTicks(qty, QP) : sub(ZERO, fromTicks(qty, QP)));
    this.#move("usd", sub(buy ? sub(ZERO, cost) : cost, fee));
    this.#emit({ kind: "trade", order: o, fill });
    if (o.filled >= o.qty) {
      o.status = "Finished";
      this.#emit({ kind: "order_deleted", order: o });
    } else if (o.type === "market") {
      this.#close(o);
    } else if (!o.announced) {
      this.#announce(o);
    } else {
      this.#emit({ kind: "order_changed", order: o });
    }
  }

  #announce(o: FakeOrder): void {
    o.announced = true;
    this.#emit({ kind: "order_created", order: o });
  }

  #close(o: FakeOrder): void {
    o.status = "Canceled";
    this.#emit({ kind: "order_deleted", order: o });
  }

  #move(currency: string, by: Decimal): void {
    this.balances.set(currency, add(this.balances.get(currency) ?? ZERO, by));
  }

  #affordable(side: "buy" | "sell", qty: number, price: number): boolean {
    let held = ZERO;
    for (const o of this.open()) {
      if (o.side !== side) continue;
      held = add(held, this.#need(side, o.qty - o.filled, o.price ?? price));
    }
    const free = sub(this.balances.get(side === "buy" ? "usd" : "btc") ?? ZERO, held);
    return compare(this.#need(side, qty, price), free) <= 0;
  }

  #need(side: "buy" | "sell", qty: number, price: number): Decimal {
    if (side === "sell") return fromTicks(qty, QP);
    const cost = mul(fromTicks(price, PP), fromTicks(qty, QP));
    return add(cost, mul(cost, FEE));
  }

  #emit(c: AccountChange): void {
    for (const fn of this.#listeners) fn(c);
  }
}

/** "2019-01-31 21:23:36" (and with microseconds in transactions): UTC, no zone, as Bitstamp writes it. */
function datetime(ms: number, micros = false): string {
  const iso = new Date(ms).toISOString();
  return iso.slice(0, 10) + " " + iso.slice(11, 19) + (micros ? `.${iso.slice(20, 23)}000` : "");
}

function decimalOrNull(text: string | null): Decimal | null {
  if (text === null || !/^\d+(\.\d+)?$/.test(text)) return null;
  return parseDecimal(text);
}
