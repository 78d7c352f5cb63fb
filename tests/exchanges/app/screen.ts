import type { LoadedConfig } from "../../../lib/config/mod.ts";
import type { Trader } from "../../../lib/engine/mod.ts";
import type { Logger, MemorySink } from "../../../lib/log/mod.ts";
import { runUi, type UiApp } from "../../../lib/ui/mod.ts";
import { Headless } from "../../ui/headless.ts";

export interface Screen {
  readonly t: Headless;
  /** The running app (once runUi has made it). */
  readonly app: UiApp;
  /** Quits with q and waits for runUi to return. */
  quit(): Promise<void>;
}

/** runUi as lib/app/start_app.ts runs it (the trader started once the first frame shows), on a headless xterm. */
export function openUi(
  home: { readonly config: LoadedConfig; readonly sink: MemorySink; readonly logger: Logger },
  trader: Trader,
  cols = 120,
  rows = 40,
): Screen {
  const t = new Headless(cols, rows);
  let app: UiApp | undefined;
  const done = runUi({
    trader,
    config: home.config,
    logs: home.sink,
    log: home.logger.log("ui"),
    input: t.input,
    output: t.output,
    color: true,
    unicode: true,
    onApp: (a) => app = a,
    start: () => trader.start(),
  });
  return {
    t,
    get app() {
      return app!;
    },
    async quit() {
      if (app && !app.state.quitting) t.press("q");
      await done;
      t.dispose();
    },
  };
}
