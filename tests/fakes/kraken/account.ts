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
  ZERO,
} from "../../../lib/core/decimal.ts";
import { formatTicks } from "../../../lib/core/ticks.ts";

/** One order the fake holds; prices and quantities in ticks of BTC/USD (1 and 8 decimals). */
export interface FakeOrder {
  readonly txid: string;
  readonly clOrdId: string | null;
  readonly side: "buy" | "sell";
  readonly type: "limit" | "market";
  readonly price: number | null;
  readonly qty: number;
  filled: number;
  status: "open" | "closed" | "canceled";
  readonly opentm: number;
  closetm?: number;
  cost: Decimal;
  fee: Decimal;
}

/** What the account feed publishes: an execution report or balance changes, as the fake's WS sends them. */
export type AccountChange =
  | { readonly kind: "pending_new" | "new" | "canceled"; readonly order: FakeOrder }
  | {
    readonly kind: "trade";
    readonly order: FakeOrder;
    readonly qty: number;
    readonly price: number;
    readonly fee: Decimal;
    readonly maker: boolean;
    readonly tradeId: number;
  }
  | { readonly kind: "balances"; readonly entries: readonly LedgerEntry[] };

/** A ledger entry: the balance moves by `amount` minus `fee` (as in Kraken's ledger). */
export interface LedgerEntry {
  readonly asset: string;
  readonly amount: Decimal;
  readonly fee: Decimal;
}

export type Reply = { readonly error: string[]; readonly result?: unknown };

/** Kraken's fee schedule at the lowest tier: taker 0.26 %, maker 0.16 % (AssetPairs fees/fees_maker). */
const TAKER = parseDecimal("0.0026");
const MAKER = parseDecimal("0.0016");
/** ordermin of XXBTZUSD in the documented AssetPairs answer. */
const ORDER_MIN = parseDecimal("0.0001");

const PP = 1;
const QP = 8;

/**
 * The account behind the fake's private endpoints: balances (the documented Balance answer to start with),
 * orders with Kraken-like ids, fills against the fake book's best price when an order crosses it, or by
 * fill() for resting orders. Answers use the documented shapes (krakenfx/api-specs : spot-rest/**).
 */
export class FakeAccount {
  readonly orders = new Map<string, FakeOrder>();
  readonly balances = new Map<string, Decimal>();
  /** Decimals each asset is written with: as in the documented Balance answer ("171288.6158"). */
  #decimals = new Map<string, number>();
  #seq = 0;
  #tradeId = 37496584;
  #listeners = new Set<(c: AccountChange) => void>();
  #top: () => { bid: number; ask: number };
  #now: () => number;

  constructor(
    balances: Readonly<Record<string, string>>,
    top: () => { bid: number; ask: number },
    now: () => number,
  ) {
    for (const [k, v] of Object.entries(balances)) {
      const d = parseDecimal(v);
      this.balances.set(k, d);
      this.#decimals.set(k, d.scale);
    }
    this.#top = top;
    this.#now = now;
  }

  onChange(fn: (c: AccountChange) => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  balanceResult(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const k of this.balances.keys()) out[k] = this.amountText(k);
    return out;
  }

