/**
 * A venue descriptor: everything the rest of PyTrader needs to know about one exchange folder. The list in
 * exchanges/mod.ts is the only place venue names appear; config validation, `--help`, `doctor`,
 * `--add-secret`, replay and the README's tables read it.
 */
import type { ApiCredentials, Exchange } from "./exchange.ts";
import type { Log } from "./log.ts";
import type { ReplayDecoder } from "./replay_decoder.ts";

/** How one ini value is read; `default` is its text in a fresh pytrader.ini. */
export type SettingSpec =
  & { readonly default: string; readonly doc: string }
  & (
    | { readonly type: "url"; readonly protocols: readonly ("http:" | "https:" | "ws:" | "wss:")[] }
    | { readonly type: "choice"; readonly choices: readonly string[] }
    | { readonly type: "whole"; readonly min: number; readonly max: number }
    | { readonly type: "decimal"; readonly zero: boolean }
    | { readonly type: "boolean" }
    | { readonly type: "text" }
    /** "USD:10000 BTC:1": asset codes with non-negative decimal amounts. */
    | { readonly type: "assets" }
  );

/** A section's keys in the order a fresh ini lists them. */
export type SettingsSchema = Readonly<Record<string, SettingSpec>>;

/** The typed value of one setting, as lib/config hands it over after validation. */
export type SettingValue<S extends SettingSpec> = S extends { type: "whole" } ? number
  : S extends { type: "boolean" } ? boolean
  : S extends { type: "assets" } ? Readonly<Record<string, string>>
  : S extends { type: "choice"; choices: readonly (infer C)[] } ? C
  : string;

export type SettingValues<S extends SettingsSchema> = { readonly [K in keyof S]: SettingValue<S[K]> };

/** What a venue factory gets beyond its ini section. */
export interface VenueContext<V> {
  /** The venue's `[name]` section, validated and typed. */
  readonly settings: V;
  readonly log: Log;
  /** null: market data only. */
  readonly credentials: ApiCredentials | null;
  /** Stem for files a venue keeps beside the ini (e.g. Kraken's nonce state): the ini path without `.ini`. */
  readonly statePrefix: string;
}

/** An ini section PyTrader owns beyond `[pytrader]`: a venue's, or `[paper]`. */
export interface ConfigSection<S extends SettingsSchema = SettingsSchema> {
  readonly name: string;
  readonly settings: S;
}

/** `--paper`: wraps any venue so that own orders fill locally; its settings are `[paper]`. */
export interface PaperMode<S extends SettingsSchema = SettingsSchema> extends ConfigSection<S> {
  wrap(live: Exchange, settings: SettingValues<S>): Promise<Exchange>;
}

export interface VenueDescriptor<S extends SettingsSchema = SettingsSchema> extends ConfigSection<S> {
  /** `--exchange NAME`, `[pytrader] exchange`, and the ini section holding the settings and the key. */
  readonly name: string;
  /** "Kraken". */
  readonly title: string;
  /** What works and how it is verified, one paragraph (README exchange table, `--help`). */
  readonly summary: string;
  /** Whether the venue has accounts opened by an API key (`--add-secret`, doctor's key checks). */
  readonly keys: boolean;
  /** Where to create the key and which permissions to give it, for `--add-secret`. */
  readonly keyHelp?: string;
  /** Loads the venue's modules on first use (one-shot commands load only the venue they talk to). */
  create(ctx: VenueContext<SettingValues<S>>): Promise<Exchange>;
  /** The venue's parse path with no network, for replay and backtests. */
  decoder?(): Promise<ReplayDecoder>;
}

/** Typed settings for the factory, inferred from the schema (`choices` need `as const`). */
export function defineVenue<const S extends SettingsSchema>(d: VenueDescriptor<S>): VenueDescriptor<S> {
  return d;
}

/** The descriptor called `name`; UsageError text lists the known ones. */
export function venueNamed(
  venues: readonly VenueDescriptor[],
  name: string,
): VenueDescriptor | undefined {
  return venues.find((v) => v.name === name.toLowerCase());
}

/** "sim, kraken, bitstamp and poloniex". */
export function venueList(venues: readonly VenueDescriptor[]): string {
  const names = venues.map((v) => v.name);
  return names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}
