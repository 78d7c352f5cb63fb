import type { RestAssetPair } from "./frames.ts";
import { symbolFromWsname } from "./symbols.ts";

/**
 * Every name REST uses for a pair (legacy key "XXBTZUSD", altname "XBTUSD", wsname "XBT/USD") to its
 * v2 symbol "BTC/USD": order answers name pairs by altname, which AssetPairs alone can map.
 */
export function pairNames(result: Readonly<Record<string, RestAssetPair>>): Map<string, string> {
  const names = new Map<string, string>();
  for (const [key, p] of Object.entries(result)) {
    const symbol = typeof p?.wsname === "string" ? symbolFromWsname(p.wsname) : null;
    if (!symbol) continue;
    for (const name of [key, p.altname, p.wsname, symbol]) {
      if (typeof name === "string" && !names.has(name)) names.set(name, symbol);
    }
  }
  return names;
}
