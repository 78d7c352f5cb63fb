/**
 * Local checks before an order leaves: pure functions of the request, the instrument, the book and the
 * balances. A failure throws OrderDenied with a message that explains itself; nothing has been sent.
 */
import {
  type Balances,
  formatTicksShort,
  type Instrument,
  type Order,
  OrderDenied,
  type OrderType,
  parseTicks,
  type Side,
} from "../core/mod.ts";
import {
  add,
  compare,
  type Decimal,
  div,
  formatDecimal,
  fromTicks,
  mul,
  parseDecimal,
  sub,
  ZERO,
} from "../core/decimal.ts";
import type { OrderRequest } from "./order_types.ts";

/** What the checks read of a book: OrderBook fits. */
export interface BookView {
  size(side: "bid" | "ask"): number;
  priceAt(side: "bid" | "ask", i: number): number;
  qtyAt(side: "bid" | "ask", i: number): number;
}

export interface CheckInput {
  readonly instrument: Instrument;
  /** The live book, or null when there is none to check against. */
  readonly book: BookView | null;
  /** Total balances as the venue reports them; null when unknown (the funds check is skipped). */
  readonly balances: Balances | null;
  /** Funds held by live orders on this instrument (see heldBy). */
  readonly held: Held;
  /** Largest distance of a limit price from the mid, in percent; Infinity turns the check off. */
  readonly priceBandPct: number;
}

/** Funds held by live orders, in the base and quote asset of the instrument. */
export interface Held {
  readonly base: Decimal;
  readonly quote: Decimal;
}

/** A request that passed the checks, in ticks of the instrument. */
export interface CheckedOrder {
  readonly side: Side;
  readonly type: OrderType;
  readonly price: number | null;
  readonly qty: number;
}

const AMOUNT_RE = /^(?:\d+(?:\.\d*)?|\.\d+)$/;

/** Runs every check; returns the order in ticks or throws OrderDenied. */
export function checkOrder(req: OrderRequest, input: CheckInput): CheckedOrder {
  const inst = input.instrument;
  const fail = (detail: string) => new OrderDenied(`Cannot place order on "${inst.symbol}": ${detail}`);
  if (req.side !== "buy" && req.side !== "sell") {
    throw fail(`side must be buy or sell, got ${JSON.stringify(req.side)}`);
  }
  const qty = readAmount(req.volume, "volume", inst.qtyPrecision, fail);
  if (qty === 0) throw fail("volume must be above 0");
  if (qty < inst.minQty) {
    throw fail(
      `volume ${formatTicksShort(qty, inst.qtyPrecision)} is below the minimum ${
        formatTicksShort(inst.minQty, inst.qtyPrecision)
      }`,
    );
  }
  const priceText = req.price === null ? "" : req.price.trim();
  const price = priceText === "" ? 0 : readAmount(priceText, "price", inst.pricePrecision, fail);
  const book = usableBook(input.book, fail);
  let cost: Decimal;
  if (price === 0) {
    cost = marketCost(req.side, qty, inst, book, fail);
  } else {
    if (price % inst.priceIncrement !== 0) {
      throw fail(
        `price ${formatTicksShort(price, inst.pricePrecision)} is not a multiple of the price increment ${
          formatTicksShort(inst.priceIncrement, inst.pricePrecision)
        }`,
      );
    }
    checkBand(price, inst, book, input.priceBandPct, fail);
    cost = mul(fromTicks(price, inst.pricePrecision), fromTicks(qty, inst.qtyPrecision));
  }
  const minCost = parseDecimal(inst.minCost);
  if (compare(cost, minCost) < 0) {
    throw fail(
      `cost ${formatDecimal(cost)} ${inst.quote} is below the minimum ${inst.minCost} ${inst.quote}`,
    );
  }
  if (input.balances) {
    const sell = req.side === "sell";
    const asset = sell ? inst.base : inst.quote;
    const need = sell ? fromTicks(qty, inst.qtyPrecision) : cost;
    checkFunds(asset, need, input.balances, sell ? input.held.base : input.held.quote, fail);
  }
  return { side: req.side, type: price === 0 ? "market" : "limit", price: price === 0 ? null : price, qty };
}

/** What live orders on `instrument` hold: remaining quantity of sells, price × remaining of limit buys. */
export function heldBy(orders: Iterable<Order>, instrument: Instrument): Held {
  let base = ZERO;
  let quote = ZERO;
  for (const o of orders) {
    if (o.symbol !== instrument.symbol) continue;
    if (o.status !== "open" && o.status !== "pending" && o.status !== "unknown") continue;
    const left = o.qty - o.filled;
    if (left <= 0) continue;
    if (o.side === "sell") base = add(base, fromTicks(left, instrument.qtyPrecision));
    else if (o.price !== null) {
      quote = add(
        quote,
        mul(fromTicks(o.price, instrument.pricePrecision), fromTicks(left, instrument.qtyPrecision)),
      );
    }
  }
  return { base, quote };
}

