/** A point on the chart: a time (ms) and a value. */
export interface Point {
  readonly time: number;
  readonly value: number;
}

/** A letter drawn over the line at a time and value (a fill: B or S). */
export interface Mark extends Point {
  readonly ch: string;
}

export interface ChartOptions {
  /** Columns for the plot itself (the value labels come on top). */
  readonly width: number;
  readonly height: number;
  readonly format: (value: number) => string;
  readonly formatTime: (time: number) => string;
}

/**
 * A line chart as text rows: the line drawn with `•`, joined by `│` where it jumps, `marks` over it, value
 * labels on the left, the first and last time under it. Pure: the same points give the same rows.
 */
export function chart(points: readonly Point[], marks: readonly Mark[], o: ChartOptions): string[] {
  if (points.length === 0) return [];
  const width = Math.max(2, Math.floor(o.width));
  const height = Math.max(2, Math.floor(o.height));
  const t0 = points[0]!.time;
  let t1 = Math.max(points[points.length - 1]!.time, t0 + 1);
  let lo = Infinity;
  let hi = -Infinity;
  for (const p of [...points, ...marks]) {
    t1 = Math.max(t1, p.time);
    lo = Math.min(lo, p.value);
    hi = Math.max(hi, p.value);
  }
  const col = (t: number) => Math.min(width - 1, Math.max(0, Math.floor(((t - t0) / (t1 - t0)) * width)));
  // The value of each column: the last point in it, else the one before.
  const values = new Array<number>(width).fill(NaN);
  for (const p of points) values[col(p.time)] = p.value;
  for (let c = 1; c < width; c++) if (Number.isNaN(values[c]!)) values[c] = values[c - 1]!;
  if (hi === lo) {
    hi += 1;
    lo -= 1;
  }
  const row = (v: number) => Math.round(((hi - v) / (hi - lo)) * (height - 1));
  const grid = Array.from({ length: height }, () => new Array<string>(width).fill(" "));
  let prev = -1;
  for (let c = 0; c < width; c++) {
    const v = values[c]!;
    if (Number.isNaN(v)) continue;
    const r = row(v);
    if (prev >= 0) { for (let k = Math.min(prev, r) + 1; k < Math.max(prev, r); k++) grid[k]![c] = "│"; }
    grid[r]![c] = "•";
    prev = r;
  }
  for (const m of marks) {
    const cell = grid[row(m.value)]!;
    const c = col(m.time);
    cell[c] = cell[c] === "B" || cell[c] === "S" ? (cell[c] === m.ch ? m.ch : "*") : m.ch;
  }
  const labels = grid.map((_, r) => (r === 0 ? o.format(hi) : r === height - 1 ? o.format(lo) : ""));
  const pad = Math.max(...labels.map((l) => l.length));
  const lines = grid.map((cells, r) => `${labels[r]!.padStart(pad)} ┤${cells.join("").trimEnd()}`);
  lines.push(`${" ".repeat(pad)} └${"─".repeat(width)}`);
  const first = o.formatTime(t0);
  const last = o.formatTime(t1);
  const gap = Math.max(1, width - first.length - last.length);
  lines.push(`${" ".repeat(pad + 2)}${first}${" ".repeat(gap)}${last}`);
  return lines;
}