  /** An asset's balance written as the documented Balance answer writes it ("1011.1908877900"). */
  amountText(code: string): string {
    return formatDecimal(this.balances.get(code) ?? ZERO, this.#decimals.get(code) ?? 8);
  }

  byClientId(id: string): FakeOrder | undefined {
    for (const o of this.orders.values()) if (o.clOrdId === id) return o;
    return undefined;
  }

  openOrders(clOrdId?: string | null): Record<string, unknown> {
    return this.#shapes((o) => o.status === "open" && (!clOrdId || o.clOrdId === clOrdId));
  }

  closedOrders(clOrdId?: string | null): Record<string, unknown> {
    return this.#shapes((o) => o.status !== "open" && (!clOrdId || o.clOrdId === clOrdId));
  }

  queryOrders(txids: readonly string[]): Reply {
    const result: Record<string, unknown> = {};
    for (const id of txids) {
      const o = this.orders.get(id);
      if (!o) return { error: ["EOrder:Invalid order"] };
      result[id] = restShape(o);
    }
    return { error: [], result };
  }

  /** AddOrder for BTC/USD: checks like Kraken's (minimum, decimals, funds), then rests or fills at once. */
  addOrder(form: URLSearchParams): Reply {
    const side = form.get("type");
    const ordertype = form.get("ordertype");
    if ((side !== "buy" && side !== "sell") || (ordertype !== "limit" && ordertype !== "market")) {
      return { error: ["EGeneral:Invalid arguments"] };
    }
    const volume = decimalOrNull(form.get("volume"));
    if (!volume || volume.scale > QP) return { error: ["EGeneral:Invalid arguments:volume"] };
    if (compare(volume, ORDER_MIN) < 0) return { error: ["EOrder:Order minimum not met"] };
    let price: Decimal | null = null;
    if (ordertype === "limit") {
      price = decimalOrNull(form.get("price"));
      if (!price) return { error: ["EGeneral:Invalid arguments:price"] };
      if (price.scale > PP) {
        return { error: ["EOrder:Invalid price:XBTUSD price can only be specified up to 1 decimals."] };
      }
    }
    const qty = Number(rescale(volume, QP).units);
    const priceTicks = price === null ? null : Number(rescale(price, PP).units);
    const top = this.#top();
    const crossPrice = side === "buy" ? top.ask : top.bid;
    const fillPrice =
      priceTicks === null || (side === "buy" ? priceTicks >= crossPrice : priceTicks <= crossPrice)
        ? crossPrice
        : null;
    if (!this.#affordable(side, qty, priceTicks ?? crossPrice)) {
      return { error: ["EOrder:Insufficient funds"] };
    }
    const descr = { order: describe(side, qty, ordertype, priceTicks) };
    if (form.get("validate") === "true") return { error: [], result: { descr } };
    const order: FakeOrder = {
      txid: this.#txid(),
      clOrdId: form.get("cl_ord_id"),
      side,
      type: ordertype,
      price: priceTicks,
      qty,
      filled: 0,
      status: "open",
      opentm: this.#now() / 1000,
      cost: ZERO,
      fee: ZERO,
    };
    this.orders.set(order.txid, order);
    this.#emit({ kind: "pending_new", order });
    this.#emit({ kind: "new", order });
    if (fillPrice !== null) this.fill(order.txid, { price: fillPrice, maker: false });
    else if (order.type === "market") this.#cancel(order);
    return { error: [], result: { descr, txid: [order.txid] } };
  }

  cancelOrder(form: URLSearchParams): Reply {
    const id = form.get("txid");
    const cl = form.get("cl_ord_id");
    const order = id ? this.orders.get(id) : cl ? this.byClientId(cl) : undefined;
    if (!order || order.status !== "open") return { error: ["EOrder:Unknown order"] };
    this.#cancel(order);
    return { error: [], result: { count: 1 } };
  }

  cancelAll(): Reply {
    let count = 0;
    for (const o of this.orders.values()) {
      if (o.status !== "open") continue;
      this.#cancel(o);
      count++;
    }
    return { error: [], result: { count } };
  }

  /** Fills a resting order (all that is left unless `qty`), as maker at its own price unless told otherwise. */
  fill(txid: string, opts: { qty?: number; price?: number; maker?: boolean } = {}): void {
    const o = this.orders.get(txid);
    if (!o || o.status !== "open") throw new Error(`No open order ${txid}`);
    const qty = Math.min(opts.qty ?? o.qty - o.filled, o.qty - o.filled);
    const price = opts.price ?? o.price!;
    const maker = opts.maker ?? true;
    const cost = mul(fromTicks(price, PP), fromTicks(qty, QP));
    const fee = rescale(mul(cost, maker ? MAKER : TAKER), 4);
    o.filled += qty;
    o.cost = add(o.cost, cost);
    o.fee = add(o.fee, fee);
    if (o.filled === o.qty) {
      o.status = "closed";
      o.closetm = this.#now() / 1000;
    }
    const base = fromTicks(qty, QP);
    const buy = o.side === "buy";
    const entries: LedgerEntry[] = [
      { asset: "XXBT", amount: buy ? base : sub(ZERO, base), fee: ZERO },
      { asset: "ZUSD", amount: buy ? sub(ZERO, cost) : cost, fee },
    ];
    for (const e of entries) {
      this.balances.set(e.asset, sub(add(this.balances.get(e.asset) ?? ZERO, e.amount), e.fee));
    }
    this.#emit({ kind: "trade", order: o, qty, price, fee, maker, tradeId: ++this.#tradeId });
    this.#emit({ kind: "balances", entries });
  }

  #cancel(o: FakeOrder): void {
    o.status = "canceled";
    o.closetm = this.#now() / 1000;
    this.#emit({ kind: "canceled", order: o });
  }

