import { chart, type Mark, type Point } from "./chart.ts";
import type { BacktestReport, OrderCounts } from "./report.ts";

/** Most fills listed in the text (all are in --json). */
const LISTED_FILLS = 20;

/** The report for people: the run, start and end, PnL and risk, per strategy, the charts, the last fills. */
export function reportText(r: BacktestReport, width = 80): string {
  const [base, quote] = r.pair.split("/") as [string, string];
  const from = Date.parse(r.from);
  const to = Date.parse(r.to);
  const out: string[] = [];
  out.push(
    `Backtest of ${r.file}: ${r.exchange} ${r.pair}, ${stamp(from)} to ${stamp(to)} UTC (${
      duration(to - from)
    }), ${r.replay.frames} frames`,
    `strategies ${r.strategies.join(", ")}; fees ${r.feeRates.maker} % maker, ${r.feeRates.taker} % taker; ` +
      `latency ${r.latencyMs} ms`,
  );
  if (r.replay.malformed > 0 || r.replay.resyncs > 0) {
    out.push(`${r.replay.malformed} malformed frames, ${r.replay.resyncs} resyncs of the book`);
  }
  out.push("");
  const assets = [
    ...new Set([base, quote, ...Object.keys(r.start.balances), ...Object.keys(r.end.balances)]),
  ];
  out.push(
    ...table([
      ["", "start", "end"],
      ["mid", r.start.mid, r.end.mid],
      ...assets.map((a) => [a, r.start.balances[a] ?? "0", r.end.balances[a] ?? "0"]),
      [`value (${quote})`, r.start.value, r.end.value],
    ], [false, true, true]),
  );
  out.push("");
  out.push(
    `PnL ${r.pnl} ${quote} (${r.pnlPct} %); the start balances left alone: ${r.holdPnl} ${quote}`,
    `max drawdown ${r.maxDrawdown.value} ${quote} (${r.maxDrawdown.pct} %)${
      r.maxDrawdown.from
        ? `, ${clock(Date.parse(r.maxDrawdown.from))} to ${clock(Date.parse(r.maxDrawdown.to!))}`
        : ""
    }`,
    `exposure (${base} share of the value): average ${r.exposure.average} %, max ${r.exposure.max} %, ` +
      `end ${r.exposure.end} %`,
    `orders: ${orders(r.orders)}; ${r.fills.length} fills, fees ${r.fees} ${quote}`,
    "",
  );
  const names = Object.keys(r.perStrategy);
  if (names.length > 0) {
    out.push(
      ...table([
        ["strategy", "orders", "filled", "fills", "bought", "sold", "fees", "PnL"],
        ...names.map((n) => {
          const s = r.perStrategy[n]!;
          return [
            n,
            String(s.orders.placed),
            String(s.orders.filled),
            String(s.fills),
            s.bought,
            s.sold,
            s.fees,
            s.pnl,
          ];
        }),
      ], [false, true, true, true, true, true, true, true]),
      "(PnL at the fills' prices, net volume valued at the end mid)",
      "",
    );
  }
  const plotWidth = Math.max(20, width - 14);
  const curve = r.curve.map((c) => ({
    time: Date.parse(c.time),
    mid: Number(c.mid),
    value: Number(c.value),
  }));
  if (curve.length > 0) {
    const decimals = (r.curve[0]!.mid.split(".")[1] ?? "").length;
    const money = (r.start.value.split(".")[1] ?? "").length;
    const opts = (d: number) => ({
      width: plotWidth,
      height: 10,
      format: (v: number) => v.toFixed(d),
      formatTime: clock,
    });
    const marks: Mark[] = r.fills.map((f) => ({
      time: Date.parse(f.time),
      value: Number(f.price),
      ch: f.side === "buy" ? "B" : "S",
    }));
    out.push(`price (mid, ${quote}) and fills: B buy, S sell`);
    out.push(...chart(curve.map((c): Point => ({ time: c.time, value: c.mid })), marks, opts(decimals)), "");
    out.push(`value (${quote}) at the mid`);
    out.push(...chart(curve.map((c): Point => ({ time: c.time, value: c.value })), [], opts(money)), "");
  }
  if (r.fills.length > 0) {
    const shown = r.fills.slice(-LISTED_FILLS);
    out.push(
      r.fills.length > shown.length
        ? `the last ${shown.length} of ${r.fills.length} fills (all in --json)`
        : "fills",
    );
    out.push(
      ...table([
        ["time", "strategy", "side", "price", "volume", "fee", ""],
        ...shown.map((
          f,
        ) => [
          f.time.replace("T", " ").replace("Z", ""),
          f.strategy,
          f.side,
          f.price,
          f.volume,
          f.fee,
          f.liquidity,
        ]),
      ], [false, false, false, true, true, true, false]),
    );
  }
  return out.join("\n").trimEnd();
}

function orders(o: OrderCounts): string {
  return `${o.placed} placed, ${o.filled} filled, ${o.canceled} canceled, ${o.open} open, ${o.rejected} rejected by ` +
    `the venue, ${o.denied} denied by the local checks`;
}

/** Rows as columns, padded; `right` aligns numbers. */
function table(rows: readonly (readonly string[])[], right: readonly boolean[]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length)));
  return rows.map((r) =>
    r.map((cell, c) => (right[c] ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join("  ").trimEnd()
  );
}

function stamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace("T", " ");
}

function clock(ms: number): string {
  return new Date(ms).toISOString().slice(11, 19);
}

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  const h = Math.floor(m / 60);
  return h < 48 ? `${h} h ${m % 60} min` : `${Math.floor(h / 24)} days ${h % 24} h`;
}
