/** The built-in simulated market: `createSim()` gives an Exchange that needs no network. */
import { SimExchange, type SimOptions } from "./adapter.ts";

export { SimExchange, type SimOptions } from "./adapter.ts";
export { ASSET_DECIMALS, SIM_MARKETS } from "./instruments.ts";
export { TIMEFRAMES } from "./market.ts";
export { SimDecoder } from "./frames.ts";

export function createSim(options?: SimOptions): SimExchange {
  return new SimExchange(options);
}
