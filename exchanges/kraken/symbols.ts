/**
 * Pair and asset names. WS v2 and the rest of PyTrader write pairs "BTC/USD"; REST answers with legacy
 * keys ("XXBTZUSD") and asset codes with X/Z prefixes ("XXBT", "ZUSD") and the v1 wsname "XBT/USD".
 * Kraken's own SDK maps XXBT -> BTC and ZUSD -> USD but leaves XRP, XLM, XMR, ZEC, XTZ alone
 * (protocols.md §1.1), so legacy codes are listed, never stripped by rule.
 */

const LEGACY_ASSETS: Readonly<Record<string, string>> = {
  XXBT: "BTC",
  XBT: "BTC",
  XXDG: "DOGE",
  XDG: "DOGE",
  XETH: "ETH",
  XETC: "ETC",
  XLTC: "LTC",
  XMLN: "MLN",
  XREP: "REP",
  XXLM: "XLM",
  XXMR: "XMR",
  XXRP: "XRP",
  XZEC: "ZEC",
  ZAUD: "AUD",
  ZCAD: "CAD",
  ZEUR: "EUR",
  ZGBP: "GBP",
  ZJPY: "JPY",
  ZUSD: "USD",
};

const REST_ASSETS: Readonly<Record<string, string>> = { BTC: "XBT", DOGE: "XDG" };

/** "XXBT" -> "BTC", "ZUSD" -> "USD", "XRP" -> "XRP". */
export function assetName(code: string): string {
  return LEGACY_ASSETS[code] ?? code;
}

/** A v1 wsname or v2 symbol to the v2 form: "XBT/USD" -> "BTC/USD". Null when not BASE/QUOTE. */
export function symbolFromWsname(wsname: string): string | null {
  const slash = wsname.indexOf("/");
  if (slash <= 0 || slash === wsname.length - 1 || wsname.indexOf("/", slash + 1) >= 0) return null;
  return `${assetName(wsname.slice(0, slash))}/${assetName(wsname.slice(slash + 1))}`;
}

/** The REST altname Kraken accepts for a v2 symbol when AssetPairs has not been read: "BTC/USD" -> "XBTUSD". */
export function restPairName(symbol: string): string {
  const [base, quote] = symbol.split("/");
  return (REST_ASSETS[base!] ?? base!) + (REST_ASSETS[quote ?? ""] ?? quote ?? "");
}
