import { formatTicks } from "../../core/mod.ts";
import { findInstrument } from "../../engine/find_instrument.ts";
import { NotSupported } from "../command_errors.ts";
import type { CommandContext } from "../context.ts";
import { emit, type Output } from "../output.ts";
import { formatTable } from "../table.ts";

export interface TradesOptions {
  readonly limit: number;
}

/** `pytrader trades`: the newest public trades of the pair, oldest first. */
export async function tradesCommand(ctx: CommandContext, output: Output, opts: TradesOptions): Promise<void> {
  const exchange = await ctx.exchange();
  const inst = await findInstrument(exchange, ctx.pair);
  if (!exchange.trades) {
    throw new NotSupported(
      `Cannot list trades of "${inst.symbol}" on ${exchange.venue}: not available on ${exchange.venue}`,
    );
  }
  const all = await exchange.trades(inst.symbol, opts.limit);
  const trades = all.slice(-opts.limit).map((t) => ({
    id: t.id ?? null,
    time: new Date(t.time).toISOString(),
    side: t.side,
    price: formatTicks(t.price, inst.pricePrecision),
    volume: formatTicks(t.qty, inst.qtyPrecision),
  }));
  emit(output, ctx.json, { exchange: exchange.venue, pair: inst.symbol, trades }, () =>
    formatTable(
      [
        { title: "time (UTC)" },
        { title: "side" },
        { title: `price (${inst.quote})`, align: "right" },
        { title: `volume (${inst.base})`, align: "right" },
        { title: "id" },
      ],
      trades.map((t) => [t.time.slice(0, 23).replace("T", " "), t.side, t.price, t.volume, t.id ?? ""]),
    ));
}
