/**
 * Turns frames into terminal output, writing only what changed: a row that is the same line as last time
 * (or the same spans) costs nothing; in a changed row only the cells from its first to its last changed
 * cell are written, each run of one attribute as one piece of text. Rows are compared span by span, as
 * the views made them, without building the row's text.
 */

import { fit, type Line, type Role } from "../style.ts";

/** Characters as the terminal can show them (ACS line drawing, ASCII stand-ins); null on UTF-8. */
export type Translate = (text: string) => string;

export class Renderer {
  readonly #attrs: Readonly<Record<Role, number>>;
  readonly #translate: Translate | null;
  readonly #sgr = new Map<number, string>();
  /** The line last written to each row; undefined: the terminal's row is unknown (write all of it). */
  #shown: (Line | undefined)[] = [];
  /** The output being built, as UTF-8; reused from frame to frame. */
  #out = new Uint8Array(16384);
  #n = 0;

  /** `attrs`: blessed cell attributes per role, (flags << 18) | (fg << 9) | bg, 0x1ff the default colour. */
  constructor(attrs: Readonly<Record<Role, number>>, translate: Translate | null = null) {
    this.#attrs = attrs;
    this.#translate = translate;
  }

  /** The terminal was cleared (or holds something else): the next frame writes every cell. */
  forget(): void {
    this.#shown = [];
  }

  /**
   * The output (UTF-8) that turns the last frame into `lines`, cut to `width` × `height`; empty when
   * nothing changed. The bytes are the renderer's own buffer: valid until the next call.
   */
  frame(lines: readonly Line[], width: number, height: number): Uint8Array {
    this.#n = 0;
    const h = Math.min(height, lines.length);
    for (let y = 0; y < h; y++) {
      const line = fit(lines[y]!, width);
      const was = this.#shown[y];
      if (was === line || (was !== undefined && sameLine(was, line))) continue;
      this.#shown[y] = line;
      if (was === undefined) {
        this.#cells(y, line, 0, width);
        continue;
      }
      const first = firstDiff(was, line, this.#attrs, width);
      if (first >= 0) this.#cells(y, line, first, lastDiff(was, line, this.#attrs, width, first) + 1);
    }
    return this.#out.subarray(0, this.#n);
  }

  /** Moves to cell `from` of row `y` and writes the cells [from, to) of `line`. */
  #cells(y: number, line: Line, from: number, to: number): void {
    this.#ascii("\x1b[");
    this.#number(y + 1);
    this.#ascii(";");
    this.#number(from + 1);
    this.#ascii("H");
    let attr = -1;
    const tr = this.#translate;
    let x = 0;
    for (let s = 0; s < line.length && x < to; s++) {
      const sp = line[s]!;
      const end = x + sp.text.length;
      if (end > from) {
        const a = this.#attrs[sp.role];
        if (a !== attr) {
          this.#ascii(this.#sgrOf(a));
          attr = a;
        }
        const i = Math.max(from - x, 0);
        const j = Math.min(to, end) - x;
        if (tr === null) this.#text(sp.text, i, j);
        else {
          const t = tr(sp.text.slice(i, j));
          this.#text(t, 0, t.length);
        }
      }
      x = end;
    }
    this.#ascii("\x1b[m");
  }

  /** Room for `n` more bytes. */
  #room(n: number): void {
    if (this.#n + n <= this.#out.length) return;
    const bigger = new Uint8Array(Math.max(this.#out.length * 2, this.#n + n));
    bigger.set(this.#out.subarray(0, this.#n));
    this.#out = bigger;
  }

  #ascii(s: string): void {
    this.#room(s.length);
    const out = this.#out;
    let n = this.#n;
    for (let i = 0; i < s.length; i++) out[n++] = s.charCodeAt(i);
    this.#n = n;
  }

  /** A positive integer in decimal digits. */
  #number(v: number): void {
    let digits = 1;
    for (let p = 10; p <= v; p *= 10) digits++;
    this.#room(digits);
    const out = this.#out;
    for (let i = this.#n + digits - 1; i >= this.#n; i--) {
      out[i] = 48 + (v % 10);
      v = Math.floor(v / 10);
    }
    this.#n += digits;
  }

  /** Characters [from, to) of `s` as UTF-8. */
  #text(s: string, from: number, to: number): void {
    this.#room((to - from) * 3);
    const out = this.#out;
    let n = this.#n;
    for (let i = from; i < to; i++) {
      let c = s.charCodeAt(i);
      if (c < 0x80) {
        out[n++] = c;
        continue;
      }
      if (c < 0x800) {
        out[n++] = 0xc0 | (c >> 6);
        out[n++] = 0x80 | (c & 0x3f);
        continue;
      }
      if (c >= 0xd800 && c < 0xdc00 && i + 1 < to) {
        const d = s.charCodeAt(i + 1);
        if (d >= 0xdc00 && d < 0xe000) {
          i++;
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          out[n++] = 0xf0 | (c >> 18);
          out[n++] = 0x80 | ((c >> 12) & 0x3f);
          out[n++] = 0x80 | ((c >> 6) & 0x3f);
          out[n++] = 0x80 | (c & 0x3f);
          continue;
        }
      }
      if (c >= 0xd800 && c < 0xe000) c = 0xfffd; // a lone surrogate
      out[n++] = 0xe0 | (c >> 12);
      out[n++] = 0x80 | ((c >> 6) & 0x3f);
      out[n++] = 0x80 | (c & 0x3f);
    }
    this.#n = n;
  }

