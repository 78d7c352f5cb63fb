/**
 * Pair names: Poloniex writes `BASE_QUOTE` ("BTC_USDT", protocols.md §3.2), the rest of PyTrader
 * "BTC/USDT". The markets list names each pair itself (`venueSymbol`), so this is only the fallback for an
 * instrument that does not carry its Poloniex name.
 */

/** "BTC/USDT" -> "BTC_USDT". */
export function venueSymbolOf(symbol: string): string {
  return symbol.toUpperCase().replace("/", "_");
}
