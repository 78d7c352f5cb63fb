import {
  add,
  compare,
  type Decimal,
  div,
  formatDecimal,
  fromTicks,
  mul,
  parseDecimal,
  rescale,
  sub,
  toTicks,
  ZERO,
} from "../../../lib/core/decimal.ts";
import { formatTicksShort } from "../../../lib/core/ticks.ts";

/** BTC_USDT as the documented markets example has it: 2 price, 6 quantity and 2 amount decimals. */
export const PP = 2;
export const QP = 6;
const AMOUNT_SCALE = 2;
const MIN_AMOUNT = parseDecimal("1");
/** Fee rates of the recorded `GET /feeinfo` sample (ccxt ts/src/poloniex.ts, fetchTradingFees). */
const MAKER = parseDecimal("0.00145");
const TAKER = parseDecimal("0.00155");

/** One order the fake holds; prices and quantities in ticks of BTC_USDT. */
export interface FakeOrder {
  readonly id: string;
  readonly clientOrderId: string;
  readonly side: "BUY" | "SELL";
  readonly type: "LIMIT" | "MARKET";
  readonly price: number | null;
  qty: number;
  /** Quote units of a market buy by amount. */
  readonly amount: Decimal;
  filled: number;
  filledAmount: Decimal;
  state: "NEW" | "PARTIALLY_FILLED" | "FILLED" | "CANCELED" | "PARTIALLY_CANCELED";
  readonly createTime: number;
  updateTime: number;
}

export interface FakeTrade {
  readonly id: string;
  readonly qty: number;
  readonly price: number;
  readonly fee: Decimal;
  readonly feeCurrency: string;
  readonly maker: boolean;
  readonly time: number;
}

/** What the private feed publishes. */
export type AccountChange =
  | { readonly kind: "place" | "canceled"; readonly order: FakeOrder }
  | { readonly kind: "trade"; readonly order: FakeOrder; readonly trade: FakeTrade }
  | { readonly kind: "balances"; readonly currencies: readonly string[] };

/** A refusal in the documented `{code, message}` shape, with the HTTP status to send it with. */
export interface Refusal {
  readonly status: number;
  readonly code: number;
  readonly message: string;
}

/**
 * Error texts as ccxt's exception map quotes Poloniex's (github ccxt/ccxt : ts/src/poloniex.ts) and
 * protocols.md §5.2.5 lists them.
 */
export const REFUSALS = {
  lowBalance: { status: 400, code: 21709, message: "Low available balance" },
  duplicate: { status: 400, code: 21312, message: "Client orderId already exists" },
  notFound: { status: 400, code: 21301, message: "Order not found" },
  closed: { status: 400, code: 21359, message: "Order was already canceled or filled." },
  minAmount: { status: 400, code: 21322, message: "Amount is less than minAmount trade limit" },
  minQuantity: { status: 400, code: 21330, message: "Quantity is less than minQuantity trade limit" },
  priceScale: { status: 400, code: 21335, message: "Invalid priceScale for this symbol" },
  quantityScale: { status: 400, code: 21336, message: "Invalid quantityScale for this symbol" },
  symbol: { status: 400, code: 10040, message: "Invalid symbol" },
  parameter: { status: 400, code: 601, message: "Invalid Parameter" },
} as const satisfies Record<string, Refusal>;

/** Order ids shaped like the documented ones ("29772698821328896": beyond 2^53). */
const FIRST_ID = 29772698821328896n;

/**
 * The account behind the fake's private endpoints: BTC and USDT, orders on BTC_USDT with Poloniex-like ids
 * and client ids, fills against the fake book's best price when an order crosses it (or by fill() for a
 * resting one), fees as the recorded fee info, holds while orders rest. Answers use the documented and
 * recorded shapes (vectors/poloniex-recorded.json).
 */
export class FakeAccount {
  readonly orders = new Map<string, FakeOrder>();
  readonly available = new Map<string, Decimal>();
  readonly hold = new Map<string, Decimal>();
  #seq = 0n;
  #tradeId = 62036513;
  #listeners = new Set<(c: AccountChange) => void>();

  constructor(
    balances: Readonly<Record<string, string>>,
    readonly top: () => { bid: number; ask: number },
    readonly now: () => number,
  ) {
    for (const [k, v] of Object.entries(balances)) {
      this.available.set(k, parseDecimal(v));
      this.hold.set(k, ZERO);
    }
  }

