import { statePrefix } from "../../../lib/cli/context.ts";
import type { LoadedConfig } from "../../../lib/config/mod.ts";
import { journalPathFor, Trader } from "../../../lib/engine/mod.ts";
import type { Logger } from "../../../lib/log/mod.ts";
import type { Credentials } from "../../../lib/secrets/mod.ts";
import { createExchange } from "../../../exchanges/mod.ts";

/**
 * A Trader on a fresh adapter, as a new process of the app builds it: the venue from exchanges/mod.ts with
 * the ini's settings and the unlocked key, the options of lib/app/build_trader.ts (journal beside the ini).
 * Not started.
 */
export async function appTrader(
  venue: string,
  ini: string,
  config: LoadedConfig,
  logger: Logger,
  credentials: Credentials | null,
): Promise<Trader> {
  const exchange = await createExchange(venue, config.settings, logger.log(venue), {
    credentials,
    statePrefix: statePrefix(ini),
    paper: false,
  });
  const s = config.settings.pytrader;
  return new Trader(exchange, {
    symbol: s.pair,
    depth: s.orderbook_depth,
    timeframe: s.history_timeframe,
    log: logger.log("engine"),
    journalPath: journalPathFor(ini),
    priceBandPct: Number(s.price_band_pct),
  });
}
