/** The two status lines: prices, market, account and totals; connection, book state and book statistics. */

import {
  add,
  compare,
  type Decimal,
  div,
  formatDecimal,
  fromTicks,
  isZero,
  mul,
  parseDecimal,
} from "../../core/decimal.ts";
import type { Balances, ConnectionState } from "../../core/events.ts";
import { formatTicks } from "../../core/ticks.ts";
import { fit, type Line, lineWidth, type Role, type Span } from "../style.ts";

export interface StatusInput {
  readonly venue: string;
  readonly base: string;
  readonly quote: string;
  readonly pricePrecision: number;
  readonly qtyPrecision: number;
  /** Price ticks, NaN when unknown. */
  readonly bid: number;
  readonly ask: number;
  readonly balances: Balances | null;
  readonly orderCount: number;
  readonly connection: ConnectionState;
  /** Milliseconds since the venue last sent anything; null before the first message. */
  readonly silentFor: number | null;
  readonly bookStatus: "empty" | "ok" | "resyncing";
  /** sum_bid (quote, price × qty of all bids) and sum_ask (base, qty of all asks); null when hidden. */
  readonly stats: { readonly bidCost: Decimal; readonly askQty: number } | null;
  readonly width: number;
}

const SEP: Span = { text: " | ", role: "status" };

/**
 * Both lines, each cut to the width. When a line is too wide, whole parts are left out first, the least
 * useful first: other currencies, the totals, then the labels (line 1); the ratio, then the sums (line 2).
 */
export function statusView(s: StatusInput): [Line, Line] {
  return [statusFirst(s), statusSecond(s)];
}

/** The first line: prices, market, account, totals and orders. */
export function statusFirst(s: StatusInput): Line {
  // Variants from the fullest down; only as many are built as it takes to find one that fits.
  let first = firstLine(s, "all", true);
  for (let i = 0; lineWidth(first) > s.width && i < FIRST_FALLBACKS.length; i++) {
    const [others, withTotals, compact] = FIRST_FALLBACKS[i]!;
    first = firstLine(s, others, withTotals, compact);
  }
  return fit(first, s.width, "status");
}

/** The second line: connection, book state and book statistics. */
export function statusSecond(s: StatusInput): Line {
  let second = secondLine(s, 3);
  for (let i = 0; lineWidth(second) > s.width && i < SECOND_FALLBACKS.length; i++) {
    second = secondLine(s, SECOND_FALLBACKS[i]!);
  }
  return fit(second, s.width, "status");
}

const FIRST_FALLBACKS: ReadonlyArray<readonly ["all" | "elided" | "none", boolean, number]> = [
  ["elided", true, 0],
  ["elided", false, 0],
  ["none", false, 0],
  ["none", false, 1],
  ["none", false, 2],
];
const SECOND_FALLBACKS: readonly number[] = [2, 0];

function label(text: string): Span {
  return { text, role: "status" };
}

function value(text: string, role: Role = "status_value"): Span {
  return { text, role };
}

function price(s: StatusInput, ticks: number): string {
  return Number.isNaN(ticks) ? "-" : formatTicks(ticks, s.pricePrecision);
}

/**
 * `others`: currencies besides base and quote listed, elided as "+ …", or left out. `compact` 1 drops the
 * Market and Account labels, 2 the Price label too.
 */
function firstLine(
  s: StatusInput,
  others: "all" | "elided" | "none",
  withTotals: boolean,
  compact = 0,
): Span[] {
  const out: Span[] = [
    label(compact > 1 ? "" : "Price: "),
    value(price(s, s.bid)),
    label(" - "),
    value(price(s, s.ask)),
    SEP,
    label(compact ? "" : "Market: "),
    value(`${s.venue} ${s.base}/${s.quote}`),
    SEP,
    label(compact ? "" : "Account: "),
  ];
  const balances = s.balances;
  if (balances === null || Object.keys(balances).length === 0) {
    out.push(value("No info (yet)"));
    return out;
  }
  const currencies = account(balances, s.base, s.quote).currencies;
  const shown = others === "all" ? currencies : currencies.filter((c) => c === s.base || c === s.quote);
  shown.forEach((cur, i) => {
    if (i > 0) out.push(label(" + "));
    out.push(value(balances[cur]!), label(" " + cur));
  });
  if (others === "elided" && shown.length < currencies.length) out.push(label(" + …"));
  if (withTotals) out.push(SEP, label("Totals: "), ...totals(s, balances));
  out.push(SEP);
  out.push(value(String(s.orderCount)), label(s.orderCount === 1 ? " order" : " orders"));
  return out;
}

