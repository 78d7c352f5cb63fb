import type { Balances } from "../../lib/core/events.ts";
import type { Instrument } from "../../lib/core/instrument.ts";
import type { Order, OrderStatus, Side } from "../../lib/core/orders.ts";
import type { RestBalance, RestOpenOrder, RestOrderStatus, RestOrderTransaction } from "./frames.ts";
import { idText, ticksOf } from "./numbers.ts";

/**
 * `account_balances/` (`[{currency, total, available, reserved}]`, protocols.md §5.1.5) to totals by
 * upper-case code. Bitstamp lists every currency it has; the ones at zero are left out.
 */
export function balancesFromRest(rows: unknown): Balances {
  if (!Array.isArray(rows)) throw new RangeError("the balances answer is not a list");
  const out: Record<string, string> = {};
  for (const r of rows as RestBalance[]) {
    const code = typeof r?.currency === "string" ? r.currency.toUpperCase() : "";
    const total = typeof r?.total === "number" ? String(r.total) : r?.total;
    if (!/^[A-Z0-9.]{1,16}$/.test(code) || typeof total !== "string" || !/^\d+(\.\d+)?$/.test(total)) {
      throw new RangeError(`balance entry ${JSON.stringify(r)} is not {currency, total}`);
    }
    if (/[1-9]/.test(total)) out[code] = total;
  }
  return out;
}

/** "0"/"1" (or 0/1) to the side; Bitstamp's `type` and `order_type`. */
export function sideOf(v: unknown): Side {
  const s = String(v);
  if (s === "0" || s === "buy") return "buy";
  if (s === "1" || s === "sell") return "sell";
  throw new RangeError(`order type ${JSON.stringify(v)} is neither 0 (buy) nor 1 (sell)`);
}

/** "2019-01-31 21:23:36" or "2021-11-25 12:59:59.322000": UTC without a zone (protocols.md §5.1.5). */
export function datetimeMs(v: unknown, fallback: number): number {
  if (typeof v !== "string") return fallback;
  const m = /^(\d{4}-\d\d-\d\d)[ T](\d\d:\d\d:\d\d)(\.\d{1,6})?$/.exec(v);
  if (!m) return fallback;
  const t = Date.parse(`${m[1]}T${m[2]}${(m[3] ?? "").slice(0, 4)}Z`);
  return Number.isFinite(t) ? t : fallback;
}

/** An entry of `open_orders/all/`: `amount` is what is left, `amount_at_create` what was ordered. */
export function orderFromOpen(r: RestOpenOrder, inst: Instrument, now: number): Order {
  const id = idText(r.id);
  if (!id) throw new RangeError(`open order without an id: ${JSON.stringify(r)}`);
  const left = ticksOf(r.amount, inst.qtyPrecision, "amount");
  const qty = r.amount_at_create === undefined
    ? left
    : ticksOf(r.amount_at_create, inst.qtyPrecision, "amount_at_create");
  return {
    id,
    clientId: clientIdOf(r.client_order_id),
    symbol: inst.symbol,
    side: sideOf(r.type),
    type: "limit",
    price: ticksOf(r.price, inst.pricePrecision, "price"),
    qty,
    filled: Math.max(0, qty - left),
    status: "open",
    time: datetimeMs(r.datetime, now),
  };
}

/** The market an order names ("BTC/USD" in `market`, or the deprecated `currency_pair`). */
export function marketNameOf(r: { market?: unknown; currency_pair?: unknown }): string | null {
  const m = typeof r.market === "string"
    ? r.market
    : typeof r.currency_pair === "string"
    ? r.currency_pair
    : null;
  return m === null ? null : m.toUpperCase();
}

export function clientIdOf(v: unknown): string {
  return typeof v === "string" ? v : "";
}

const STATUSES: Readonly<Record<string, OrderStatus>> = {
  open: "open",
  "in queue": "open",
  // Still live until Bitstamp confirms the cancel.
  "cancel pending": "open",
  finished: "filled",
  canceled: "canceled",
  cancelled: "canceled",
  expired: "canceled",
};

/**
 * `order_status/` (protocols.md §5.1.5) to an order. The answer has no limit price nor ordered amount:
 * the filled amount is the sum of its transactions (the base amount sits under the base currency's code),
 * the ordered amount filled + `amount_remaining`; `known` fills in what the answer lacks.
 */
export function orderFromStatus(
  r: RestOrderStatus,
  inst: Instrument,
  known: Order | undefined,
  now: number,
): Order {
  const id = idText(r.id) ?? known?.id;
  if (!id) throw new RangeError(`order status without an id: ${JSON.stringify(r)}`);
  const status = STATUSES[String(r.status).toLowerCase()];
  if (!status) throw new RangeError(`order status ${JSON.stringify(r.status)} is not one Bitstamp documents`);
  const base = inst.base.toLowerCase();
  let filled = 0;
  for (const t of Array.isArray(r.transactions) ? (r.transactions as RestOrderTransaction[]) : []) {
    const amount = t?.[base];
    if (amount !== undefined) filled += Math.abs(ticksOf(amount, inst.qtyPrecision, `${base} amount`));
  }
  const remaining = r.amount_remaining === undefined
    ? 0
    : ticksOf(r.amount_remaining, inst.qtyPrecision, "amount_remaining");
  const qty = known?.qty ?? filled + remaining;
  return {
    id,
    clientId: clientIdOf(r.client_order_id) || known?.clientId || "",
    symbol: inst.symbol,
    side: r.type === undefined ? known?.side ?? "buy" : sideOf(r.type),
    type: known?.type ?? "limit",
    price: known?.price ?? null,
    qty,
    filled: status === "filled" ? qty : Math.min(qty, filled),
    status,
    time: datetimeMs(r.datetime, now),
  };
}
