import type { CommandContext, GlobalOptions } from "../cli/mod.ts";
import { EXIT } from "../cli/mod.ts";
import { journalPathFor, Trader } from "../engine/mod.ts";
import { MemorySink } from "../log/mod.ts";
import { runUi } from "../ui/mod.ts";

/** Opens the live market screen on the configured venue and pair; resolves with the exit code on quit. */
export async function startApp(
  ctx: CommandContext,
  _opts: GlobalOptions & { strategy?: string },
): Promise<number> {
  const settings = ctx.config.settings.pytrader;
  const panes = new MemorySink(2000);
  ctx.logger.addSink(panes);
  const exchange = ctx.exchange();
  const trader = new Trader(exchange, {
    symbol: ctx.pair,
    depth: exchange.bookDepth?.(settings.orderbook_depth) ?? settings.orderbook_depth,
    timeframe: settings.history_timeframe,
    log: ctx.logger.log("engine"),
    journalPath: journalPathFor(ctx.config.path),
    priceBandPct: Number(settings.price_band_pct),
  });
  ctx.log.info(`PyTrader starting on ${ctx.exchangeName}${ctx.paper ? " (paper trading)" : ""} ${ctx.pair}`);
  try {
    await runUi({
      trader,
      config: ctx.config,
      logs: panes,
      log: ctx.logger.log("ui"),
      start: () => trader.start(),
    });
  } finally {
    await trader.stop().catch(() => {});
    ctx.logger.removeSink(panes);
  }
  ctx.log.info("PyTrader stopped");
  return EXIT.ok;
}
