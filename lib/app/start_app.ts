import type { CommandContext, GlobalOptions } from "../cli/mod.ts";
import { EXIT } from "../cli/mod.ts";
import { MemorySink } from "../log/mod.ts";
import {
  FileStateStore,
  iniConfig,
  stateFileFor,
  strategyFolders,
  StrategyHost,
  TraderPort,
} from "../strategy/mod.ts";
import { runUi, type UiApp } from "../ui/mod.ts";
import { buildTrader, marketName } from "./build_trader.ts";

/** Opens the live market screen on the configured venue and pair; resolves with the exit code on quit. */
export async function startApp(
  ctx: CommandContext,
  opts: GlobalOptions & { strategy?: string },
): Promise<number> {
  const panes = new MemorySink(2000);
  ctx.logger.addSink(panes);
  const trader = await buildTrader(ctx);
  const host = new StrategyHost({
    port: new TraderPort(trader),
    log: ctx.logger.log("strategies"),
    strategyLog: ctx.logger.log("strategy"),
    config: iniConfig(ctx.config),
    store: new FileStateStore(stateFileFor(ctx.config.path)),
    folders: strategyFolders(ctx.config.path),
  });
  let app: UiApp | undefined;
  ctx.log.info(`PyTrader starting on ${marketName(ctx)}`);
  try {
    await runUi({
      trader,
      config: ctx.config,
      logs: panes,
      log: ctx.logger.log("ui"),
      strategies: host,
      onApp: (a) => (app = a),
      start: async () => {
        await trader.start();
        if (opts.strategy) {
          host.load(opts.strategy).then(
            () => app?.refresh(),
            (e) => ctx.log.error(`Cannot load strategies: ${(e as Error).message}`),
          );
        }
      },
    });
  } finally {
    await host.close().catch(() => {});
    await trader.stop().catch(() => {});
    ctx.logger.removeSink(panes);
  }
  ctx.log.info("PyTrader stopped");
  return EXIT.ok;
}
