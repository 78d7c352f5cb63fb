import {
  type Exchange,
  type ReplayDecoder,
  UsageError,
  type VenueAccess,
  type VenueDescriptor,
  venueList,
  venueNamed,
} from "../core/mod.ts";
import {
  type ConfigSchema,
  loadConfig,
  type LoadedConfig,
  logFilePath,
  type Settings,
} from "../config/mod.ts";
import { FileSink, type Log, Logger } from "../log/mod.ts";
import type { Credentials, PromptIo } from "../secrets/mod.ts";
import type { PaperFactory } from "../backtest/mod.ts";

/** Options every command takes. */
export interface GlobalOptions {
  readonly config: string;
  readonly exchange?: string;
  readonly pair?: string;
  readonly json?: boolean;
  readonly passphraseFile?: string;
  readonly password?: string;
  readonly paper?: boolean;
}

/** What the composition root (main.ts) hands the command line: the venues it knows. */
export interface CliDeps {
  /** Every venue (exchanges/mod.ts VENUES): names, titles, whether keys apply, key help. */
  readonly venues: readonly VenueDescriptor[];
  /** What the ini is read against: `[pytrader]` plus every section the venues (and paper) own. */
  readonly schema: ConfigSchema;
  /** Builds the venue's adapter (exchanges/mod.ts createExchange), wrapped for paper trading if asked. */
  createExchange(name: string, settings: Settings, log: Log, access: VenueAccess): Promise<Exchange>;
  /** Every venue's own parse path for `replay`, by venue name (exchanges/mod.ts replayDecoders). */
  replayDecoders?(): Promise<ReadonlyMap<string, ReplayDecoder>>;
  /** Paper over a venue with balances, fees and clock of its own, for `backtest` (exchanges/mod.ts paperOver). */
  readonly paper?: PaperFactory;
  /** Terminal prompts (passphrase, --add-secret); tests pass a scripted one. */
  promptIo(): PromptIo;
  /** `pytrader run`: strategies without the UI; resolves with the exit code. */
  startHeadless?(ctx: CommandContext, opts: { strategy: string }): Promise<number>;
}

export interface CommandContext {
  readonly config: LoadedConfig;
  readonly exchangeName: string;
  readonly pair: string;
  readonly logger: Logger;
  readonly log: Log;
  readonly json: boolean;
  readonly paper: boolean;
  readonly io: PromptIo;
  /** The venue the command talks to. */
  readonly venue: VenueDescriptor;
  /**
   * Decrypts the venue's stored key (asking for the passphrase when needed) so that exchange() can trade;
   * null when none is stored or the user chose view-only. Call before exchange().
   */
  unlock(): Promise<Credentials | null>;
  /** Created on first use (its modules loaded then), closed by close(). */
  exchange(): Promise<Exchange>;
  close(): Promise<void>;
}

/** The venue with the stored key unlocked (asked for on a terminal only); the venue's account is not touched. */
export async function unlockedExchange(ctx: CommandContext): Promise<Exchange> {
  await ctx.unlock();
  return await ctx.exchange();
}

/** The ini path without `.ini`: the stem of the files PyTrader keeps beside it. */
export function statePrefix(configPath: string): string {
  return configPath.replace(/\.ini$/i, "");
}

export async function openContext(
  opts: GlobalOptions,
  deps: CliDeps,
  truncateLog = false,
): Promise<CommandContext> {
  const config = await loadConfig(opts.config, deps.schema);
  const logger = new Logger();
  const sink = new FileSink(logFilePath(config.path, config.settings.pytrader.log_file), {
    append: !truncateLog || config.settings.pytrader.dont_truncate_logfile,
  });
  logger.addSink(sink);
  const exchangeName = (opts.exchange ?? config.settings.pytrader.exchange).toLowerCase();
  const venue = venueNamed(deps.venues, exchangeName);
  if (!venue) {
    sink.close();
    throw new UsageError(
      `Cannot use exchange "${exchangeName}": the exchanges are ${venueList(deps.venues)}`,
    );
  }
  const pair = opts.pair ?? config.settings.pytrader.pair;
  const io = deps.promptIo();
  let credentials: Credentials | null = null;
  let exchange: Promise<Exchange> | null = null;
  return {
    config,
    exchangeName,
    pair,
    logger,
    log: logger.log("cli"),
    json: opts.json ?? false,
    paper: opts.paper ?? false,
    io,
    venue,
    async unlock() {
      if (exchange) throw new TypeError("unlock() called after the exchange was created");
      // Loaded here: key derivation and decryption (node:crypto) only for commands that use a key.
      const { unlockSecrets } = await import("./unlock.ts");
      credentials = await unlockSecrets({
        venue: exchangeName,
        config,
        logger,
        io,
        passphraseFile: opts.passphraseFile,
        password: opts.password,
      });
      return credentials;
    },
    exchange() {
      exchange ??= deps.createExchange(exchangeName, config.settings, logger.log(exchangeName), {
        credentials,
        statePrefix: statePrefix(config.path),
        paper: opts.paper ?? false,
      });
      return exchange;
    },
    async close() {
      try {
        await (await exchange?.catch(() => null))?.close();
      } finally {
        sink.close();
      }
    },
  };
}