  #sgrOf(attr: number): string {
    let s = this.#sgr.get(attr);
    if (s === undefined) this.#sgr.set(attr, s = sgr(attr));
    return s;
  }
}

/** The SGR sequence that sets exactly `attr` (from the terminal's defaults). */
export function sgr(attr: number): string {
  const bg = attr & 0x1ff;
  const fg = (attr >> 9) & 0x1ff;
  const flags = attr >> 18;
  const codes = ["0"];
  if (flags & 1) codes.push("1");
  if (flags & 2) codes.push("4");
  if (flags & 4) codes.push("5");
  if (flags & 8) codes.push("7");
  if (flags & 16) codes.push("8");
  if (fg !== 0x1ff) codes.push(colour(fg, 30, 90, "38"));
  if (bg !== 0x1ff) codes.push(colour(bg, 40, 100, "48"));
  return `\x1b[${codes.join(";")}m`;
}

function colour(c: number, base: number, bright: number, extended: string): string {
  if (c < 8) return String(base + c);
  if (c < 16) return String(bright + c - 8);
  return `${extended};5;${c}`;
}

/** Same cells in the same roles, span by span (views that build a row alike split it alike). */
function sameLine(a: Line, b: Line): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x !== y && (x.text !== y.text || x.role !== y.role)) return false;
  }
  return true;
}

/** The first cell where two lines of `width` cells differ in character or attribute; -1 if none. */
function firstDiff(a: Line, b: Line, attrs: Readonly<Record<Role, number>>, width: number): number {
  let i = 0;
  let j = 0;
  let ai = 0;
  let bj = 0;
  for (let x = 0; x < width;) {
    while (i < a.length && ai >= a[i]!.text.length) {
      i++;
      ai = 0;
    }
    while (j < b.length && bj >= b[j]!.text.length) {
      j++;
      bj = 0;
    }
    if (i >= a.length || j >= b.length) return i >= a.length && j >= b.length ? -1 : x;
    const sa = a[i]!;
    const sb = b[j]!;
    if (attrs[sa.role] !== attrs[sb.role]) return x;
    const n = Math.min(sa.text.length - ai, sb.text.length - bj, width - x);
    // The same text at the same offset (often the very same span): equal without a look at each cell.
    if (ai !== bj || sa.text !== sb.text) {
      for (let k = 0; k < n; k++) {
        if (sa.text.charCodeAt(ai + k) !== sb.text.charCodeAt(bj + k)) return x + k;
      }
    }
    ai += n;
    bj += n;
    x += n;
  }
  return -1;
}

/**
 * The last cell (at least `first`) where two lines of exactly `width` cells differ, scanning from the
 * right end; `first` is known to differ.
 */
function lastDiff(
  a: Line,
  b: Line,
  attrs: Readonly<Record<Role, number>>,
  width: number,
  first: number,
): number {
  let i = a.length;
  let j = b.length;
  let ai = 0;
  let bj = 0;
  for (let x = width; x > first + 1;) {
    while (i > 0 && ai === 0) ai = a[--i]!.text.length;
    while (j > 0 && bj === 0) bj = b[--j]!.text.length;
    if (ai === 0 || bj === 0) return x - 1;
    const sa = a[i]!;
    const sb = b[j]!;
    if (attrs[sa.role] !== attrs[sb.role]) return x - 1;
    const n = Math.min(ai, bj, x - first - 1);
    if (ai !== bj || sa.text !== sb.text) {
      for (let k = 1; k <= n; k++) {
        if (sa.text.charCodeAt(ai - k) !== sb.text.charCodeAt(bj - k)) return x - k;
      }
    }
    ai -= n;
    bj -= n;
    x -= n;
  }
  return first;
}
