/** The typed, validated view of pytrader.ini. Keys are the ini keys; a missing key reads as its default. */

import { ConfigError } from "../core/errors.ts";
import { parseDecimal } from "../core/decimal.ts";
import type { ConfigSection, SettingSpec } from "../core/venue.ts";
import { defaultSections } from "./defaults.ts";
import { getValue, type IniDocument, keys, lineOf } from "./ini.ts";

export { GROUP_LIST, nextGroup, ORDERBOOK_GROUP_LIST } from "./groups.ts";

export interface Settings {
  pytrader: {
    /** One of EXCHANGES. */
    exchange: string;
    /** BASE/QUOTE, e.g. "BTC/USD". */
    pair: string;
    set_xterm_title: boolean;
    show_orderbook_stats: boolean;
    highlight_changes: boolean;
    /** Decimal text, "0" = no grouping. */
    orderbook_group: string;
    orderbook_sum_total: boolean;
    display_right: "history_chart" | "depth_chart";
    /** Decimal text above 0. */
    depth_chart_group: string;
    depth_chart_sum_total: boolean;
    /** Candle length in minutes, one of HISTORY_TIMEFRAMES. */
    history_timeframe: number;
    /** Order book levels kept per side, 10..1000. */
    orderbook_depth: number;
    /** "" = the config path without `.ini`, plus `.log`; see logFilePath. */
    log_file: string;
    dont_truncate_logfile: boolean;
    show_ticker: boolean;
    show_depth: boolean;
    show_trade: boolean;
    show_trade_own: boolean;
    /** Orders priced further than this percentage from the book's mid are refused locally. */
    price_band_pct: string;
  };
  /**
   * The sections venues (and paper) own, validated against their descriptors' schemas: `sections.kraken`,
   * `sections.sim`, `sections.paper`. The venue factory reads its own, typed (exchanges/mod.ts).
   */
  sections: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/**
 * What a config file is read against: `[pytrader]` (this file) and the sections the composition root's
 * venue descriptors declare. `exchanges` are the names `[pytrader] exchange` may take.
 */
export interface ConfigSchema {
  readonly exchanges: readonly string[];
  readonly sections: readonly ConfigSection[];
}

/** The schema for these venues (`VENUES` of exchanges/mod.ts) and further owned sections (`[paper]`). */
export function configSchema(
  venues: readonly ConfigSection[],
  others: readonly ConfigSection[] = [],
): ConfigSchema {
  return { exchanges: venues.map((v) => v.name), sections: [...venues, ...others] };
}

export const HISTORY_TIMEFRAMES: readonly number[] = Object.freeze([1, 5, 15, 30, 60, 240, 1440]);
const DISPLAY_RIGHT = ["history_chart", "depth_chart"] as const;

/** How to read one value: `parse` returns undefined for text that is not allowed. */
interface Parser<T> {
  readonly allowed: string;
  parse(text: string): T | undefined;
}

const BOOLEANS = new Map([["true", true], ["yes", true], ["1", true], ["false", false], ["no", false], [
  "0",
  false,
]]);
const BOOLEAN: Parser<boolean> = {
  allowed: "True or False (or true/false, yes/no, 1/0)",
  parse: (t) => BOOLEANS.get(t.toLowerCase()),
};

const TEXT: Parser<string> = { allowed: "text", parse: (t) => t };

const PAIR: Parser<string> = {
  allowed: "BASE/QUOTE such as BTC/USD",
  parse: (t) => /^[^\s/]+\/[^\s/]+$/.test(t) ? t : undefined,
};

function oneOf<T extends string | number>(values: readonly T[]): Parser<T> {
  return {
    allowed: `one of ${values.join(", ")}`,
    parse: (t) => values.find((v) => String(v) === t),
  };
}

function wholeNumber(min: number, max: number): Parser<number> {
  return {
    allowed: `a whole number from ${min} to ${max}`,
    parse: (t) => {
      if (!/^\d{1,15}$/.test(t)) return undefined;
      const n = Number(t);
      return n >= min && n <= max ? n : undefined;
    },
  };
}

function decimal(allowZero: boolean): Parser<string> {
  return {
    allowed: allowZero
      ? "0 or a positive decimal number such as 0.01"
      : "a positive decimal number such as 0.01",
    parse: (t) => {
      if (!/^\d+(\.\d+)?$/.test(t)) return undefined;
      const units = parseDecimal(t).units;
      return units > 0n || (allowZero && units === 0n) ? t : undefined;
    },
  };
}

function url(...protocols: string[]): Parser<string> {
  return {
    allowed: `a ${protocols.map((p) => p + "//").join(" or ")} URL`,
    parse: (t) => {
      const u = URL.parse(t);
      return u !== null && protocols.includes(u.protocol) ? t : undefined;
    },
  };
}

/** "USD:10000 BTC:1": asset codes with non-negative decimal amounts, separated by spaces. */
const BALANCES: Parser<Readonly<Record<string, string>>> = {
  allowed: "ASSET:AMOUNT pairs separated by spaces, such as USD:10000 BTC:1",
  parse: (t) => {
    const out: Record<string, string> = {};
    for (const part of t.trim().split(/\s+/).filter((p) => p !== "")) {
      const m = /^([A-Za-z0-9.]{1,16}):(\d+(?:\.\d+)?)$/.exec(part);
      if (!m) return undefined;
      out[m[1]!.toUpperCase()] = m[2]!;
    }
    return out;
  },
};

type PytraderParsers = { readonly [K in keyof Settings["pytrader"]]: Parser<Settings["pytrader"][K]> };

function pytraderParsers(exchanges: readonly string[]): PytraderParsers {
  return {
    exchange: oneOf(exchanges),
    pair: PAIR,
    set_xterm_title: BOOLEAN,
    show_orderbook_stats: BOOLEAN,
    highlight_changes: BOOLEAN,
    orderbook_group: decimal(true),
    orderbook_sum_total: BOOLEAN,
    display_right: oneOf(DISPLAY_RIGHT),
    depth_chart_group: decimal(false),
    depth_chart_sum_total: BOOLEAN,
    history_timeframe: oneOf(HISTORY_TIMEFRAMES),
    orderbook_depth: wholeNumber(10, 1000),
    log_file: TEXT,
    dont_truncate_logfile: BOOLEAN,
    show_ticker: BOOLEAN,
    show_depth: BOOLEAN,
    show_trade: BOOLEAN,
    show_trade_own: BOOLEAN,
    price_band_pct: decimal(false),
  };
}

/** The parser of a venue setting declared in a descriptor. */
function specParser(spec: SettingSpec): Parser<unknown> {
  switch (spec.type) {
    case "url":
      return url(...spec.protocols);
    case "choice":
      return oneOf(spec.choices);
    case "whole":
      return wholeNumber(spec.min, spec.max);
    case "decimal":
      return decimal(spec.zero);
    case "boolean":
      return BOOLEAN;
    case "text":
      return TEXT;
    case "assets":
      return BALANCES;
  }
}

interface Field {
  readonly section: string;
  readonly key: string;
  readonly fallback: string;
  readonly parser: Parser<unknown>;
}

/** Every known key with its default and parser, `[pytrader]` first; made once per schema. */
function fields(schema: ConfigSchema): readonly Field[] {
  let out = FIELDS.get(schema);
  if (!out) FIELDS.set(schema, out = makeFields(schema));
  return out;
}

const FIELDS = new WeakMap<ConfigSchema, readonly Field[]>();

function makeFields(schema: ConfigSchema): Field[] {
  const parsers = pytraderParsers(schema.exchanges) as Readonly<Record<string, Parser<unknown>>>;
  const out: Field[] = [];
  for (const { section, entries } of defaultSections(schema)) {
    const owned = schema.sections.find((s) => s.name === section);
    for (const [key, fallback] of entries) {
      const parser = owned ? specParser(owned.settings[key]!) : parsers[key]!;
      out.push({ section, key, fallback, parser });
    }
  }
  return out;
}

function parserFor(schema: ConfigSchema, section: string, key: string): Parser<unknown> | undefined {
  return fields(schema).find((f) => f.section === section && f.key === key)?.parser;
}

/** Validates every known key (unknown keys and sections are ignored) and returns the typed settings. */
export function readSettings(doc: IniDocument, file: string, schema: ConfigSchema): Settings {
  const pytrader: Record<string, unknown> = {};
  const sections: Record<string, Record<string, unknown>> = {};
  for (const { section, key, fallback, parser } of fields(schema)) {
    const text = getValue(doc, section, key) ?? fallback;
    const value = parser.parse(text);
    if (value === undefined) {
      const line = lineOf(doc, section, key);
      throw new ConfigError(
        `Cannot read ${file} line ${line}: ${problem(section, key, parser, text)}`,
        file,
        line,
      );
    }
    if (section === PYTRADER) pytrader[key] = value;
    else (sections[section] ??= {})[key] = value;
  }
  return { pytrader: pytrader as Settings["pytrader"], sections };
}

const PYTRADER = "pytrader";

/** Throws ConfigError when `value` is not allowed for a known key; unknown keys are not checked. */
export function checkSetting(
  file: string,
  section: string,
  key: string,
  value: string,
  schema: ConfigSchema,
): void {
  const parser = parserFor(schema, section, key);
  if (parser !== undefined && parser.parse(value) === undefined) {
    throw new ConfigError(`Cannot save ${file}: ${problem(section, key, parser, value)}`, file);
  }
}

function problem(section: string, key: string, parser: Parser<unknown>, text: string): string {
  return `[${section}] ${key} must be ${parser.allowed}, got ${JSON.stringify(text)}`;
}

/** Ini text for a boolean, as the original writes it. */
export function formatBoolean(value: boolean): string {
  return value ? "True" : "False";
}

/**
 * Keys in PyTrader's own sections that PyTrader does not know (typos such as `histroy_timeframe`), for a
 * warning: they are kept in the file but have no effect.
 */
export function unknownKeys(
  doc: IniDocument,
  schema: ConfigSchema,
): Array<{ section: string; key: string; line: number }> {
  return defaultSections(schema).flatMap(({ section, entries }) =>
    keys(doc, section)
      .filter((key) => !entries.some(([k]) => k === key))
      .map((key) => ({ section, key, line: lineOf(doc, section, key)! }))
  );
}
