import type { CommandContext } from "../cli/mod.ts";
import { journalPathFor, Trader } from "../engine/mod.ts";

/** The Trader for the command's venue and pair, as the UI and `run` use it: journal beside the ini. */
export async function buildTrader(ctx: CommandContext): Promise<Trader> {
  const settings = ctx.config.settings.pytrader;
  const exchange = await ctx.exchange();
  return new Trader(exchange, {
    symbol: ctx.pair,
    depth: settings.orderbook_depth,
    timeframe: settings.history_timeframe,
    log: ctx.logger.log("engine"),
    journalPath: journalPathFor(ctx.config.path),
    priceBandPct: Number(settings.price_band_pct),
  });
}

/** "sim BTC/USD", "kraken (paper trading) BTC/USD". */
export function marketName(ctx: CommandContext): string {
  return `${ctx.exchangeName}${ctx.paper ? " (paper trading)" : ""} ${ctx.pair}`;
}
