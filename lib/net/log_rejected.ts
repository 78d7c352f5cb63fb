import type { Log } from "../core/log.ts";
import type { FrameCounts } from "../core/frame_counts.ts";

/** Rejected frames are logged one by one up to this many, then once per thousand. */
const LOG_REJECTS = 10;

/**
 * Logs a frame the venue's decoder rejected (after it counted it in `stats`): the first ten one by one, then
 * every thousandth, so that a stream of garbage cannot flood the log. `title` starts the venue's log lines.
 */
export function logRejected(
  log: Log,
  title: string,
  stats: FrameCounts,
  reason: string,
  detail: string,
): void {
  const n = stats.malformed + stats.unknownChannel + stats.unknownSymbol;
  if (n <= LOG_REJECTS || n % 1000 === 0) log.warn(`Ignored ${title} frame #${n} (${reason}): ${detail}`);
}
