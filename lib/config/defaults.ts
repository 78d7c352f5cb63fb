/**
 * Every setting and its default, in the order a fresh pytrader.ini lists them. The original's MtGox keys
 * (use_ssl, use_plain_old_websocket, use_http_api, use_tonce) are gone; base_currency/quote_currency became
 * `pair`; history_timeframe moved from [api] to [pytrader]; API keys are stored encrypted as `secret` in the venue's section (lib/secrets).
 */

import { formatEntry } from "./ini.ts";

export type DefaultSection = { section: string; entries: ReadonlyArray<[key: string, value: string]> };

export const DEFAULTS: ReadonlyArray<DefaultSection> = [
  {
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
  },
  {
    section: "kraken",
    entries: [
      ["rest_url", "https://api.kraken.com"],
      ["ws_url", "wss://ws.kraken.com/v2"],
      ["ws_auth_url", "wss://ws-auth.kraken.com/v2"],
    ],
  },
  {
    section: "bitstamp",
    entries: [
      ["rest_url", "https://www.bitstamp.net"],
      ["ws_url", "wss://ws.bitstamp.net"],
    ],
  },
  {
    section: "poloniex",
    entries: [
      ["rest_url", "https://api.poloniex.com"],
      ["ws_url", "wss://ws.poloniex.com/ws/public"],
      ["ws_private_url", "wss://ws.poloniex.com/ws/private"],
    ],
  },
  {
    section: "sim",
    entries: [
      ["seed", "1"],
      ["updates_per_second", "20"],
    ],
  },
  {
    section: "paper",
    entries: [
      ["balances", "USD:10000 EUR:10000 BTC:1 ETH:10"],
      ["maker_fee", "0.25"],
      ["taker_fee", "0.40"],
    ],
  },
];

export const HEADER_COMMENT =
  "; PyTrader settings. Edit while PyTrader is stopped, or use the keys in the UI.";

/** The default for a known key; TypeError for a key that has none (a programming error). */
export function defaultValue(section: string, key: string): string {
  const entry = DEFAULTS.find((s) => s.section === section)?.entries.find(([k]) => k === key);
  if (entry === undefined) throw new TypeError(`No default for [${section}] ${key}`);
  return entry[1];
}

/** The text of a freshly created pytrader.ini: a header comment, then every section, blank-line separated. */
export function defaultIniText(): string {
  const blocks = DEFAULTS.map((s) =>
    [`[${s.section}]`, ...s.entries.map(([k, v]) => formatEntry(k, v))].join("\n") + "\n"
  );
  return [HEADER_COMMENT + "\n", ...blocks].join("\n");
}
