/** The terminal title follows the market at most once a second (a title is a terminal write of its own). */

import { assertEquals } from "../assert.ts";
import { parseTicks } from "../../lib/core/ticks.ts";
import { COLOR_GLYPHS } from "../../lib/ui/glyphs.ts";
import { UiApp } from "../../lib/ui/mod.ts";
import type { Line } from "../../lib/ui/style.ts";
import type { Terminal } from "../../lib/ui/terminal.ts";
import { StillMarket } from "./fake_engine.ts";
import { ETH_XBT, market, seedBook } from "./fixtures.ts";
import { memConfig } from "./mem_config.ts";

class TitleTerminal implements Terminal {
  width = 100;
  height = 30;
  titles: string[] = [];
  paint(_lines: readonly Line[]): void {}
  setTitle(title: string): void {
    this.titles.push(title);
  }
  onKey(): void {}
  onResize(): void {}
  destroy(): void {}
}

Deno.test("app: the title shows the market, changed at most once a second", async () => {
  const book = seedBook();
  const feed = new StillMarket(market(book));
  const t = new TitleTerminal();
  let now = 1_000_000;
  const app = new UiApp({
    terminal: t,
    trader: feed,
    config: memConfig(),
    save: (c) => Promise.resolve(c),
    glyphs: COLOR_GLYPHS,
    titles: true,
    now: () => now,
  });
  app.start();
  assertEquals(t.titles, ["PyTrader - bid:0.02099 ask:0.02101"]);
  const bid = (p: string) => book.applyUpdate([{ price: parseTicks(p, ETH_XBT.pricePrecision), qty: 1 }], []);
  bid("0.02100");
  now += 400;
  app.dispatch({ kind: "key", key: "Z" }); // an unbound key: a frame at once
  assertEquals(t.titles.length, 1, "not within the second");
  now += 700;
  app.dispatch({ kind: "key", key: "Z" });
  assertEquals(t.titles.at(-1), "PyTrader - bid:0.02100 ask:0.02101");
  await app.stop();
});
