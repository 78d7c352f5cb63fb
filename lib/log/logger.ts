/**
 * Structured logging with redaction by construction: every line passes through the logger's redactor,
 * which replaces every registered secret (and its URL-encoded form) before any sink sees it.
 */

import type { Log } from "../core/log.ts";

export type { Log } from "../core/log.ts";

export type LogLevel = "debug" | "info" | "warn" | "error";

export interface LogRecord {
  readonly time: number;
  readonly level: LogLevel;
  readonly source: string;
  readonly message: string;
}

export interface LogSink {
  write(record: LogRecord): void;
}

const REDACTED = "[redacted]";

export class Logger {
  #sinks: LogSink[];
  #secrets: string[] = [];
  #now: () => number;

  constructor(sinks: LogSink[] = [], now: () => number = Date.now) {
    this.#sinks = sinks;
    this.#now = now;
  }

  addSink(sink: LogSink): void {
    this.#sinks.push(sink);
  }

  removeSink(sink: LogSink): void {
    this.#sinks = this.#sinks.filter((s) => s !== sink);
  }

  /** Registers a value that must never be written; short values are refused as too easy to collide. */
  addSecret(value: string): void {
    if (value.length < 4) throw new RangeError("Cannot register secret: shorter than 4 characters");
    for (const v of [value, encodeURIComponent(value)]) if (!this.#secrets.includes(v)) this.#secrets.push(v);
    this.#secrets.sort((a, b) => b.length - a.length);
  }

  redact(text: string): string {
    let out = text;
    for (const s of this.#secrets) if (out.includes(s)) out = out.split(s).join(REDACTED);
    return out;
  }

  write(level: LogLevel, source: string, message: string): void {
    const record: LogRecord = { time: this.#now(), level, source, message: this.redact(message) };
    for (const sink of this.#sinks) sink.write(record);
  }

  log(source: string): Log {
    const write = (level: LogLevel) => (message: string) => this.write(level, source, message);
    return {
      debug: write("debug"),
      info: write("info"),
      warn: write("warn"),
      error: write("error"),
      child: (sub: string) => this.log(`${source}.${sub}`),
    };
  }
}

/** `2026-11-23T21:30:00.123Z INFO  engine: message` */
export function formatRecord(r: LogRecord): string {
  return `${new Date(r.time).toISOString()} ${r.level.toUpperCase().padEnd(5)} ${r.source}: ${r.message}`;
}

/** A Log that drops everything, for tests and one-shot commands without a log file. */
export const nullLog: Log = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child: () => nullLog,
};