/** Base, then quote, then the others by descending balance (as the original). */
export function orderedCurrencies(balances: Balances, base: string, quote: string): string[] {
  const others = Object.keys(balances).filter((c) => c !== base && c !== quote);
  const amount = (c: string) => safeDecimal(balances[c]!);
  others.sort((a, b) => {
    const x = amount(a);
    const y = amount(b);
    return (x !== null && y !== null ? compare(y, x) : 0) || a.localeCompare(b);
  });
  return [...[base, quote].filter((c) => c in balances), ...others];
}

interface Account {
  readonly base: string;
  readonly quote: string;
  readonly currencies: readonly string[];
  readonly baseAmount: Decimal | null;
  readonly quoteAmount: Decimal | null;
}

/** Balances objects are replaced when they change: what the line reads of one is worked out once. */
const ACCOUNTS = new WeakMap<Balances, Account>();

function account(balances: Balances, base: string, quote: string): {
  currencies: readonly string[];
  base: Decimal | null;
  quote: Decimal | null;
} {
  let a = ACCOUNTS.get(balances);
  if (a === undefined || a.base !== base || a.quote !== quote) {
    a = {
      base,
      quote,
      currencies: orderedCurrencies(balances, base, quote),
      baseAmount: safeDecimal(balances[base] ?? "0"),
      quoteAmount: safeDecimal(balances[quote] ?? "0"),
    };
    ACCOUNTS.set(balances, a);
  }
  return { currencies: a.currencies, base: a.baseAmount, quote: a.quoteAmount };
}

function safeDecimal(text: string): Decimal | null {
  try {
    return parseDecimal(text);
  } catch {
    return null;
  }
}

/** X base = base + quote ÷ bid; Y quote = quote + base × ask (only base and quote count). */
function totals(s: StatusInput, balances: Balances): Span[] {
  const { base, quote } = account(balances, s.base, s.quote);
  if (base === null || quote === null || Number.isNaN(s.bid) || Number.isNaN(s.ask) || s.bid <= 0) {
    return [value("-")];
  }
  const bid = fromTicks(s.bid, s.pricePrecision);
  const ask = fromTicks(s.ask, s.pricePrecision);
  const x = add(base, div(quote, bid, s.qtyPrecision, "down"));
  const y = add(quote, mul(base, ask));
  return [
    value(formatDecimal(x, s.qtyPrecision)),
    label(" " + s.base + " / "),
    value(formatDecimal(y, s.pricePrecision)),
    label(" " + s.quote),
  ];
}

const CONNECTION_ROLE: Record<ConnectionState, Role> = {
  connecting: "status_warn",
  connected: "status_value",
  stale: "status_warn",
  resyncing: "status_warn",
  down: "status_bad",
};

/** `stats`: how many of sum_bid, sum_ask and ratio to show. */
function secondLine(s: StatusInput, stats: number): Span[] {
  const out: Span[] = [value(s.connection, CONNECTION_ROLE[s.connection])];
  out.push(
    label(
      s.silentFor === null ? ", no message yet" : `, last message ${Math.floor(s.silentFor / 1000)} s ago`,
    ),
  );
  out.push(SEP, label("book: "));
  out.push(value(s.bookStatus, s.bookStatus === "ok" ? "status_value" : "status_warn"));
  if (s.stats !== null && stats > 0) {
    const { bidCost, askQty } = s.stats;
    out.push(SEP, label("sum_bid: "), value(formatDecimal(bidCost, s.pricePrecision)), label(" " + s.quote));
    out.push(SEP, label("sum_ask: "), value(formatTicks(askQty, s.qtyPrecision)), label(" " + s.base));
    if (stats > 2) out.push(SEP, label("ratio: "), value(ratio(s, bidCost, askQty)));
  }
  return out;
}

/** Bid volume over ask volume, both in base units: (sum_bid ÷ ask) ÷ sum_ask; "-" without asks. */
function ratio(s: StatusInput, bidCost: Decimal, askQty: number): string {
  if (askQty === 0 || Number.isNaN(s.ask) || s.ask <= 0) return "-";
  const askCost = mul(fromTicks(s.ask, s.pricePrecision), fromTicks(askQty, s.qtyPrecision));
  if (isZero(askCost)) return "-";
  return formatDecimal(div(bidCost, askCost, 5), 5);
}