/** Decimal text -> ticks at `precision`, or OrderDenied saying what is wrong with it. */
function readAmount(
  raw: string,
  what: string,
  precision: number,
  fail: (detail: string) => OrderDenied,
): number {
  if (typeof raw !== "string") throw fail(`${what} must be decimal text, got ${typeof raw}`);
  const text = raw.trim();
  if (text.startsWith("-") && AMOUNT_RE.test(text.slice(1))) {
    throw fail(`${what} must be above 0, got ${text}`);
  }
  if (!AMOUNT_RE.test(text)) {
    throw fail(`${what} ${JSON.stringify(raw)} is not a number (digits with "." as the decimal separator)`);
  }
  try {
    return parseTicks(text, precision);
  } catch (e) {
    if (e instanceof RangeError && e.message.includes("decimal places")) {
      throw fail(`${what} ${text} has more than ${precision} decimals`);
    }
    throw fail(`${what} ${text} is too large`);
  }
}

/** The book when it can be trusted; a crossed book is being resynced and is no reference. */
function usableBook(book: BookView | null, fail: (detail: string) => OrderDenied): BookView | null {
  if (!book) return null;
  if (book.size("bid") > 0 && book.size("ask") > 0 && book.priceAt("bid", 0) >= book.priceAt("ask", 0)) {
    throw fail("the book is crossed; wait until it has been resynced");
  }
  return book;
}

function checkBand(
  price: number,
  inst: Instrument,
  book: BookView | null,
  bandPct: number,
  fail: (detail: string) => OrderDenied,
): void {
  if (!Number.isFinite(bandPct)) return;
  if (!book) return;
  const bids = book.size("bid");
  const asks = book.size("ask");
  if (bids === 0 && asks === 0) throw fail("the book is empty, so the price cannot be checked");
  let ref: Decimal;
  let what: string;
  if (bids > 0 && asks > 0) {
    const sum = add(
      fromTicks(book.priceAt("bid", 0), inst.pricePrecision),
      fromTicks(book.priceAt("ask", 0), inst.pricePrecision),
    );
    ref = div(sum, { units: 2n, scale: 0 }, inst.pricePrecision + 1);
    what = "mid";
  } else {
    ref = fromTicks(book.priceAt(bids > 0 ? "bid" : "ask", 0), inst.pricePrecision);
    what = bids > 0 ? "best bid" : "best ask";
  }
  const distance = sub(fromTicks(price, inst.pricePrecision), ref);
  const abs = distance.units < 0n ? { units: -distance.units, scale: distance.scale } : distance;
  // |price - ref| × 100 > band × ref, exactly (the band may be fractional, e.g. 2.5)
  const band = parseDecimal(String(bandPct));
  if (compare(mul(abs, { units: 100n, scale: 0 }), mul(band, ref)) > 0) {
    const pct = formatDecimal(div(mul(abs, { units: 100n, scale: 0 }), ref, 1, "half-even"));
    throw fail(
      `price ${formatTicksShort(price, inst.pricePrecision)} is ${pct} % from the ${what} ${
        formatDecimal(ref)
      }, outside the ${bandPct} % band`,
    );
  }
}

/** What a market order would cost against the book (the quote amount), or OrderDenied without a book. */
function marketCost(
  side: Side,
  qty: number,
  inst: Instrument,
  book: BookView | null,
  fail: (detail: string) => OrderDenied,
): Decimal {
  const take = side === "buy" ? "ask" : "bid";
  if (!book || book.size(take) === 0) {
    throw fail(`a market order needs the live book to price it, and there are no ${take}s`);
  }
  let left = qty;
  let cost = 0n;
  let last = 0;
  const n = book.size(take);
  for (let i = 0; i < n && left > 0; i++) {
    last = book.priceAt(take, i);
    const t = Math.min(left, book.qtyAt(take, i));
    cost += BigInt(last) * BigInt(t);
    left -= t;
  }
  // beyond the book we can see, assume the worst price seen
  cost += BigInt(last) * BigInt(left);
  return { units: cost, scale: inst.pricePrecision + inst.qtyPrecision };
}

function checkFunds(
  asset: string,
  need: Decimal,
  balances: Balances,
  held: Decimal,
  fail: (detail: string) => OrderDenied,
): void {
  let total = ZERO;
  const text = balances[asset];
  if (text !== undefined) {
    try {
      total = parseDecimal(text);
    } catch {
      total = ZERO;
    }
  }
  const available = sub(total, held);
  if (compare(need, available) <= 0) return;
  const shown = available.units < 0n ? ZERO : available;
  const heldText = held.units === 0n ? "" : ` (${formatDecimal(held)} ${asset} held by open orders)`;
  throw fail(
    `needs ${formatDecimal(need)} ${asset}, only ${formatDecimal(shown)} ${asset} is available${heldText}`,
  );
}
