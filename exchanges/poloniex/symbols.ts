/**
 * Pair names: Poloniex writes `BASE_QUOTE` ("BTC_USDT", protocols.md §3.2), the rest of PyTrader
 * "BTC/USDT". The markets list names base and quote itself, so these two functions are only the fallback
 * for a name the list has not described.
 */

/** "BTC_USDT" -> "BTC/USDT"; null when the name is not exactly BASE_QUOTE. */
export function symbolFromVenue(name: string): string | null {
  const m = /^([A-Z0-9]{1,16})_([A-Z0-9]{1,16})$/.exec(name);
  return m ? `${m[1]}/${m[2]}` : null;
}

/** "BTC/USDT" -> "BTC_USDT". */
export function venueSymbolOf(symbol: string): string {
  return symbol.toUpperCase().replace("/", "_");
}
