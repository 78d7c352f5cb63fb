import { type Balances, formatTicks, type Instrument } from "../core/mod.ts";
import {
  add,
  type Decimal,
  div,
  formatDecimal,
  isZero,
  mul,
  parseDecimal,
  sub,
  ZERO,
} from "../core/decimal.ts";
import type { Equity } from "./equity.ts";
import type { Ledger, Tally } from "./ledger.ts";

/** Order counts, overall and per strategy. */
export interface OrderCounts {
  readonly placed: number;
  readonly denied: number;
  readonly rejected: number;
  readonly filled: number;
  readonly canceled: number;
  readonly open: number;
}

export interface Holdings {
  /** The book's mid (decimal text, one more decimal than the pair's prices). */
  readonly mid: string;
  readonly balances: Balances;
  /** Base and quote valued at the mid, in the quote currency. */
  readonly value: string;
}

/** What `pytrader backtest --json` prints (README "backtest"). */
export interface BacktestReport {
  readonly ok: true;
  readonly file: string;
  readonly exchange: string;
  readonly pair: string;
  /** The recording's clock: the first frame the strategies saw, and the last. */
  readonly from: string;
  readonly to: string;
  readonly strategies: readonly string[];
  /** Percent. */
  readonly feeRates: { readonly maker: string; readonly taker: string };
  readonly latencyMs: number;
  readonly replay: {
    readonly frames: number;
    readonly events: number;
    readonly malformed: number;
    readonly resyncs: number;
  };
  readonly orders: OrderCounts;
  readonly fills: readonly {
    readonly time: string;
    readonly strategy: string;
    readonly side: "buy" | "sell";
    readonly price: string;
    readonly volume: string;
    readonly fee: string;
    readonly liquidity: "maker" | "taker";
  }[];
  /** In the quote currency. */
  readonly fees: string;
  readonly start: Holdings;
  readonly end: Holdings;
  /** End value less start value, in the quote currency, and in percent of the start value. */
  readonly pnl: string;
  readonly pnlPct: string;
  /** What the start balances would have made untouched: base × (end mid - start mid). */
  readonly holdPnl: string;
  readonly maxDrawdown: {
    readonly value: string;
    readonly pct: string;
    readonly from: string | null;
    readonly to: string | null;
  };
  /** The base asset's share of the value, in percent. */
  readonly exposure: {
    readonly average: string;
    readonly max: string;
    readonly start: string;
    readonly end: string;
  };
  readonly perStrategy: Readonly<Record<string, StrategyReport>>;
  /** The value and the mid over time (at most 256 points), for charts. */
  readonly curve: readonly { readonly time: string; readonly mid: string; readonly value: string }[];
}

export interface StrategyReport {
  readonly orders: OrderCounts;
  readonly fills: number;
  /** Base volume. */
  readonly bought: string;
  readonly sold: string;
  readonly fees: string;
  /** At the fills' prices: received less paid and fees, its net volume valued at the end mid. */
  readonly pnl: string;
}

/** What the run knew at its start and end. */
export interface RunFacts {
  readonly file: string;
  readonly venue: string;
  readonly instrument: Instrument;
  readonly strategies: readonly string[];
  readonly makerFee: string;
  readonly takerFee: string;
  readonly latencyMs: number;
  readonly replay: BacktestReport["replay"];
  readonly start: Moment;
  readonly end: Moment;
  readonly ledger: Ledger;
  readonly equity: Equity;
  /** Orders still working at the end, by strategy. */
  readonly open: ReadonlyMap<string, number>;
}

export interface Moment {
  readonly time: number;
  /** Best bid and ask (ticks). */
  readonly bid: number;
  readonly ask: number;
  readonly balances: Balances;
}

const PCT_DECIMALS = 3;

