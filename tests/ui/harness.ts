/** The real UI (runUi, blessed) on a headless xterm, over a market that does not move. */

import { loadTestConfig } from "../fixtures/venues.ts";
import type { Timers } from "../../lib/core/clock.ts";
import type { Balances } from "../../lib/core/events.ts";
import { Logger, MemorySink } from "../../lib/log/mod.ts";
import { runUi, type UiApp } from "../../lib/ui/mod.ts";
import type { FakeEngine } from "./fake_engine.ts";
import { StillMarket } from "./fake_engine.ts";
import { candle, ETH_XBT, market, seedBook } from "./fixtures.ts";
import { Headless } from "./headless.ts";

const MIN = 60_000;

export interface Harness {
  t: Headless;
  ini: string;
  done: Promise<void>;
  app: UiApp;
  feed: StillMarket;
  log: Logger;
  sink: MemorySink;
  close(): Promise<void>;
}

export interface OpenOptions {
  readonly cols?: number;
  readonly rows?: number;
  readonly color?: boolean;
  /** Trading: an order engine whose orders the market shows. */
  readonly engine?: FakeEngine;
  readonly balances?: Balances;
  /** The frame scheduler's clock and timeouts (e.g. tests/net/fake_timers.ts); default the real ones. */
  readonly frameTimers?: Timers;
}

/** Opens the screen on the seed book (ETH/XBT) and four candles; resolves once the first frame shows. */
export async function open(options: OpenOptions = {}): Promise<Harness> {
  const { cols = 100, rows = 30, color = true } = options;
  const dir = await Deno.makeTempDir();
  const ini = `${dir}/pytrader.ini`;
  await Deno.writeTextFile(ini, "[pytrader]\nexchange = sim\npair = ETH/XBT\ndepth_chart_group = 0.0001\n");
  const config = await loadTestConfig(ini);
  const t = new Headless(cols, rows);
  const candles = [0, 1, 2, 3].map((k) =>
    candle(ETH_XBT, k * 15 * MIN, "0.0210", "0.0214", "0.0206", k % 2 ? "0.0208" : "0.0212")
  );
  // The wall clock stands still at the last message: the status line always says "0 s ago".
  const now = Date.now();
  const base = market(seedBook(), { candles, lastMessageAt: now, balances: options.balances ?? null });
  const feed = new StillMarket(base, options.engine ?? null);
  const sink = new MemorySink();
  const log = new Logger([sink]);
  log.log("engine").info("Loaded 4 candles of 15 min");
  let app!: UiApp;
  const done = runUi({
    trader: feed,
    config,
    logs: sink,
    log: log.log("ui"),
    input: t.input,
    output: t.output,
    color,
    unicode: true,
    onApp: (a) => app = a,
    frameTimers: options.frameTimers,
    now: () => now,
  });
  await t.waitFor((s) => s[0]!.startsWith("Price: 0.02099 - 0.02101"), "the first frame");
  return {
    t,
    ini,
    done,
    app,
    feed,
    log,
    sink,
    async close() {
      if (!app.state.quitting) t.press("q");
      await done;
      t.dispose();
      await Deno.remove(dir, { recursive: true });
    },
  };
}
