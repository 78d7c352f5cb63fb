import { formatRecord, type LogLevel, type LogRecord, type LogSink } from "./logger.ts";
import { writeAllSync } from "../core/write_all.ts";

const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** Appends formatted lines to a file (truncated at open unless `append`), mode 0600. */
export class FileSink implements LogSink {
  #file: Deno.FsFile;
  #encoder = new TextEncoder();
  #min: number;

  constructor(path: string, options: { append?: boolean; level?: LogLevel } = {}) {
    this.#file = Deno.openSync(path, {
      write: true,
      create: true,
      append: options.append ?? false,
      truncate: !(options.append ?? false),
      mode: 0o600,
    });
    this.#min = ORDER[options.level ?? "debug"];
  }

  write(record: LogRecord): void {
    if (ORDER[record.level] < this.#min) return;
    writeAllSync(this.#file, this.#encoder.encode(formatRecord(record) + "\n"));
  }

  close(): void {
    this.#file.close();
  }
}

/** Keeps the last `capacity` records in memory (UI log panes), and tells listeners about new ones. */
export class MemorySink implements LogSink {
  #records: LogRecord[] = [];
  #listeners = new Set<(r: LogRecord) => void>();

  constructor(readonly capacity = 1000) {}

  write(record: LogRecord): void {
    this.#records.push(record);
    if (this.#records.length > this.capacity * 2) this.#records = this.#records.slice(-this.capacity);
    for (const fn of this.#listeners) fn(record);
  }

  records(): readonly LogRecord[] {
    return this.#records.length > this.capacity ? this.#records.slice(-this.capacity) : this.#records;
  }

  lines(): string[] {
    return this.records().map(formatRecord);
  }

  onLine(fn: (r: LogRecord) => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }
}

/** Writes formatted lines to stderr, from `level` up (headless runs, diagnostics). */
export class StderrSink implements LogSink {
  #encoder = new TextEncoder();
  #min: number;
  constructor(level: LogLevel = "info") {
    this.#min = ORDER[level];
  }
  write(record: LogRecord): void {
    if (ORDER[record.level] < this.#min) return;
    Deno.stderr.writeSync(this.#encoder.encode(formatRecord(record) + "\n"));
  }
}
