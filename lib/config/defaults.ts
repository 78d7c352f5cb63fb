/**
 * Every setting and its default, in the order a fresh pytrader.ini lists them. The original's MtGox keys
 * (use_ssl, use_plain_old_websocket, use_http_api, use_tonce) are gone; base_currency/quote_currency became
 * `pair`; history_timeframe moved from [api] to [pytrader]; API keys are stored encrypted as `secret` in the venue's section (lib/secrets).
 */

import type { ConfigSection } from "../core/venue.ts";
import { formatEntry } from "./ini.ts";

export type DefaultSection = { section: string; entries: ReadonlyArray<[key: string, value: string]> };

/** `[pytrader]`: the settings of PyTrader itself; venue sections come from the venue descriptors. */
export const PYTRADER_DEFAULTS: DefaultSection = {
  section: "pytrader",
  entries: [
    ["exchange", "sim"],
    ["pair", "BTC/USD"],
    ["set_xterm_title", "True"],
    ["dont_truncate_logfile", "False"],
    ["log_file", ""],
    ["show_orderbook_stats", "True"],
    ["highlight_changes", "True"],
    ["orderbook_group", "0"],
    ["orderbook_sum_total", "False"],
    ["orderbook_depth", "100"],
    ["display_right", "history_chart"],
    // goxtool's default for BTC/USD: a bin of 10 ticks at Kraken's 0.1. The original's 0.00001 was meant
    // for ETH/XBT near 0.02; at BTC/USD it is 1/10000 of a tick, so nothing would be grouped.
    ["depth_chart_group", "1"],
    ["depth_chart_sum_total", "True"],
    ["history_timeframe", "15"],
    ["show_ticker", "True"],
    ["show_depth", "True"],
    ["show_trade", "True"],
    ["show_trade_own", "True"],
    ["price_band_pct", "10"],
  ],
};

export const HEADER_COMMENT =
  "; PyTrader settings. Edit while PyTrader is stopped, or use the keys in the UI.";

/** Every section and key PyTrader knows with its default, in the order a fresh pytrader.ini lists them. */
export function defaultSections(
  schema: { readonly sections: readonly ConfigSection[] },
): readonly DefaultSection[] {
  let out = DEFAULTS.get(schema.sections);
  if (!out) {
    out = [
      PYTRADER_DEFAULTS,
      ...schema.sections.map((s) => ({
        section: s.name,
        entries: Object.entries(s.settings).map(([k, spec]): [string, string] => [k, spec.default]),
      })),
    ];
    DEFAULTS.set(schema.sections, out);
  }
  return out;
}

/** Made once per list of sections (a schema's never changes). */
const DEFAULTS = new WeakMap<readonly ConfigSection[], DefaultSection[]>();

/** The text of a freshly created pytrader.ini: a header comment, then every section, blank-line separated. */
export function defaultIniText(schema: { readonly sections: readonly ConfigSection[] }): string {
  const blocks = defaultSections(schema).map((s) =>
    [`[${s.section}]`, ...s.entries.map(([k, v]) => formatEntry(k, v))].join("\n") + "\n"
  );
  return [HEADER_COMMENT + "\n", ...blocks].join("\n");
}
