/** A pytrader.ini that lives in memory only, for UiApp tests that never save. */

import { type LoadedConfig, parseIni, readSettings } from "../../lib/config/mod.ts";
import { SCHEMA } from "../fixtures/venues.ts";

/** `[pytrader]` on the sim's ETH/XBT, everything else at its default. */
export function memConfig(): LoadedConfig {
  const doc = parseIni("[pytrader]\nexchange = sim\npair = ETH/XBT\n", "mem.ini");
  return {
    path: "mem.ini",
    doc,
    settings: readSettings(doc, "mem.ini", SCHEMA),
    created: false,
    schema: SCHEMA,
  };
}
