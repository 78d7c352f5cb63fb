import type { Exchange } from "../core/mod.ts";
import type { ReplayDecoder } from "../record/mod.ts";
import { loadConfig, type LoadedConfig, logFilePath, type Settings } from "../config/mod.ts";
import { FileSink, type Log, Logger } from "../log/mod.ts";

/** Options every command takes. */
export interface GlobalOptions {
  readonly config: string;
  readonly exchange?: string;
  readonly pair?: string;
  readonly json?: boolean;
}

/** What the composition root (main.ts) hands the command line: the venues it knows. */
export interface CliDeps {
  createExchange(name: string, settings: Settings, log: Log): Exchange;
  readonly exchangeNames: readonly string[];
  /** The venue's own parse path for `replay` (exchanges/mod.ts createReplayDecoder). */
  replayDecoder?(venue: string): ReplayDecoder | undefined;
}

export interface CommandContext {
  readonly config: LoadedConfig;
  readonly exchangeName: string;
  readonly pair: string;
  readonly logger: Logger;
  readonly log: Log;
  readonly json: boolean;
  /** Created on first use, closed by close(). */
  exchange(): Exchange;
  close(): Promise<void>;
}

export async function openContext(
  opts: GlobalOptions,
  deps: CliDeps,
  truncateLog = false,
): Promise<CommandContext> {
  const config = await loadConfig(opts.config);
  const logger = new Logger();
  const sink = new FileSink(logFilePath(config.path, config.settings.pytrader.log_file), {
    append: !truncateLog || config.settings.pytrader.dont_truncate_logfile,
  });
  logger.addSink(sink);
  const exchangeName = (opts.exchange ?? config.settings.pytrader.exchange).toLowerCase();
  const pair = opts.pair ?? config.settings.pytrader.pair;
  let exchange: Exchange | null = null;
  return {
    config,
    exchangeName,
    pair,
    logger,
    log: logger.log("cli"),
    json: opts.json ?? false,
    exchange() {
      exchange ??= deps.createExchange(exchangeName, config.settings, logger.log(exchangeName));
      return exchange;
    },
    async close() {
      try {
        await exchange?.close();
      } finally {
        sink.close();
      }
    },
  };
}
