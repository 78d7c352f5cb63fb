import { formatTicks } from "../../core/mod.ts";
import { findInstrument } from "../../engine/find_instrument.ts";
import type { CommandContext } from "../context.ts";
import { emit, type Output } from "../output.ts";
import { formatTable } from "../table.ts";

export async function tickerCommand(ctx: CommandContext, output: Output): Promise<void> {
  const exchange = await ctx.exchange();
  const inst = await findInstrument(exchange, ctx.pair);
  const t = await exchange.ticker(inst.symbol);
  const p = (v: number) => formatTicks(v, inst.pricePrecision);
  const value = {
    exchange: exchange.venue,
    pair: inst.symbol,
    bid: p(t.bid),
    ask: p(t.ask),
    spread: p(t.ask - t.bid),
    last: p(t.last),
    volume: formatTicks(t.volume, inst.qtyPrecision),
    time: new Date(t.time).toISOString(),
  };
  emit(output, ctx.json, value, () =>
    formatTable(
      [
        { title: "pair" },
        { title: "bid", align: "right" },
        { title: "ask", align: "right" },
        { title: "spread", align: "right" },
        { title: "last", align: "right" },
        { title: `volume 24h (${inst.base})`, align: "right" },
        { title: "time" },
      ],
      [[value.pair, value.bid, value.ask, value.spread, value.last, value.volume, value.time]],
    ));
}
