/**
 * The venues this build can talk to: one descriptor per folder, and nothing else names a venue. Adapters
 * are loaded on first use, so a one-shot command loads only the venue it talks to.
 */
import {
  type ConfigSection,
  type Exchange,
  type ReplayDecoder,
  type SettingValues,
  UsageError,
  type VenueAccess,
  type VenueDescriptor,
  venueList,
  venueNamed,
} from "../lib/core/mod.ts";
import type { Log } from "../lib/log/mod.ts";
import { simVenue } from "./sim/venue.ts";
import { krakenVenue } from "./kraken/venue.ts";
import { bitstampVenue } from "./bitstamp/venue.ts";
import { poloniexVenue } from "./poloniex/venue.ts";
import { paperMode } from "./paper/venue.ts";
import type { PaperOptions } from "./paper/adapter.ts";

/** Every venue, in the order `--help`, the ini and the README list them. */
export const VENUES: readonly VenueDescriptor[] = [simVenue, krakenVenue, bitstampVenue, poloniexVenue];

/** `--paper` over any venue; its settings are `[paper]`. */
export const PAPER = paperMode;

/** Settings as lib/config hands them over: each owned section validated against its schema. */
export interface VenueSettings {
  readonly sections: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/** Builds the adapter for `name` from its ini section; with `access.paper`, wrapped for paper trading. */
export async function createExchange(
  name: string,
  settings: VenueSettings,
  log: Log,
  access: VenueAccess,
): Promise<Exchange> {
  const venue = venueNamed(VENUES, name);
  if (!venue) {
    throw new UsageError(`Cannot use exchange "${name}": the exchanges are ${venueList(VENUES)}`);
  }
  const live = await venue.create({
    settings: section(settings, venue),
    log,
    credentials: access.credentials,
    statePrefix: access.statePrefix,
  });
  return access.paper ? paperMode.wrap(live, section(settings, paperMode)) : live;
}

/** Paper over `live` with balances, fees and clock of its own (`pytrader backtest` over a recording). */
export async function paperOver(live: Exchange, options: PaperOptions): Promise<Exchange> {
  const { createPaper } = await import("./paper/mod.ts");
  return createPaper(live, options);
}

/** The parse path of every venue that has one, for `pytrader replay`, by venue name. */
export async function replayDecoders(): Promise<ReadonlyMap<string, ReplayDecoder>> {
  const out = new Map<string, ReplayDecoder>();
  for (const v of VENUES) {
    if (v.decoder) out.set(v.name, await v.decoder());
  }
  return out;
}

/** A section's values, typed by its schema; lib/config validated them against that very schema. */
function section<S extends ConfigSection>(settings: VenueSettings, s: S): SettingValues<S["settings"]> {
  return (settings.sections[s.name] ?? {}) as SettingValues<S["settings"]>;
}
