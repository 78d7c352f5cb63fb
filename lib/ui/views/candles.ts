/**
 * The candlestick chart: one column per period of the timeframe (a period without trades is an empty
 * column), newest at the right, y labels at nice steps inside the visible range, and the markers column
 * (bid, ask, own orders) at the far right.
 */

import type { Candle } from "../../core/events.ts";
import { formatTicks } from "../../core/ticks.ts";
import { blank, type Line, type Role, runs, slice, type Span } from "../style.ts";
import type { Glyphs } from "../glyphs.ts";

export interface ChartOrder {
  /** Price ticks. */
  readonly price: number;
  readonly pending: boolean;
}

export interface CandleViewInput {
  /** Oldest first. */
  readonly candles: readonly Candle[];
  /** Candle length in minutes. */
  readonly timeframe: number;
  readonly pricePrecision: number;
  /** Price ticks, NaN when unknown. */
  readonly bid: number;
  readonly ask: number;
  readonly orders: readonly ChartOrder[];
  readonly width: number;
  readonly height: number;
  readonly glyphs: Glyphs;
}

/**
 * The largest of 1, 2 or 5 × 10^k ticks that is at most a quarter of the range (so there are at least
 * four steps), and at least one tick.
 */
export function niceStep(range: number): number {
  const s = range / 4;
  if (s < 1) return 1;
  let mag = 1;
  while (mag * 10 <= s) mag *= 10;
  if (mag * 5 <= s) return mag * 5;
  if (mag * 2 <= s) return mag * 2;
  return mag;
}

/** The next larger 1/2/5 × 10^k step. */
function nextNice(step: number): number {
  let mag = 1;
  while (mag * 10 <= step) mag *= 10;
  return step < 2 * mag ? 2 * mag : step < 5 * mag ? 5 * mag : 10 * mag;
}

/** niceStep, widened until labels are at least two rows apart on a chart of `height` rows. */
export function labelStep(range: number, height: number): number {
  let step = niceStep(range);
  while (range > 0 && step < range && (step * (height - 1)) / range < 2) step = nextNice(step);
  return step;
}

/** Label prices (ticks): every multiple of `step` within [min, max], lowest first. */
export function labelPrices(min: number, max: number, step: number): number[] {
  const out: number[] = [];
  const first = Math.ceil(min / step) * step;
  for (let p = first; p <= max; p += step) out.push(p);
  return out;
}

/** Label text with the decimals the step needs (step 0.0005 at 5 decimals: "0.0215"; step 100.0: "60100"). */
export function labelText(price: number, step: number, pricePrecision: number): string {
  let drop = 0;
  let s = step;
  while (drop < pricePrecision && s % 10 === 0) {
    s /= 10;
    drop++;
  }
  return formatTicks(price / 10 ** drop, pricePrecision - drop);
}

/** Maps prices to rows: max at row 0, min at row height-1. A flat range maps to the middle row. */
export function rowMapper(min: number, max: number, height: number): (price: number) => number {
  if (max === min) {
    const mid = Math.floor((height - 1) / 2);
    return () => mid;
  }
  const scale = (height - 1) / (max - min);
  return (p) => Math.round((max - p) * scale);
}

export function candleView(input: CandleViewInput): Line[] {
  const body = candleBody(input);
  const marks = candleMarkers(body, input);
  return body.lines.map((l, y) => withCells(l, input.width, undefined, marks[y]));
}

/** Where a chart puts things: the price range it maps to rows (max at row 0) and the label gutter. */
export interface CandleLayout {
  readonly min: number;
  readonly max: number;
  /** Columns before it hold the y labels; candles are drawn from it on. */
  readonly gutter: number;
  /** Time of the newest candle (drawn in column width - 2). */
  readonly newest: number;
}

/** The chart without its marker column, and the layout it was drawn by (null: no candles to mark). */
export interface CandleBody {
  readonly lines: Line[];
  readonly range: CandleLayout | null;
}

/** What the body depends on: the candles (only the newest `width` can show), never the bid, ask or orders. */
export type CandleBodyInput = Omit<CandleViewInput, "bid" | "ask" | "orders">;

/** The layout for these candles; null when there are none or the chart is too small to draw any. */
export function candleLayout(input: CandleBodyInput): CandleLayout | null {
  const { width, height, candles } = input;
  if (width < 3 || height < 1 || candles.length === 0) return null;
  const columnOf = columns(input);
  // The label gutter depends on the labels, which depend on the visible range: size it from the candles
  // that would fit without a gutter, then find the range of those that fit beside it.
  const wide = visibleRange(candles, columnOf, 0);
  const wideStep = labelStep(wide.max - wide.min, height);
  let labelW = 0;
  for (const p of labelPrices(wide.min, wide.max, wideStep)) {
    labelW = Math.max(labelW, labelText(p, wideStep, input.pricePrecision).length);
  }
  const gutter = labelW + 1;
  const { min, max } = visibleRange(candles, columnOf, gutter);
  return { min, max, gutter, newest: candles[candles.length - 1]!.time };
}

/**
 * Candles, wicks and y labels, full width with the last column (the markers') blank. `count`: draw only
 * the oldest `count` candles (laid out as all of them are), e.g. all but the newest, to draw that one
 * over the body with `newestColumn`.
 */