  onChange(fn: (c: AccountChange) => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  byClientId(cid: string): FakeOrder | undefined {
    if (cid === "") return undefined;
    for (const o of this.orders.values()) if (o.clientOrderId === cid) return o;
    return undefined;
  }

  /** An order by id or by `cid:<client id>`. */
  find(ref: string): FakeOrder | undefined {
    return ref.startsWith("cid:") ? this.byClientId(ref.slice(4)) : this.orders.get(ref);
  }

  open(): FakeOrder[] {
    return [...this.orders.values()].filter((o) => o.state === "NEW" || o.state === "PARTIALLY_FILLED");
  }

  /** `POST /orders`: checks as Poloniex documents them, then rests or fills at once. */
  place(body: Record<string, unknown>): { order: FakeOrder } | Refusal {
    if (body.symbol !== "BTC_USDT") return REFUSALS.symbol;
    const side = body.side;
    const type = body.type ?? "MARKET";
    if ((side !== "BUY" && side !== "SELL") || (type !== "LIMIT" && type !== "MARKET")) {
      return REFUSALS.parameter;
    }
    const cid = typeof body.clientOrderId === "string" ? body.clientOrderId : "";
    if (!/^[A-Za-z0-9_-]{0,64}$/.test(cid)) return REFUSALS.parameter;
    if (cid !== "" && this.byClientId(cid)) return REFUSALS.duplicate;
    const top = this.top();
    let price: number | null = null;
    let qty = 0;
    let amount = ZERO;
    if (type === "LIMIT") {
      const p = decimal(body.price);
      const q = decimal(body.quantity);
      if (!p || !q) return REFUSALS.parameter;
      if (p.scale > PP) return REFUSALS.priceScale;
      if (q.scale > QP) return REFUSALS.quantityScale;
      price = toTicks(p, PP);
      qty = toTicks(q, QP);
      if (compare(mul(p, q), MIN_AMOUNT) < 0) return REFUSALS.minAmount;
    } else if (side === "BUY") {
      const a = decimal(body.amount);
      if (!a) return REFUSALS.parameter;
      if (a.scale > AMOUNT_SCALE) return REFUSALS.parameter;
      if (compare(a, MIN_AMOUNT) < 0) return REFUSALS.minAmount;
      amount = a;
      qty = toTicks(div(a, fromTicks(top.ask, PP), QP, "floor"), QP);
    } else {
      const q = decimal(body.quantity);
      if (!q) return REFUSALS.parameter;
      if (q.scale > QP) return REFUSALS.quantityScale;
      qty = toTicks(q, QP);
    }
    if (qty <= 0) return REFUSALS.minQuantity;
    const crossAt = side === "BUY" ? top.ask : top.bid;
    const crosses = price === null || (side === "BUY" ? price >= crossAt : price <= crossAt);
    if (!this.#affordable(side, qty, price ?? crossAt, amount)) return REFUSALS.lowBalance;
    const now = this.now();
    const order: FakeOrder = {
      id: String(FIRST_ID + ++this.#seq * 4099n),
      clientOrderId: cid,
      side,
      type,
      price,
      qty,
      amount,
      filled: 0,
      filledAmount: ZERO,
      state: "NEW",
      createTime: now,
      updateTime: now,
    };
    this.orders.set(order.id, order);
    this.#holdFor(order, 1);
    this.#emit({ kind: "place", order });
    this.#emit({ kind: "balances", currencies: side === "BUY" ? ["USDT"] : ["BTC"] });
    if (crosses) this.fill(order.id, { price: crossAt, maker: false });
    return { order };
  }

  /** Cancels an open order by id or `cid:`; the refusal when it is unknown or no longer open. */
  cancel(ref: string): FakeOrder | Refusal {
    const o = this.find(ref);
    if (!o) return REFUSALS.notFound;
    if (o.state !== "NEW" && o.state !== "PARTIALLY_FILLED") return REFUSALS.closed;
    this.#holdFor(o, -1);
    o.state = o.filled > 0 ? "PARTIALLY_CANCELED" : "CANCELED";
    o.updateTime = this.now();
    this.#emit({ kind: "canceled", order: o });
    this.#emit({ kind: "balances", currencies: o.side === "BUY" ? ["USDT"] : ["BTC"] });
    return o;
  }

  /** Fills a resting order (all that is left unless `qty`), as maker at its own price unless told otherwise. */
  fill(id: string, opts: { qty?: number; price?: number; maker?: boolean } = {}): void {
    const o = this.orders.get(id);
    if (!o || (o.state !== "NEW" && o.state !== "PARTIALLY_FILLED")) throw new Error(`No open order ${id}`);
    this.#holdFor(o, -1);
    const qty = Math.min(opts.qty ?? o.qty - o.filled, o.qty - o.filled);
    const price = opts.price ?? o.price!;
    const maker = opts.maker ?? true;
    const base = fromTicks(qty, QP);
    const cost = mul(base, fromTicks(price, PP));
    const rate = maker ? MAKER : TAKER;
    o.filled += qty;
    o.filledAmount = add(o.filledAmount, cost);
    o.state = o.filled === o.qty ? "FILLED" : "PARTIALLY_FILLED";
    o.updateTime = this.now();
    let fee: Decimal;
    let feeCurrency: string;
    if (o.side === "BUY") {
      fee = rescale(mul(base, rate), QP, "up");
      feeCurrency = "BTC";
      this.#move("USDT", sub(ZERO, cost));
      this.#move("BTC", sub(base, fee));
    } else {
      fee = rescale(mul(cost, rate), 8, "up");
      feeCurrency = "USDT";
      this.#move("BTC", sub(ZERO, base));
      this.#move("USDT", sub(cost, fee));
    }
    if (o.state === "PARTIALLY_FILLED") this.#holdFor(o, 1);
    const trade: FakeTrade = {
      id: String(++this.#tradeId),
      qty,
      price,
      fee,
      feeCurrency,
      maker,
      time: this.now(),
    };
    this.#emit({ kind: "trade", order: o, trade });
    this.#emit({ kind: "balances", currencies: ["BTC", "USDT"] });
  }

  /** The order as `GET /orders` and `GET /orders/{id}` show it (recorded shape, vectors "GET /orders/{id}"). */
  restShape(o: FakeOrder): Record<string, unknown> {
    const avg = o.filled === 0 ? ZERO : div(o.filledAmount, fromTicks(o.filled, QP), PP);
    return {
      id: o.id,
      clientOrderId: o.clientOrderId,
      symbol: "BTC_USDT",
      state: o.state,
      accountType: "SPOT",
      side: o.side,
      type: o.type,
      timeInForce: "GTC",
      quantity: o.type === "MARKET" && o.side === "BUY" ? "0" : formatTicksShort(o.qty, QP),
      price: o.price === null ? "0" : formatTicksShort(o.price, PP),
      avgPrice: formatDecimal(avg),
      amount: formatDecimal(o.amount),
      filledQuantity: formatTicksShort(o.filled, QP),
      filledAmount: formatDecimal(o.filledAmount),
      createTime: o.createTime,
      updateTime: o.updateTime,
    };
  }

  /** `GET /accounts/balances` in the recorded shape. */
  balancesShape(): unknown[] {
    return [{
      accountId: "292264758130978818",
      accountType: "SPOT",
      balances: [...this.available.keys()].map((c, i) => ({
        currencyId: String(214 + i),
        currency: c,
        available: formatDecimal(this.available.get(c)!),
        hold: formatDecimal(this.hold.get(c) ?? ZERO),
      })),
    }];
  }

  /** Total (available + hold) of a currency, as decimal text. */
  total(currency: string): string {
    return formatDecimal(add(this.available.get(currency) ?? ZERO, this.hold.get(currency) ?? ZERO));
  }

  #affordable(side: "BUY" | "SELL", qty: number, price: number, amount: Decimal): boolean {
    const need = side === "SELL"
      ? fromTicks(qty, QP)
      : amount.units > 0n
      ? amount
      : mul(fromTicks(qty, QP), fromTicks(price, PP));
    return compare(need, this.available.get(side === "BUY" ? "USDT" : "BTC") ?? ZERO) <= 0;
  }

  /** Moves what an open order needs between available and hold (`sign` 1 to hold, -1 to release). */
  #holdFor(o: FakeOrder, sign: 1 | -1): void {
    const left = o.qty - o.filled;
    const currency = o.side === "BUY" ? "USDT" : "BTC";
    const need = o.side === "SELL"
      ? fromTicks(left, QP)
      : o.price === null
      ? sub(o.amount, o.filledAmount)
      : mul(fromTicks(left, QP), fromTicks(o.price, PP));
    const d = sign === 1 ? need : sub(ZERO, need);
    this.available.set(currency, sub(this.available.get(currency) ?? ZERO, d));
    this.hold.set(currency, add(this.hold.get(currency) ?? ZERO, d));
  }

  #move(currency: string, by: Decimal): void {
    this.available.set(currency, add(this.available.get(currency) ?? ZERO, by));
  }

  #emit(c: AccountChange): void {
    for (const fn of this.#listeners) fn(c);
  }
}

function decimal(v: unknown): Decimal | null {
  if (typeof v !== "string") return null;
  try {
    const d = parseDecimal(v);
    return d.units > 0n ? d : null;
  } catch {
    return null;
  }
}
