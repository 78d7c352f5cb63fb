/** Paper trading: `createPaper(live)` wraps a live venue so that own orders are filled locally. */
import type { Exchange } from "../../lib/core/mod.ts";
import { PaperExchange, type PaperOptions } from "./adapter.ts";

export { DEFAULT_PAPER_BALANCES, PaperExchange, type PaperOptions } from "./adapter.ts";

/** An Exchange with `live`'s market data whose orders fill against `live`'s book, never sent to it. */
export function createPaper(live: Exchange, options?: PaperOptions): PaperExchange {
  return new PaperExchange(live, options);
}
