/** The two log panes: the main log and the strategy log, newest line at the bottom, wrapped to the width. */

import type { LogRecord } from "../../log/logger.ts";
import { blank, fit, type Line, type Role, sanitize } from "../style.ts";

export interface ConsoleFilters {
  readonly ticker: boolean;
  readonly depth: boolean;
  readonly trade: boolean;
  readonly tradeOwn: boolean;
}

export const SHOW_ALL: ConsoleFilters = { ticker: true, depth: true, trade: true, tradeOwn: true };

/** Strategy lines: from a `strategy…` source, or tagged `[s]` as the original's strategies did. */
export function isStrategyRecord(r: LogRecord): boolean {
  return r.source === "strategy" || r.source.startsWith("strategy.") || r.message.startsWith("[s]");
}

/** The original's substring filters (seed/inventory.md §1.7). */
export function passesFilters(r: LogRecord, f: ConsoleFilters): boolean {
  const m = r.message;
  if (!f.ticker && m.includes(" tick:")) return false;
  if (!f.depth && m.includes("depth:")) return false;
  if (m.includes("trade:")) {
    if (!f.trade) return false;
    if (!f.tradeOwn && m.includes("own order")) return false;
  }
  return true;
}

function roleOf(r: LogRecord): Role {
  if (r.level === "error") return "con_error";
  if (r.level === "warn") return "con_warn";
  if (r.message.includes("trade: bid:")) return "con_buy";
  if (r.message.includes("trade: ask:")) return "con_sell";
  return "con_text";
}

/** `HH:MM:SS` of a time in ms, shifted by `offsetMinutes` from UTC. */
export function clockTime(time: number, offsetMinutes: number): string {
  return new Date(time + offsetMinutes * 60_000).toISOString().slice(11, 19);
}

/**
 * Splits text into rows of at most `width` cells (later rows: `width - indent`, to be indented by the
 * caller), breaking at spaces when it can.
 */
export function wrap(text: string, width: number, indent = 0): string[] {
  if (width <= indent) return [text.slice(0, Math.max(width, 0))];
  const out: string[] = [];
  let rest = text;
  let w = width;
  while (rest.length > w) {
    let cut = rest.lastIndexOf(" ", w);
    if (cut <= 0) cut = w;
    out.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
    w = width - indent;
  }
  out.push(rest);
  return out;
}

/** At most this many rows show one record; the log file keeps all of it. */
export const MAX_RECORD_ROWS = 6;

/**
 * The rows of one record, at most `MAX_RECORD_ROWS`: each line of the message (a stack trace has many) starts
 * a row of its own, the first after `head`; lines after the first and wrapped parts are indented by two
 * cells (a code excerpt's lines keep their alignment). Blank lines are dropped; a record cut short ends in "…".
 */
export function recordRows(head: string, message: string, width: number): string[] {
  const all = message.replace(/\t/g, " ").split(/\r\n|\r|\n/);
  // A code excerpt (`2 |   code` over `  |   ~`) keeps its own indent, so the marker stays under the column.
  const excerpt = (l: string) => /^ *\d* \|/.test(l);
  const indent = Math.min(...all.slice(1).filter(excerpt).map((l) => /^ */.exec(l)![0].length));
  const lines = all.map((l, i) => i === 0 ? l : excerpt(l) ? l.slice(indent).trimEnd() : l.trim());
  const out: string[] = [];
  lines.forEach((line, i) => {
    if (i === 0) {
      out.push(...wrap(sanitize(head + line.trimEnd()), width, 2).map((t, j) => (j > 0 ? "  " : "") + t));
    } else if (line !== "") {
      out.push(...wrap(sanitize(line), width - 2).map((t) => "  " + t));
    }
  });
  if (out.length <= MAX_RECORD_ROWS) return out;
  const last = out[MAX_RECORD_ROWS - 1]!;
  return [
    ...out.slice(0, MAX_RECORD_ROWS - 1),
    (last.length < width ? last : last.slice(0, width - 1)) + "…",
  ];
}

export interface ConsoleViewInput {
  /** Oldest first; only the tail that fits is drawn. */
  readonly records: readonly LogRecord[];
  readonly width: number;
  readonly height: number;
  readonly offsetMinutes: number;
  /** Strategy pane: a separator cell starts every row, and `[s]` tags are dropped. */
  readonly strategy?: boolean;
}

export function consoleView(input: ConsoleViewInput): Line[] {
  const { width, height } = input;
  const sep = input.strategy ? 1 : 0;
  const textW = width - sep;
  const rows: Line[] = [];
  // Walk back from the newest record until the pane is full.
  for (let i = input.records.length - 1; i >= 0 && rows.length < height; i--) {
    const r = input.records[i]!;
    const msg = input.strategy && r.message.startsWith("[s]") ? r.message.slice(3).trimStart() : r.message;
    const level = r.level === "warn" || r.level === "error" ? r.level.toUpperCase() + " " : "";
    const head = `${clockTime(r.time, input.offsetMinutes)} ${level}`;
    const role = roleOf(r);
    const lines = recordRows(head, msg, textW);
    for (let j = lines.length - 1; j >= 0 && rows.length < height; j--) {
      rows.push(fit([{ text: lines[j]!, role }], textW, "con_text"));
    }
  }
  rows.reverse();
  while (rows.length < height) rows.unshift(blank(textW, "con_text"));
  if (!sep) return rows;
  return rows.map((l) => [{ text: " ", role: "con_separator" as const }, ...l]);
}
