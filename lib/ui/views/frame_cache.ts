/**
 * What the last frame was made of, so that the next one recomputes only the parts whose inputs changed
 * and keeps the very same line objects for rows that did not (the renderer skips those at once). Every
 * key is compared with ===: the market's book by its version, candles and orders item by item (items are
 * immutable, arrays may be changed in place), log panes by their array and length (they only grow, or are
 * replaced when trimmed). Only speed depends on it: a frame with a cache shows what one without shows.
 */

import type { Candle } from "../../core/events.ts";
import type { Order } from "../../core/orders.ts";
import type { Line, Role, Span } from "../style.ts";
import type { BookRowCache, BookViewInput, BookViewRow } from "./book.ts";
import type { CandleBody } from "./candles.ts";

/** One remembered value and the keys it was made from. */
export class Memo<T> {
  #keys: readonly unknown[] = [];
  #value: T | undefined;
  #valid = false;

  /** The value made from the same keys, else undefined. */
  get(keys: readonly unknown[]): T | undefined {
    if (!this.#valid || keys.length !== this.#keys.length) return undefined;
    for (let i = 0; i < keys.length; i++) if (keys[i] !== this.#keys[i]) return undefined;
    return this.#value;
  }

  set(keys: readonly unknown[], value: T): T {
    this.#keys = keys;
    this.#value = value;
    this.#valid = true;
    return value;
  }
}

/** Rows joined from two parts, each remembered with the parts it was joined from. */
export class JoinedRows {
  #left: (Line | undefined)[] = [];
  #right: (Line | undefined)[] = [];
  #out: Line[] = [];

  /** `left` then `right` (and `gap` between them, constant per cache user) as one line. */
  join(y: number, left: Line, right: Line, gap?: Line): Line {
    if (this.#left[y] === left && this.#right[y] === right) return this.#out[y]!;
    this.#left[y] = left;
    this.#right[y] = right;
    return this.#out[y] = joined(left, gap, right);
  }
}

function joined(left: Line, gap: Line | undefined, right: Line): Line {
  const g = gap?.length ?? 0;
  const out: Span[] = new Array(left.length + g + right.length);
  let n = 0;
  for (let i = 0; i < left.length; i++) out[n++] = left[i]!;
  for (let i = 0; i < g; i++) out[n++] = gap![i]!;
  for (let i = 0; i < right.length; i++) out[n++] = right[i]!;
  return out;
}

/** The candle chart's body, remembered with the candles drawn in it. */
export class CandleMemo {
  #tail: Candle[] = [];
  #keys: Memo<CandleBody> = new Memo();

  /** The body drawn from the first `count` candles with the same `keys`, if that is the last one made. */
  get(
    candles: readonly Candle[],
    count: number,
    width: number,
    keys: readonly unknown[],
  ): CandleBody | undefined {
    const body = this.#keys.get(keys);
    if (body === undefined) return undefined;
    // Only the newest `width` candles can be on a chart `width` columns wide (one column each at most).
    const from = Math.max(0, count - width);
    if (count - from !== this.#tail.length) return undefined;
    for (let i = from; i < count; i++) if (candles[i] !== this.#tail[i - from]) return undefined;
    return body;
  }

  set(
    candles: readonly Candle[],
    count: number,
    width: number,
    keys: readonly unknown[],
    body: CandleBody,
  ): CandleBody {
    this.#tail = candles.slice(Math.max(0, count - width), count);
    return this.#keys.set(keys, body);
  }
}

/** Chart rows: a body row with the newest candle's cell and the marker put in, remembered per row. */
export class MarkedRows {
  #body: (Line | undefined)[] = [];
  #cell: (Span | undefined)[] = [];
  #mark: (Span | undefined)[] = [];
  #out: Line[] = [];

  get(y: number, body: Line, cell: Span | undefined, mark: Span | undefined): Line | undefined {
    if (this.#body[y] !== body || !sameSpan(this.#cell[y], cell) || !sameSpan(this.#mark[y], mark)) {
      return undefined;
    }
    return this.#out[y];
  }

  set(y: number, body: Line, cell: Span | undefined, mark: Span | undefined, line: Line): Line {
    this.#body[y] = body;
    this.#cell[y] = cell;
    this.#mark[y] = mark;
    return this.#out[y] = line;
  }
}

function sameSpan(a: Span | undefined, b: Span | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.text === b.text && a.role === b.role);
}

/** Book rows by place: the same values (and formats) in the same row give the same line. */
export class BookRows implements BookRowCache {
  #rows: (BookViewRow | undefined)[] = [];
  #roles: Role[] = [];
  #lines: Line[] = [];
  #format: readonly [number, number, number] = [-1, -1, -1];

  get(y: number, row: BookViewRow, role: Role, input: BookViewInput): Line | undefined {
    const f = this.#format;
    if (f[0] !== input.pricePrecision || f[1] !== input.qtyPrecision || f[2] !== input.width) {
      this.#format = [input.pricePrecision, input.qtyPrecision, input.width];
      this.#rows = [];
      return undefined;
    }
    const had = this.#rows[y];
    if (
      had === undefined || this.#roles[y] !== role || had.price !== row.price || had.volume !== row.volume ||
      had.own !== row.own || (had.ownPending ?? false) !== (row.ownPending ?? false) ||
      had.change !== row.change
    ) return undefined;
    return this.#lines[y];
  }

  set(y: number, row: BookViewRow, role: Role, _input: BookViewInput, line: Line): Line {
    this.#rows[y] = row;
    this.#roles[y] = role;
    return this.#lines[y] = line;
  }
}

/** Orders compared item by item (the engine hands out a new list per change, others may not). */
export class OrdersKey {
  #orders: Order[] = [];
  #version = 0;

  /** A number that changes whenever the orders do. */
  of(orders: readonly Order[]): number {
    const had = this.#orders;
    let same = had.length === orders.length;
    for (let i = 0; same && i < orders.length; i++) same = orders[i] === had[i];
    if (!same) {
      this.#orders = orders.slice();
      this.#version++;
    }
    return this.#version;
  }
}

/** Everything one screen remembers between frames. */
export class FrameCache {
  readonly statusFirst = new Memo<Line>();
  readonly statusSecond = new Memo<Line>();
  readonly book = new Memo<Line[]>();
  readonly bookRows = new BookRows();
  readonly depth = new Memo<Line[]>();
  readonly candles = new CandleMemo();
  readonly marked = new MarkedRows();
  readonly middle = new JoinedRows();
  readonly main = new Memo<Line[]>();
  readonly strategy = new Memo<Line[]>();
  readonly consoles = new JoinedRows();
  readonly orders = new OrdersKey();
}