export function buildReport(f: RunFacts): BacktestReport {
  const i = f.instrument;
  const money = moneyDecimals(i, f.start.balances);
  const cash = (d: Decimal) => formatDecimal(d, money);
  const startMid = midOf(f.start, i);
  const endMid = midOf(f.end, i);
  const startValue = valueOf(f.start.balances, i, startMid);
  const endValue = valueOf(f.end.balances, i, endMid);
  const pnl = sub(endValue, startValue);
  const base = amount(f.start.balances, i.base);
  const l = f.ledger;
  let fees = ZERO;
  const perStrategy: Record<string, StrategyReport> = {};
  const totals = { placed: 0, denied: 0, rejected: 0, filled: 0, canceled: 0, open: 0 };
  for (const [name, t] of l.tallies) {
    const orders = counts(t, f.open.get(name) ?? 0);
    for (const k of Object.keys(totals) as (keyof OrderCounts)[]) totals[k] += orders[k];
    fees = add(fees, t.fees);
    if (name === "") continue;
    perStrategy[name] = {
      orders,
      fills: t.fills,
      bought: formatTicks(t.bought, i.qtyPrecision),
      sold: formatTicks(t.sold, i.qtyPrecision),
      fees: cash(t.fees),
      pnl: cash(l.pnl(t, endMid)),
    };
  }
  const dd = f.equity.drawdown;
  const ex = f.equity.exposure;
  const pct = (x: number) => (x * 100).toFixed(PCT_DECIMALS);
  const midText = (m: number) => m.toFixed(i.pricePrecision + 1);
  return {
    ok: true,
    file: f.file,
    exchange: f.venue,
    pair: i.symbol,
    from: iso(f.start.time),
    to: iso(f.end.time),
    strategies: f.strategies,
    feeRates: { maker: f.makerFee, taker: f.takerFee },
    latencyMs: f.latencyMs,
    replay: f.replay,
    orders: totals,
    fills: l.fills.map((x) => ({
      time: iso(x.time),
      strategy: x.strategy,
      side: x.side,
      price: formatTicks(x.price, i.pricePrecision),
      volume: formatTicks(x.qty, i.qtyPrecision),
      fee: formatDecimal(x.fee, Math.max(money, x.fee.scale)),
      liquidity: x.liquidity,
    })),
    fees: cash(fees),
    start: {
      mid: formatDecimal(startMid, startMid.scale),
      balances: f.start.balances,
      value: cash(startValue),
    },
    end: { mid: formatDecimal(endMid, endMid.scale), balances: f.end.balances, value: cash(endValue) },
    pnl: cash(pnl),
    pnlPct: isZero(startValue)
      ? "0"
      : formatDecimal(div(mul(pnl, { units: 100n, scale: 0 }), startValue, PCT_DECIMALS), PCT_DECIMALS),
    holdPnl: cash(mul(base, sub(endMid, startMid))),
    maxDrawdown: {
      value: dd.value.toFixed(money),
      pct: pct(dd.fraction),
      from: dd.value > 0 ? iso(dd.from) : null,
      to: dd.value > 0 ? iso(dd.to) : null,
    },
    exposure: { average: pct(ex.average), max: pct(ex.max), start: pct(ex.start), end: pct(ex.end) },
    perStrategy,
    curve: f.equity.buckets().map((b) => ({
      time: iso(b.time),
      mid: midText(b.midClose),
      value: b.equityClose.toFixed(money),
    })),
  };
}

function counts(t: Tally, open: number): OrderCounts {
  return {
    placed: t.placed,
    denied: t.denied,
    rejected: t.rejected,
    filled: t.filled,
    canceled: t.canceled,
    open,
  };
}

/** (bid + ask) / 2, exactly: one decimal more than the pair's prices. */
function midOf(m: Pick<Moment, "bid" | "ask">, i: Instrument): Decimal {
  return { units: BigInt(m.bid + m.ask) * 5n, scale: i.pricePrecision + 1 };
}

function valueOf(b: Balances, i: Instrument, mid: Decimal): Decimal {
  return add(amount(b, i.quote), mul(amount(b, i.base), mid));
}

function amount(b: Balances, asset: string): Decimal {
  const text = b[asset];
  return text === undefined ? ZERO : parseDecimal(text);
}

/** Money in the quote currency: as many decimals as the wallet keeps it with, at least the prices'. */
function moneyDecimals(i: Instrument, balances: Balances): number {
  const text = balances[i.quote] ?? "";
  const dot = text.indexOf(".");
  return Math.max(i.pricePrecision, dot < 0 ? 0 : text.length - dot - 1);
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
