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
