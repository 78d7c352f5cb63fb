import assert from "node:assert/strict";
import { ConfigError } from "../../lib/core/errors.ts";
import {
  checkSetting,
  defaultIniText,
  defaultSections,
  GROUP_LIST,
  logFilePath,
  nextGroup,
  ORDERBOOK_GROUP_LIST,
  parseIni,
  readSettings,
  type Settings,
  strategySection,
  unknownKeys,
} from "../../lib/config/mod.ts";
import { SCHEMA } from "../fixtures/venues.ts";

const EXPECTED_DEFAULTS: Settings = {
  pytrader: {
    exchange: "sim",
    pair: "BTC/USD",
    set_xterm_title: true,
    show_orderbook_stats: true,
    highlight_changes: true,
    orderbook_group: "0",
    orderbook_sum_total: false,
    display_right: "history_chart",
    depth_chart_group: "1",
    depth_chart_sum_total: true,
    history_timeframe: 15,
    orderbook_depth: 100,
    log_file: "",
    dont_truncate_logfile: false,
    show_ticker: true,
    show_depth: true,
    show_trade: true,
    show_trade_own: true,
    price_band_pct: "10",
  },
  sections: {
    sim: { seed: 1, updates_per_second: 20 },
    kraken: {
      rest_url: "https://api.kraken.com",
      ws_url: "wss://ws.kraken.com/v2",
      ws_auth_url: "wss://ws-auth.kraken.com/v2",
      order_transport: "rest",
    },
    bitstamp: { rest_url: "https://www.bitstamp.net", ws_url: "wss://ws.bitstamp.net" },
    poloniex: {
      rest_url: "https://api.poloniex.com",
      ws_url: "wss://ws.poloniex.com/ws/public",
      ws_auth_url: "wss://ws.poloniex.com/ws/private",
    },
    paper: {
      balances: { USD: "10000", EUR: "10000", BTC: "1", ETH: "10" },
      maker_fee: "0.25",
      taker_fee: "0.40",
    },
  },
};

function settingsOf(text: string): Settings {
  return readSettings(parseIni(text, "pytrader.ini"), "pytrader.ini", SCHEMA);
}