  /** Funds left after what open orders hold: quote for buys (with the taker fee), base for sells. */
  #affordable(side: "buy" | "sell", qty: number, price: number): boolean {
    let held = ZERO;
    for (const o of this.orders.values()) {
      if (o.status !== "open" || o.side !== side) continue;
      held = add(held, this.#need(side, o.qty - o.filled, o.price ?? price));
    }
    const asset = side === "buy" ? "ZUSD" : "XXBT";
    const free = sub(this.balances.get(asset) ?? ZERO, held);
    return compare(this.#need(side, qty, price), free) <= 0;
  }

  #need(side: "buy" | "sell", qty: number, price: number): Decimal {
    if (side === "sell") return fromTicks(qty, QP);
    const cost = mul(fromTicks(price, PP), fromTicks(qty, QP));
    return add(cost, mul(cost, TAKER));
  }

  #shapes(keep: (o: FakeOrder) => boolean): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const o of this.orders.values()) if (keep(o)) out[o.txid] = restShape(o);
    return out;
  }

  /** Ids shaped like Kraken's ("OQCLML-BW3P3-BUCMWZ"), from a counter. */
  #txid(): string {
    const n = (++this.#seq).toString(36).toUpperCase().padStart(6, "0");
    return `O${n.slice(-5)}-FAKE${n.slice(-1)}-KRAKEN`;
  }

  #emit(c: AccountChange): void {
    for (const fn of this.#listeners) fn(c);
  }
}

/** The documented order shape (OpenOrders example of krakenfx/api-specs, with `cl_ord_id` from order.yaml). */
function restShape(o: FakeOrder): Record<string, unknown> {
  return {
    refid: null,
    userref: 0,
    cl_ord_id: o.clOrdId,
    status: o.status,
    opentm: o.opentm,
    ...(o.closetm === undefined ? {} : { closetm: o.closetm }),
    starttm: 0,
    expiretm: 0,
    descr: {
      pair: "XBTUSD",
      type: o.side,
      ordertype: o.type,
      price: o.price === null ? "0" : formatTicks(o.price, PP),
      price2: "0",
      leverage: "none",
      order: describe(o.side, o.qty, o.type, o.price),
      close: "",
    },
    vol: formatTicks(o.qty, QP),
    vol_exec: formatTicks(o.filled, QP),
    cost: formatDecimal(rescale(o.cost, 5)),
    fee: formatDecimal(rescale(o.fee, 5)),
    price: o.filled === 0 ? "0.00000" : formatDecimal(div(o.cost, fromTicks(o.filled, QP), PP), PP),
    stopprice: "0.00000",
    limitprice: "0.00000",
    misc: "",
    oflags: "fciq",
  };
}

function describe(side: string, qty: number, type: string, price: number | null): string {
  return `${side} ${formatTicks(qty, QP)} XBTUSD @ ${
    type === "market" ? "market" : `limit ${formatTicks(price!, PP)}`
  }`;
}

function decimalOrNull(text: string | null): Decimal | null {
  if (text === null) return null;
  try {
    const d = parseDecimal(text);
    return d.units > 0n ? d : null;
  } catch {
    return null;
  }
}
