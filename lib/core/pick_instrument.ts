import { UnknownSymbol } from "./errors.ts";
import type { Instrument } from "./instrument.ts";

/**
 * The instrument a caller named, as a venue adapter finds it: `known` (its decoder's, by the exact symbol),
 * else the one of `all` whose symbol matches in any case ("btc/usd"); UnknownSymbol
 * `Cannot <action>: unknown pair` when there is none.
 */
export function pickInstrument(
  symbol: string,
  action: string,
  known: Instrument | undefined,
  all: readonly Instrument[],
): Instrument {
  if (known) return known;
  const found = instrumentNamed(all, symbol);
  if (!found) throw new UnknownSymbol(`Cannot ${action}: unknown pair`);
  return found;
}

/** The instrument of `all` whose symbol is `symbol` in any case ("btc/usd" names BTC/USD), or undefined. */
export function instrumentNamed(all: readonly Instrument[], symbol: string): Instrument | undefined {
  const wanted = symbol.toUpperCase();
  return all.find((i) => i.symbol.toUpperCase() === wanted);
}
