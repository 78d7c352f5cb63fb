import { Logger, type LogRecord, MemorySink } from "../../../lib/log/mod.ts";

/** The app's logger for a test: every record of every part kept in memory and listed as it comes. */
export function appLogs(): {
  readonly sink: MemorySink;
  readonly logger: Logger;
  readonly records: LogRecord[];
} {
  const sink = new MemorySink(100_000);
  const records: LogRecord[] = [];
  sink.onLine((r) => records.push(r));
  return { sink, logger: new Logger([sink]), records };
}
