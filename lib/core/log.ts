/**
 * What a part that logs is handed: lib/log implements it (with redaction of registered secrets), adapters
 * and the engine only write to it.
 */
export interface Log {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** A log for a sub-part: "engine" -> "engine.book". */
  child(source: string): Log;
}
