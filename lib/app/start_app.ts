import type { CommandContext, GlobalOptions } from "../cli/mod.ts";
import { EXIT } from "../cli/mod.ts";

/** Opens the live market screen. */
export function startApp(
  _ctx: CommandContext,
  _opts: GlobalOptions & { strategy?: string },
): Promise<number> {
  console.error(
    "pytrader: the live market screen is not built yet; try 'pytrader book' or 'pytrader --help'.",
  );
  return Promise.resolve(EXIT.failure);
}
