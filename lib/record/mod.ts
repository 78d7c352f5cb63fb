export * from "./ndjson_lines.ts";
export * from "./recorder.ts";
export * from "./record_line.ts";
export * from "./replay_decoder.ts";
export * from "./book_checker.ts";
export * from "./replay.ts";
export * from "./recording_decoder.ts";
