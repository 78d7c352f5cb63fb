import { formatTicks } from "../../core/mod.ts";
import { findInstrument } from "../../engine/find_instrument.ts";
import type { CommandContext } from "../context.ts";
import { emit, type Output } from "../output.ts";
import { formatTable } from "../table.ts";

export interface CandlesOptions {
  /** Minutes. */
  readonly timeframe: number;
  readonly limit: number;
}

export async function candlesCommand(
  ctx: CommandContext,
  output: Output,
  opts: CandlesOptions,
): Promise<void> {
  const exchange = await ctx.exchange();
  const inst = await findInstrument(exchange, ctx.pair);
  const all = await exchange.candles(inst.symbol, { timeframe: opts.timeframe, limit: opts.limit });
  const candles = all.slice(-opts.limit);
  const p = (v: number) => formatTicks(v, inst.pricePrecision);
  const rows = candles.map((c) => ({
    time: new Date(c.time).toISOString(),
    open: p(c.open),
    high: p(c.high),
    low: p(c.low),
    close: p(c.close),
    volume: formatTicks(c.volume, inst.qtyPrecision),
    trades: c.trades,
  }));
  emit(output, ctx.json, {
    exchange: exchange.venue,
    pair: inst.symbol,
    timeframe: opts.timeframe,
    candles: rows,
  }, () =>
    formatTable(
      [
        { title: "time (UTC)" },
        { title: "open", align: "right" },
        { title: "high", align: "right" },
        { title: "low", align: "right" },
        { title: "close", align: "right" },
        { title: `volume (${inst.base})`, align: "right" },
        { title: "trades", align: "right" },
      ],
      rows.map((
        r,
      ) => [
        r.time.slice(0, 16).replace("T", " "),
        r.open,
        r.high,
        r.low,
        r.close,
        r.volume,
        String(r.trades),
      ]),
    ));
}
