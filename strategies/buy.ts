/**
 * Buy: places one buy at the ask when the ask falls to `level`, and logs an alert when it comes within
 * `alert` above it. `volume` is in the quote currency by default (`volume_in = quote`), 0 = the whole quote
 * balance. Nothing is sent while `simulate = True`. Key b shows the objective.
 */

import type { StrategyApi } from "../lib/strategy/sdk.ts";
import { levelDefaults, LevelStrategy } from "./level_strategy.ts";

export const defaults = levelDefaults;

export default class Buy extends LevelStrategy {
  constructor(api: StrategyApi) {
    super(api, "buy", "b");
  }
}
