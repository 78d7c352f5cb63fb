export * from "./program.ts";
export * from "./context.ts";
export * from "./exit_codes.ts";
export * from "./output.ts";
