import { type ReplayDecoder, UsageError } from "../../core/mod.ts";
import { replayFile } from "../../record/mod.ts";
import type { CommandContext } from "../context.ts";
import { emit, type Output, plural } from "../output.ts";

export interface ReplayCommandOptions {
  /** The NDJSON recording. */
  readonly file: string;
  /** The pair whose top of book is reported (default: the first book in the file). */
  readonly pair?: string;
}

/**
 * `pytrader replay FILE`: the recording's frames through the venue's own parse path, an order book and the
 * venue checksum, with no network. `decoders` come from the composition root (exchanges/mod.ts).
 * Checksum failures are counted, not fatal.
 */
export async function replayCommand(
  ctx: CommandContext,
  output: Output,
  opts: ReplayCommandOptions,
  decoders: (() => Promise<ReadonlyMap<string, ReplayDecoder>>) | undefined,
): Promise<void> {
  try {
    const stat = await Deno.stat(opts.file);
    if (!stat.isFile) throw new UsageError(`Cannot replay "${opts.file}": not a file`);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) throw new UsageError(`Cannot replay "${opts.file}": no such file`);
    throw e;
  }
  const known = await decoders?.() ?? new Map<string, ReplayDecoder>();
  const { ok: _, ...report } = await replayFile(opts.file, (venue) => known.get(venue), {
    symbol: opts.pair,
  });
  ctx.log.info(`Replayed ${opts.file}: ${JSON.stringify(report)}`);
  emit(output, ctx.json, report, () =>
    [
      `${plural(report.frames, "frame")}, ${plural(report.events, "event")}, ${report.malformed} malformed`,
      `checksums: ${report.checksum.passed} passed, ${report.checksum.failed} failed; ${
        plural(report.resyncs, "resync")
      }`,
      `best bid ${report.best.bid ?? "-"}, best ask ${report.best.ask ?? "-"}`,
      `${report.elapsedMs} ms`,
    ].join("\n"));
}
