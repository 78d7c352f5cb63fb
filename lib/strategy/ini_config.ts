/** `[strategy.<name>]` in pytrader.ini: declared defaults are written on first load, the section is read back. */

import { ensureSection, type LoadedConfig } from "../config/config_file.ts";
import { strategySection, strategySectionName } from "../config/strategy_config.ts";
import type { ConfigSource } from "./port.ts";

export function iniConfig(config: LoadedConfig): ConfigSource {
  let current = config;
  return {
    async section(name, defaults) {
      current = await ensureSection(current, strategySectionName(name), defaults);
      return strategySection(current.doc, name);
    },
  };
}

/**
 * The same sections, read only: a backtest leaves pytrader.ini as it is (a strategy without a section
 * runs on its declared defaults, as it would after its first live load).
 */
export function readIniConfig(config: LoadedConfig): ConfigSource {
  return { section: (name) => Promise.resolve(strategySection(config.doc, name)) };
}