export function candleBody(
  input: CandleBodyInput,
  layout: CandleLayout | null = candleLayout(input),
  count = input.candles.length,
): CandleBody {
  const { width, height, glyphs } = input;
  if (width < 3 || height < 1) {
    return { lines: Array.from({ length: height }, () => blank(width, "chart_text")), range: null };
  }
  const chars: string[][] = [];
  const roles: Role[][] = [];
  for (let y = 0; y < height; y++) {
    chars.push(new Array(width).fill(" "));
    roles.push(new Array(width).fill("chart_text"));
  }
  const put = (x: number, y: number, ch: string, role: Role) => {
    if (x >= 0 && x < width && y >= 0 && y < height) {
      chars[y]![x] = ch;
      roles[y]![x] = role;
    }
  };
  const candles = input.candles;
  if (layout === null) {
    writeText(put, 1, Math.floor((height - 1) / 2), "waiting for candles", "chart_text");
    return { lines: lines(chars, roles), range: null };
  }
  const { min, max, gutter } = layout;
  const columnOf = columns(input);
  const row = rowMapper(min, max, height);
  for (let i = Math.min(count, candles.length) - 1; i >= 0; i--) {
    const c = candles[i]!;
    const x = columnOf(c);
    if (x < gutter) break;
    drawCandle(put, x, c, row, glyphs);
  }

  const step = labelStep(max - min, height);
  const used = new Set<number>();
  const labelW = gutter - 1;
  for (const p of labelPrices(min, max, step)) {
    const y = row(p);
    if (used.has(y)) continue;
    used.add(y);
    writeText(put, 0, y, labelText(p, step, input.pricePrecision).padStart(labelW), "chart_text");
  }
  return { lines: lines(chars, roles), range: layout };
}

/**
 * The cells of the newest candle's column (width - 2) per row, undefined where it leaves a row blank;
 * null when the newest candle is not drawn (a chart all gutter). A body drawn without the newest candle,
 * with these cells put in, is the body with it.
 */
export function newestColumn(input: CandleBodyInput, layout: CandleLayout): (Span | undefined)[] | null {
  const right = input.width - 2;
  if (right < layout.gutter) return null;
  const out: (Span | undefined)[] = new Array(input.height);
  const h = input.height;
  const put = (_x: number, y: number, text: string, role: Role) => {
    if (y >= 0 && y < h) out[y] = { text, role };
  };
  const newest = input.candles[input.candles.length - 1]!;
  drawCandle(put, right, newest, rowMapper(layout.min, layout.max, h), input.glyphs);
  return out;
}

/** The marker column's cell per row (undefined: blank): bid, ask, then own orders over them. */
export function candleMarkers(
  body: CandleBody,
  input: Pick<CandleViewInput, "bid" | "ask" | "orders" | "height" | "glyphs">,
): (Span | undefined)[] {
  const out: (Span | undefined)[] = new Array(input.height);
  if (body.range === null) return out;
  const { min, max } = body.range;
  const row = rowMapper(min, max, input.height);
  const g = input.glyphs;
  if (input.bid >= min && input.bid <= max) out[row(input.bid)] = { text: g.bidMarker, role: "chart_up" };
  if (input.ask >= min && input.ask <= max) out[row(input.ask)] = { text: g.askMarker, role: "chart_down" };
  for (const o of input.orders) {
    if (o.price >= min && o.price <= max) {
      out[row(o.price)] = o.pending ? { text: "p", role: "order_pending" } : { text: "o", role: "book_own" };
    }
  }
  return out;
}

const BLANK: Span = { text: " ", role: "chart_text" };

/**
 * A body row with the newest candle's cell (column width - 2) and the marker (the last column) put in;
 * the row itself when there is neither. `newest` undefined keeps the row's own cell there.
 */
export function withCells(
  line: Line,
  width: number,
  newest: Span | undefined,
  marker: Span | undefined,
): Line {
  if (newest === undefined && marker === undefined) return line;
  if (newest === undefined) return [...slice(line, 0, width - 1), marker!];
  return [...slice(line, 0, width - 2), newest, marker ?? BLANK];
}

/** Column of a candle: the newest in width - 2, one column per period before it. */
function columns(input: CandleBodyInput): (c: Candle) => number {
  const period = input.timeframe * 60_000;
  const newest = input.candles[input.candles.length - 1]!.time;
  const right = input.width - 2;
  return (c: Candle) => right - Math.round((newest - c.time) / period);
}

type Put = (x: number, y: number, ch: string, role: Role) => void;

function visibleRange(
  candles: readonly Candle[],
  columnOf: (c: Candle) => number,
  gutter: number,
): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = candles.length - 1; i >= 0; i--) {
    const c = candles[i]!;
    if (columnOf(c) < gutter) break;
    if (c.low < min) min = c.low;
    if (c.high > max) max = c.high;
  }
  if (min === Infinity) {
    const last = candles[candles.length - 1]!;
    return { min: last.low, max: last.high };
  }
  return { min, max };
}

function drawCandle(put: Put, x: number, c: Candle, row: (p: number) => number, g: Glyphs): void {
  const yh = row(c.high);
  const yl = row(c.low);
  const yo = row(c.open);
  const yc = row(c.close);
  const top = Math.min(yo, yc);
  const bottom = Math.max(yo, yc);
  for (let y = yh; y <= yl; y++) {
    if (y < top || y > bottom) put(x, y, g.wick, "chart_text");
    else if (c.close > c.open) put(x, y, g.upBody, "chart_up_body");
    else if (c.close < c.open) put(x, y, g.downBody, "chart_down_body");
    else put(x, y, yh < y && y < yl ? g.dojiCross : g.doji, "chart_doji");
  }
}

function writeText(put: Put, x: number, y: number, text: string, role: Role): void {
  for (let i = 0; i < text.length; i++) put(x + i, y, text[i]!, role);
}

function lines(chars: string[][], roles: Role[][]): Line[] {
  return chars.map((row, y) => runs(row, roles[y]!));
}
