/** The order book pane: asks above, bids below an empty middle row; price, volume and own volume columns. */

import { formatTicks } from "../../core/ticks.ts";
import { blank, fit, type Line, type Role, spaces, type Span } from "../style.ts";

export interface BookViewRow {
  /** Price (or bin price) in price ticks. */
  readonly price: number;
  /** Volume of the row, or the cumulative volume when the sum toggle is on, in qty ticks. */
  readonly volume: number;
  /** Own remaining volume in the row, qty ticks (0: none, shown blank). */
  readonly own: number;
  /** Part of it is pending or unknown (marked `p`, else `o`). */
  readonly ownPending?: boolean;
  /** Highlight of the last change: the volume went up, down, or no highlight. */
  readonly change?: "up" | "down";
}

export interface BookViewInput {
  /** Best first. */
  readonly asks: readonly BookViewRow[];
  readonly bids: readonly BookViewRow[];
  readonly pricePrecision: number;
  readonly qtyPrecision: number;
  readonly width: number;
  readonly height: number;
  /** Shown on the middle row instead of an empty one ("waiting for the book", "book resyncing"). */
  readonly notice?: string;
  /** Shown on the middle row when there is no notice: the zoom ("group: 0.5"). */
  readonly label?: string;
}

/**
 * Right edges (exclusive) of the price, volume and own-volume columns; then the own-order marker. The last
 * column stays blank, as in the original: it separates the book from the chart.
 */
const PRICE_END = 11;
const VOLUME_END = 27;
const OWN_END = 38;
const MARKER_X = 38;

/** Row of the middle (empty) line; asks take the rows above it, bids the rows below. */
export function bookMiddle(height: number): number {
  return Math.floor(height / 2);
}

/** How many ask and bid rows fit. */
export function bookCapacity(height: number): { asks: number; bids: number } {
  const mid = bookMiddle(height);
  return { asks: Math.max(mid, 0), bids: Math.max(height - mid - 1, 0) };
}

/**
 * Remembers rows between calls (lib/ui/views/frame_cache.ts): a row with the same values in the same
 * place is the same line as before. Only speed depends on it.
 */
export interface BookRowCache {
  get(y: number, row: BookViewRow, role: Role, input: BookViewInput): Line | undefined;
  set(y: number, row: BookViewRow, role: Role, input: BookViewInput, line: Line): Line;
}

export function bookView(input: BookViewInput, cache?: BookRowCache): Line[] {
  const { width, height } = input;
  const mid = bookMiddle(height);
  const out: Line[] = new Array(height);
  const empty = blank(width, "book_text");
  for (let y = 0; y < height; y++) out[y] = empty;
  const cap = bookCapacity(height);
  for (let i = 0; i < cap.asks && i < input.asks.length; i++) {
    out[mid - 1 - i] = row(mid - 1 - i, input.asks[i]!, "book_ask", input, cache);
  }
  for (let i = 0; i < cap.bids && i < input.bids.length; i++) {
    out[mid + 1 + i] = row(mid + 1 + i, input.bids[i]!, "book_bid", input, cache);
  }
  if (input.notice !== undefined && mid < height) {
    out[mid] = fit([{ text: " " + input.notice, role: "status_warn" }], width, "book_text");
  } else if (input.label !== undefined && mid < height) {
    out[mid] = fit([{ text: " " + input.label, role: "book_text" }], width, "book_text");
  }
  return out;
}

function row(y: number, r: BookViewRow, role: Role, input: BookViewInput, cache?: BookRowCache): Line {
  if (cache === undefined) return bookRow(r, role, input);
  return cache.get(y, r, role, input) ?? cache.set(y, r, role, input, bookRow(r, role, input));
}

function bookRow(row: BookViewRow, priceRole: Role, input: BookViewInput): Line {
  const volRole: Role = row.change === "up"
    ? "book_vol_up"
    : row.change === "down"
    ? "book_vol_down"
    : "book_vol";
  const spans: Span[] = [];
  let col = put(spans, 0, tickText(row.price, input.pricePrecision), PRICE_END, priceRole);
  col = put(spans, col, tickText(row.volume, input.qtyPrecision), VOLUME_END, volRole);
  if (row.own > 0) {
    col = put(spans, col, tickText(row.own, input.qtyPrecision), OWN_END, "book_own");
    // The marker may touch a long own volume: it must not be pushed off the pane.
    if (col < MARKER_X) spans.push({ text: spaces(MARKER_X - col), role: "book_text" });
    spans.push(row.ownPending ? PENDING_MARK : OWN_MARK);
    col = MARKER_X + 1;
  }
  if (col > input.width) return fit(spans, input.width, "book_text");
  if (col < input.width) spans.push({ text: spaces(input.width - col), role: "book_text" });
  return spans;
}

const PENDING_MARK: Span = { text: "p", role: "order_pending" };
const OWN_MARK: Span = { text: "o", role: "book_own" };

/** Tick text by precision: a book shows the same prices (and many volumes) frame after frame. */
const TICK_TEXT = new Map<number, Map<number, string>>();

function tickText(ticks: number, precision: number): string {
  let texts = TICK_TEXT.get(precision);
  if (texts === undefined) TICK_TEXT.set(precision, texts = new Map());
  let text = texts.get(ticks);
  if (text === undefined) {
    if (texts.size >= 8192) texts.clear();
    texts.set(ticks, text = formatTicks(ticks, precision));
  }
  return text;
}

/** Puts `text` right-aligned to `end` (at least one cell after `col` unless at the start); the new column. */
function put(spans: Span[], col: number, text: string, end: number, role: Role): number {
  const start = Math.max(col === 0 ? 0 : col + 1, end - text.length);
  if (start > col) spans.push({ text: spaces(start - col), role: "book_text" });
  spans.push({ text, role });
  return start + text.length;
}
