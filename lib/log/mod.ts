export * from "./logger.ts";
export * from "./sinks.ts";
