/**
 * Sell: places one sell at the bid when the bid rises to `level`, and logs an alert when it comes within
 * `alert` below it. `volume` is in the quote currency by default (`volume_in = quote`), 0 = the whole base
 * balance. Nothing is sent while `simulate = True`. Key s shows the objective.
 */

import type { StrategyApi } from "../lib/strategy/sdk.ts";
import { levelDefaults, LevelStrategy } from "./level_strategy.ts";

export const defaults = levelDefaults;

export default class Sell extends LevelStrategy {
  constructor(api: StrategyApi) {
    super(api, "sell", "s");
  }
}
