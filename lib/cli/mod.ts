// program.ts (commander) is not exported: runCli loads it only for help and errors.
export * from "./run_cli.ts";
export type { CommandEnv, UiStarter } from "./command_spec.ts";
export * from "./context.ts";
export * from "./exit_codes.ts";
export * from "./output.ts";
