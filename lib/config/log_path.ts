import { dirname, isAbsolute, join } from "./paths.ts";

/**
 * The log file for a config: `log_file` when set (relative to the ini's directory), else the config path
 * without `.ini` plus `.log` ("pytrader.ini" -> "pytrader.log", "bot.conf" -> "bot.conf.log").
 */
export function logFilePath(configPath: string, logFile: string): string {
  if (logFile === "") return configPath.replace(/\.ini$/i, "") + ".log";
  return isAbsolute(logFile) ? logFile : join(dirname(configPath), logFile);
}
