export * from "./ini.ts";
export * from "./defaults.ts";
export * from "./settings.ts";
export * from "./config_file.ts";
export * from "./strategy_config.ts";
export * from "./log_path.ts";
export * from "./read_text.ts";
