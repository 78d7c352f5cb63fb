import { type ReplayDecoder, UsageError } from "../../core/mod.ts";
import { div, formatDecimal, parseDecimal } from "../../core/decimal.ts";
import { type PaperFactory, reportText, runBacktest } from "../../backtest/mod.ts";
import type { CommandContext } from "../context.ts";
import { emit, type Output } from "../output.ts";
import { stderrProgress } from "../progress.ts";

export interface BacktestCommandOptions {
  readonly file: string;
  /** `--strategy`. */
  readonly strategy?: string;
  /** `--pair`: the recording's pair to trade (default its first book). */
  readonly pair?: string;
  /** `--balances BTC=1,USD=60000` (default `[paper] balances`). */
  readonly balances?: string;
  /** `--fee-bps N` for maker and taker (default `[paper] maker_fee` and `taker_fee`). */
  readonly feeBps?: string;
  readonly latencyMs?: number;
}

/** What the composition root hands the command: the venues' decoders and paper. */
export interface BacktestDeps {
  readonly decoders?: () => Promise<ReadonlyMap<string, ReplayDecoder>>;
  readonly paper?: PaperFactory;
}

/** Longest order latency: it must stay well inside the order engine's 15 s wait for an answer. */
export const MAX_LATENCY_MS = 10_000;

/**
 * `pytrader backtest FILE --strategy LIST`: the strategies against a recording (lib/backtest), with paper's
 * fills, its report as a table and charts or one JSON object.
 */
export async function backtestCommand(
  ctx: CommandContext,
  output: Output,
  opts: BacktestCommandOptions,
  deps: BacktestDeps,
): Promise<void> {
  if (typeof opts.strategy !== "string" || opts.strategy.trim() === "") {
    throw new UsageError(
      "Cannot backtest: --strategy is required, e.g. pytrader backtest rec.ndjson --strategy balancer",
    );
  }
  if (!deps.paper || !deps.decoders) throw new TypeError("backtestCommand: no paper or decoders given");
  let size: number;
  try {
    const stat = await Deno.stat(opts.file);
    if (!stat.isFile) throw new UsageError(`Cannot backtest "${opts.file}": not a file`);
    size = stat.size;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new UsageError(`Cannot backtest "${opts.file}": no such file`);
    }
    throw e;
  }
  const paper = ctx.config.settings.sections.paper as
    | { balances: Readonly<Record<string, string>>; maker_fee: string; taker_fee: string }
    | undefined;
  if (!paper) throw new TypeError("backtestCommand: the config schema has no [paper] section");
  const balances = opts.balances === undefined ? paper.balances : parseBalances(opts.balances);
  const fee = opts.feeBps === undefined ? null : bpsToPercent(opts.feeBps);
  const known = await deps.decoders();
  const settings = ctx.config.settings.pytrader;
  const progress = stderrProgress(size, ctx.json);
  let report;
  try {
    report = await runBacktest({
      file: opts.file,
      decoderFor: (venue) => known.get(venue),
      paper: deps.paper,
      strategies: opts.strategy,
      pair: opts.pair,
      balances,
      makerFee: fee ?? paper.maker_fee,
      takerFee: fee ?? paper.taker_fee,
      latencyMs: opts.latencyMs ?? 0,
      timeframe: settings.history_timeframe,
      depth: settings.orderbook_depth,
      priceBandPct: Number(settings.price_band_pct),
      logger: ctx.logger,
      ini: ctx.config,
      onProgress: (read) => progress?.update(read),
    });
  } finally {
    progress?.done();
  }
  const { ok: _, ...value } = report;
  ctx.log.info(
    `Backtested ${opts.file} with ${
      report.strategies.join(", ")
    }: PnL ${report.pnl}, ${report.fills.length} fills`,
  );
  const width = Deno.stdout.isTerminal() ? Deno.consoleSize().columns : 80;
  emit(output, ctx.json, value, () => reportText(report, Math.min(120, width)));
}

/** "BTC=1,USD=60000" (or "BTC:1 USD:60000", as in [paper] balances) as balances by asset. */
export function parseBalances(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const parts = text.split(/[\s,]+/).filter((p) => p !== "");
  for (const part of parts) {
    const m = /^([A-Za-z0-9]{1,16})[=:](\d+(?:\.\d+)?)$/.exec(part);
    if (!m) {
      throw new UsageError(
        `Cannot use --balances ${text}: "${part}" is not ASSET=AMOUNT (e.g. --balances BTC=1,USD=60000)`,
      );
    }
    out[m[1]!.toUpperCase()] = m[2]!;
  }
  if (parts.length === 0) throw new UsageError("Cannot use --balances: no ASSET=AMOUNT given");
  return out;
}

/** Basis points as percent text: "10" -> "0.1", "2.5" -> "0.025". */
export function bpsToPercent(text: string): string {
  const t = text.trim();
  if (!/^\d+(\.\d+)?$/.test(t)) {
    throw new UsageError(`Cannot use --fee-bps ${text}: expected basis points like 10 (0.10 %)`);
  }
  const bps = parseDecimal(t);
  if (bps.units > 1000n * 10n ** BigInt(bps.scale)) {
    throw new UsageError(`Cannot use --fee-bps ${text}: at most 1000 (10 %)`);
  }
  return formatDecimal(div(bps, parseDecimal("100"), bps.scale + 2));
}
