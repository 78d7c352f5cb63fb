/** The depth chart: one bar per price bin, asks above and bids below the middle row, own orders marked. */

import { formatTicks } from "../../core/ticks.ts";
import type { Glyphs } from "../glyphs.ts";
import { blank, fit, type Line, type Role, type Span } from "../style.ts";
import { bookCapacity, bookMiddle } from "./book.ts";

export interface DepthViewBin {
  /** Bin price in price ticks. */
  readonly price: number;
  /** Bar value (bin volume, or cumulative volume when summing) in qty ticks. */
  readonly value: number;
  /** Own remaining volume in the bin, qty ticks. */
  readonly own: number;
  /** Part of it is pending or unknown: marked `p` instead of `o`. */
  readonly ownPending?: boolean;
  readonly change?: "up" | "down";
}

export interface DepthViewInput {
  /** Best first. */
  readonly asks: readonly DepthViewBin[];
  readonly bids: readonly DepthViewBin[];
  readonly pricePrecision: number;
  readonly width: number;
  readonly height: number;
  readonly glyphs: Glyphs;
  readonly notice?: string;
  /** Shown on the middle row when there is no notice: the bin size ("bins: 1"). */
  readonly label?: string;
}

export function depthView(input: DepthViewInput): Line[] {
  const { width, height } = input;
  const mid = bookMiddle(height);
  const cap = bookCapacity(height);
  const asks = input.asks.slice(0, cap.asks);
  const bids = input.bids.slice(0, cap.bids);
  const out: Line[] = Array.from({ length: height }, () => blank(width, "chart_text"));
  let labelW = 0;
  let max = 0;
  for (const b of [...asks, ...bids]) {
    labelW = Math.max(labelW, formatTicks(b.price, input.pricePrecision).length);
    if (b.value > max) max = b.value;
  }
  const barX = labelW + 1;
  // Room for the bar and, after it, an own-order marker.
  const room = Math.max(width - barX - 2, 1);
  const row = (b: DepthViewBin, priceRole: Role): Line => {
    const spans: Span[] = [
      { text: formatTicks(b.price, input.pricePrecision).padStart(labelW) + " ", role: priceRole },
    ];
    const len = max > 0 && b.value > 0 ? Math.max(1, Math.floor((b.value * room) / max)) : 0;
    const barRole: Role = b.change === "up"
      ? "chart_bar_up"
      : b.change === "down"
      ? "chart_bar_down"
      : "chart_bar";
    if (len > 0) spans.push({ text: input.glyphs.bar.repeat(len), role: barRole });
    if (b.own > 0) {
      spans.push(b.ownPending ? { text: "p", role: "order_pending" } : { text: "o", role: "book_own" });
    }
    return fit(spans, width, "chart_text");
  };
  asks.forEach((b, i) => out[mid - 1 - i] = row(b, "book_ask"));
  bids.forEach((b, i) => out[mid + 1 + i] = row(b, "book_bid"));
  if (input.notice !== undefined && mid < height) {
    out[mid] = fit([{ text: " " + input.notice, role: "status_warn" }], width, "chart_text");
  } else if (input.label !== undefined && mid < height) {
    out[mid] = fit([{ text: " " + input.label, role: "chart_text" }], width, "chart_text");
  }
  return out;
}
