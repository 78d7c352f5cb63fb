/**
 * `pytrader run --strategy=...`: strategies without the UI, for servers. Logs go to stdout and the log file;
 * SIGINT or SIGTERM unloads the strategies (their state saved) and stops; SIGHUP reloads them like `l`.
 */

import type { CommandContext } from "../cli/mod.ts";
import { buildTrader, marketName } from "./build_trader.ts";
import type { LoadedConfig } from "../config/mod.ts";
import { formatRecord, type Logger, type LogRecord, type LogSink } from "../log/mod.ts";
import {
  FileStateStore,
  iniConfig,
  MemoryStateStore,
  stateFileFor,
  type StateStore,
  strategyFolders,
  StrategyHost,
  TraderPort,
  type TraderSource,
  type WorkerLimits,
} from "../strategy/mod.ts";
import { writeAllSync } from "../core/write_all.ts";

export interface HeadlessTrader extends TraderSource {
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface HeadlessOptions {
  /** Not started yet: the run starts and stops it. */
  readonly trader: HeadlessTrader;
  /** The `--strategy` list: "balancer,buy" or names. */
  readonly strategies: string | readonly string[];
  /** The app's logger (its file sink attached); stdout is added for the run. */
  readonly log: Logger;
  /** Ends the run like SIGTERM (tests, embedding). */
  readonly signal?: AbortSignal;
  /** For `[strategy.<name>]` sections and the state file beside the ini. */
  readonly config?: LoadedConfig;
  /** Default: `<ini>.strategies.json` beside the config, or memory without a config. */
  readonly store?: StateStore;
  /** Where names are looked up after the working directory; default: the ini's folder. */
  readonly folders?: readonly string[];
  readonly cwd?: string;
  /** Default: the process's stdout. */
  readonly stdout?: { writeSync(bytes: Uint8Array): number };
  /** Default: SIGINT and SIGTERM stop, SIGHUP reloads. Off for tests that run in parallel. */
  readonly signals?: boolean;
  readonly limits?: Partial<WorkerLimits>;
}

/** Runs until stopped; resolves with the exit code (0 stopped cleanly, 1 nothing could run). */
export async function runHeadless(o: HeadlessOptions): Promise<number> {
  const sink = new StdoutSink(o.stdout ?? Deno.stdout);
  o.log.addSink(sink);
  const log = o.log.log("pytrader");
  const stop = new AbortController();
  const listeners: Array<[Deno.Signal, () => void]> = [];
  let host: StrategyHost | null = null;
  const onStop = () => stop.abort();
  o.signal?.addEventListener("abort", onStop);
  if (o.signal?.aborted) stop.abort();
  if (o.signals ?? true) {
    listeners.push(["SIGINT", onStop], ["SIGTERM", onStop], [
      "SIGHUP",
      () =>
        void host?.reloadStrategies().catch((e) =>
          log.warn(`Cannot reload strategies: ${(e as Error).message}`)
        ),
    ]);
    for (const [sig, fn] of listeners) Deno.addSignalListener(sig, fn);
  }
  try {
    try {
      await o.trader.start();
    } catch (e) {
      log.error(`Cannot start: ${(e as Error).message}`);
      return 1;
    }
    host = new StrategyHost({
      port: new TraderPort(o.trader),
      log: o.log.log("strategies"),
      strategyLog: o.log.log("strategy"),
      config: o.config ? iniConfig(o.config) : null,
      store: o.store ?? (o.config ? new FileStateStore(stateFileFor(o.config.path)) : new MemoryStateStore()),
      folders: o.folders ?? (o.config ? strategyFolders(o.config.path) : []),
      cwd: o.cwd,
      limits: o.limits,
    });
    const loading = host.load(o.strategies);
    const report = await Promise.race([loading, aborted(stop.signal)]);
    if (report !== null && report.loaded.length === 0) {
      log.error("No strategy could be loaded; stopping");
      return 1;
    }
    if (report !== null) {
      log.info(`Running ${report.loaded.join(", ")}; Ctrl-C or SIGTERM stops, SIGHUP reloads`);
    }
    await aborted(stop.signal);
    log.info("Stopping: unloading strategies");
    return 0;
  } finally {
    for (const [sig, fn] of listeners) Deno.removeSignalListener(sig, fn);
    o.signal?.removeEventListener("abort", onStop);
    await host?.close().catch((e) => log.warn(`Cannot unload strategies: ${(e as Error).message}`));
    await o.trader.stop().catch((e) => log.warn(`Cannot stop cleanly: ${(e as Error).message}`));
    log.info("Stopped");
    o.log.removeSink(sink);
  }
}

/** `pytrader run --strategy=...` on the command's venue and pair, built like the UI's trader. */
export async function headlessCommand(ctx: CommandContext, opts: { strategy: string }): Promise<number> {
  const trader = await buildTrader(ctx);
  ctx.log.info(`PyTrader running ${opts.strategy} on ${marketName(ctx)}`);
  return await runHeadless({ trader, strategies: opts.strategy, log: ctx.logger, config: ctx.config });
}

function aborted(signal: AbortSignal): Promise<null> {
  if (signal.aborted) return Promise.resolve(null);
  return new Promise((resolve) => signal.addEventListener("abort", () => resolve(null), { once: true }));
}

/** Formatted lines on stdout, as the log file has them. */
class StdoutSink implements LogSink {
  #out: { writeSync(bytes: Uint8Array): number };
  #encoder = new TextEncoder();
  constructor(out: { writeSync(bytes: Uint8Array): number }) {
    this.#out = out;
  }
  write(record: LogRecord): void {
    writeAllSync(this.#out, this.#encoder.encode(formatRecord(record) + "\n"));
  }
}