function errorOf(text: string): ConfigError {
  try {
    settingsOf(text);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  assert.fail(`expected a ConfigError for ${JSON.stringify(text)}`);
}

Deno.test("the defaults file and an empty file read as the documented defaults", () => {
  assert.deepEqual(settingsOf(defaultIniText(SCHEMA)), EXPECTED_DEFAULTS);
  assert.deepEqual(settingsOf(""), EXPECTED_DEFAULTS);
});

Deno.test("every default key is a setting and every setting has a default", () => {
  const fromDefaults = defaultSections(SCHEMA).map((s) => [s.section, s.entries.map(([k]) => k).sort()]);
  const { pytrader, sections } = EXPECTED_DEFAULTS;
  const fromSettings = Object.entries({ pytrader, ...sections }).map(([s, v]) => [s, Object.keys(v).sort()]);
  assert.deepEqual(fromDefaults, fromSettings);
  assert.deepEqual(unknownKeys(parseIni(defaultIniText(SCHEMA), "t.ini"), SCHEMA), []);
});

Deno.test("booleans accept True/False, true/false, yes/no, 1/0", () => {
  const cases: Array<[string, boolean]> = [
    ["True", true],
    ["true", true],
    ["yes", true],
    ["1", true],
    ["False", false],
    ["false", false],
    ["no", false],
    ["0", false],
  ];
  for (const [text, expected] of cases) {
    assert.equal(settingsOf(`[pytrader]\nshow_ticker = ${text}\n`).pytrader.show_ticker, expected, text);
  }
});

Deno.test("invalid values name the file, line, section.key and what is allowed", () => {
  const cases: Array<[string, number, string]> = [
    [
      "; c\n[pytrader]\nexchange = sim\n\n\n\nhistory_timeframe = 7\n",
      7,
      '[pytrader] history_timeframe must be one of 1, 5, 15, 30, 60, 240, 1440, got "7"',
    ],
    [
      "[pytrader]\nexchange = mtgox\n",
      2,
      '[pytrader] exchange must be one of sim, kraken, bitstamp, poloniex, got "mtgox"',
    ],
    [
      "[pytrader]\nshow_trade = maybe\n",
      2,
      '[pytrader] show_trade must be True or False (or true/false, yes/no, 1/0), got "maybe"',
    ],
    [
      "[pytrader]\ndisplay_right = chart\n",
      2,
      '[pytrader] display_right must be one of history_chart, depth_chart, got "chart"',
    ],
    [
      "[pytrader]\norderbook_depth = 5\n",
      2,
      '[pytrader] orderbook_depth must be a whole number from 10 to 1000, got "5"',
    ],
    [
      "[pytrader]\norderbook_depth = 1e2\n",
      2,
      '[pytrader] orderbook_depth must be a whole number from 10 to 1000, got "1e2"',
    ],
    [
      "[pytrader]\ndepth_chart_group = 0\n",
      2,
      '[pytrader] depth_chart_group must be a positive decimal number such as 0.01, got "0"',
    ],
    [
      "[pytrader]\norderbook_group = -1\n",
      2,
      '[pytrader] orderbook_group must be 0 or a positive decimal number such as 0.01, got "-1"',
    ],
    [
      "[pytrader]\npair = XETHXXBT\n",
      2,
      '[pytrader] pair must be BASE/QUOTE such as BTC/USD, got "XETHXXBT"',
    ],
    [
      "[kraken]\nws_url = https://ws.kraken.com\n",
      2,
      '[kraken] ws_url must be a ws:// or wss:// URL, got "https://ws.kraken.com"',
    ],
    [
      "[kraken]\nrest_url = api.kraken.com\n",
      2,
      '[kraken] rest_url must be a http:// or https:// URL, got "api.kraken.com"',
    ],
    [
      "[kraken]\norder_transport = fix\n",
      2,
      '[kraken] order_transport must be one of rest, ws, got "fix"',
    ],
    [
      "[sim]\nupdates_per_second = 0\n",
      2,
      '[sim] updates_per_second must be a whole number from 1 to 5000, got "0"',
    ],
    [
      "[paper]\nbalances = USD=100 BTC:1\n",
      2,
      '[paper] balances must be ASSET:AMOUNT pairs separated by spaces, such as USD:10000 BTC:1, got "USD=100 BTC:1"',
    ],
  ];
  for (const [text, line, detail] of cases) {
    const e = errorOf(text);
    assert.equal(e.message, `Cannot read pytrader.ini line ${line}: ${detail}`);
    assert.equal(e.file, "pytrader.ini");
    assert.equal(e.line, line);
  }
});

Deno.test("valid non-default values are read", () => {
  const s = settingsOf(
    "[pytrader]\nexchange = kraken\npair = ETH/BTC\nhistory_timeframe = 1440\norderbook_group = 0.00010\n" +
      "display_right = depth_chart\nlog_file = logs/bot.log\n[kraken]\nws_url = ws://127.0.0.1:8080/v2\n" +
      "[sim]\nseed = 4294967295\n[strategy.x]\nanything = goes\n[api]\nuse_ssl = maybe\n",
  );
  assert.equal(s.pytrader.exchange, "kraken");
  assert.equal(s.pytrader.pair, "ETH/BTC");
  assert.equal(s.pytrader.history_timeframe, 1440);
  assert.equal(s.pytrader.orderbook_group, "0.00010");
  assert.equal(s.pytrader.display_right, "depth_chart");
  assert.equal(s.pytrader.log_file, "logs/bot.log");
  assert.equal(s.sections.kraken!.ws_url, "ws://127.0.0.1:8080/v2");
  assert.equal(s.sections.sim!.seed, 4294967295);
});

Deno.test("checkSetting validates known keys for a save and ignores unknown ones", () => {
  assert.throws(
    () => checkSetting("p.ini", "pytrader", "display_right", "pie_chart", SCHEMA),
    (e) =>
      e instanceof ConfigError && e.line === undefined &&
      e.message ===
        'Cannot save p.ini: [pytrader] display_right must be one of history_chart, depth_chart, got "pie_chart"',
  );
  checkSetting("p.ini", "pytrader", "display_right", "depth_chart", SCHEMA);
  checkSetting("p.ini", "strategy.x", "whatever", "text", SCHEMA);
  checkSetting("p.ini", "pytrader", "__proto__", "x", SCHEMA);
});

Deno.test("unknownKeys reports typos in PyTrader's own sections only", () => {
  const doc = parseIni("[pytrader]\nhistroy_timeframe = 5\nexchange = sim\n[strategy.x]\nfoo = 1\n", "t.ini");
  assert.deepEqual(unknownKeys(doc, SCHEMA), [{ section: "pytrader", key: "histroy_timeframe", line: 2 }]);
});

Deno.test("the zoom lists are the original's", () => {
  assert.equal(GROUP_LIST.length, 22);
  assert.equal(GROUP_LIST[0], "0.00000001");
  assert.equal(GROUP_LIST[21], "100");
  assert.deepEqual(ORDERBOOK_GROUP_LIST, ["0", ...GROUP_LIST]);
});

Deno.test("nextGroup steps, wraps at both ends, and jumps to the first entry from an unknown value", () => {
  assert.equal(nextGroup(GROUP_LIST, "1", 1), "5");
  assert.equal(nextGroup(GROUP_LIST, "1", -1), "0.5");
  assert.equal(nextGroup(GROUP_LIST, "100", 1), "0.00000001");
  assert.equal(nextGroup(GROUP_LIST, "0.00000001", -1), "100");
  assert.equal(nextGroup(ORDERBOOK_GROUP_LIST, "0", -1), "100");
  assert.equal(nextGroup(ORDERBOOK_GROUP_LIST, "100", 1), "0");
  assert.equal(nextGroup(GROUP_LIST, "0.00010", 1), "0.0005");
  assert.equal(nextGroup(GROUP_LIST, "1.0", -1), "0.5");
  assert.equal(nextGroup(GROUP_LIST, "0.3", 1), "0.00000001");
  assert.equal(nextGroup(GROUP_LIST, "0.3", -1), "0.00000001");
  assert.equal(nextGroup(GROUP_LIST, "0", 1), "0.00000001");
  assert.equal(nextGroup(GROUP_LIST, "garbage", 1), "0.00000001");
  assert.throws(() => nextGroup([], "1", 1), RangeError);
});

Deno.test("strategySection returns a strategy's own keys as text", () => {
  const doc = parseIni(
    "[strategy.balancer]\ndistance = 7\nsimulate = True\n[strategy.other]\nx = 1\n",
    "t.ini",
  );
  assert.deepEqual(strategySection(doc, "balancer"), { distance: "7", simulate: "True" });
  assert.deepEqual(strategySection(doc, "missing"), {});
  assert.throws(() => strategySection(doc, "bad]name"), TypeError);
});

Deno.test("logFilePath derives the log beside the ini, or resolves log_file against its directory", () => {
  assert.equal(logFilePath("pytrader.ini", ""), "pytrader.log");
  assert.equal(logFilePath("/home/u/bots/alt.INI", ""), "/home/u/bots/alt.log");
  assert.equal(logFilePath("/home/u/bot.conf", ""), "/home/u/bot.conf.log");
  assert.equal(logFilePath("/home/u/pytrader.ini", "logs/p.log"), "/home/u/logs/p.log");
  assert.equal(logFilePath("/home/u/pytrader.ini", "/var/log/p.log"), "/var/log/p.log");
});
