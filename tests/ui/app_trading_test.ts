/** UiApp with a fake terminal: how the runtime hands orders to the engine and reports what comes back. */

import { assert, assertEquals } from "../assert.ts";
import type { LogRecord } from "../../lib/log/logger.ts";
import { COLOR_GLYPHS } from "../../lib/ui/glyphs.ts";
import { UiApp } from "../../lib/ui/mod.ts";
import type { PortOrder } from "../../lib/ui/port.ts";
import { type Line, lineText } from "../../lib/ui/style.ts";
import type { Terminal } from "../../lib/ui/terminal.ts";
import { FakeEngine, ownOrder, StillMarket } from "./fake_engine.ts";
import { ETH_XBT, market, seedBook } from "./fixtures.ts";
import { memConfig } from "./mem_config.ts";
import { eventually } from "../eventually.ts";

class FakeTerminal implements Terminal {
  width = 100;
  height = 30;
  screen: string[] = [];
  #key: (k: string) => void = () => {};
  paint(lines: readonly Line[]): void {
    this.screen = lines.map(lineText);
  }
  setTitle(): void {}
  onKey(fn: (key: string) => void): void {
    this.#key = fn;
  }
  onResize(): void {}
  destroy(): void {}
  press(...keys: string[]): void {
    for (const k of keys) this.#key(k);
  }
  shows(text: string): boolean {
    return this.screen.some((r) => r.includes(text));
  }
}

function start(feed: StillMarket): { t: FakeTerminal; app: UiApp; records: LogRecord[] } {
  const t = new FakeTerminal();
  const records: LogRecord[] = [];
  const app = new UiApp({
    terminal: t,
    trader: feed,
    config: memConfig(),
    save: (c) => Promise.resolve(c),
    glyphs: COLOR_GLYPHS,
    log: {
      debug: () => {},
      info: (m) => records.push({ time: 0, level: "info", source: "ui", message: m }),
      warn: (m) => records.push({ time: 0, level: "warn", source: "ui", message: m }),
      error: (m) => records.push({ time: 0, level: "error", source: "ui", message: m }),
      child() {
        return this;
      },
    },
  });
  app.start();
  return { t, app, records };
}

const messages = (records: LogRecord[]) => records.map((r) => `${r.level} ${r.message}`);

Deno.test("app: F4 works once the engine appears after the start", async () => {
  const feed = new StillMarket(market(seedBook()));
  const { t, app, records } = start(feed);
  t.press("f4");
  assertEquals(app.state.dialog, null);
  assert(messages(records)[0]!.startsWith("info F4: view-only"), messages(records)[0]);
  feed.engine = new FakeEngine(ETH_XBT);
  t.press("f4");
  assert(t.shows(" New buy order "), "the dialog opens");
  await app.stop();
});

Deno.test("app: a settled promise that fails, and a failed cancel, are logged", async () => {
  const e = new FakeEngine(ETH_XBT, [ownOrder(ETH_XBT, "sell", "0.0211", "1")]);
  const feed = new StillMarket(market(seedBook()), e);
  const { t, app, records } = start(feed);
  e.submit = (req) => {
    e.submits.push(req);
    return { clientId: "ui-9", settled: Promise.reject(new Error("journal write failed")) };
  };
  t.press("f4", ..."0.02", "enter", "1", "enter");
  e.cancel = (id) => {
    e.cancels.push(id);
    return Promise.reject<PortOrder>(new Error("EOrder:Unknown order"));
  };
  t.press("f6", "f8");
  await eventually(() => records.length >= 3, "three log lines");
  assertEquals(messages(records), [
    "info Canceling sell 1.00000000 ETH at 0.02110 XBT",
    "error Cannot place buy 1.00000000 ETH at 0.02000 XBT: journal write failed",
    "warn Cannot cancel sell 1.00000000 ETH at 0.02110 XBT: EOrder:Unknown order",
  ]);
  await app.stop();
});

Deno.test("app: an error other than OrderDenied from submit is an error line and a note", async () => {
  const e = new FakeEngine(ETH_XBT);
  const { t, app, records } = start(new StillMarket(market(seedBook()), e));
  e.submit = () => {
    throw new TypeError("Order owner must be ui");
  };
  t.press("f5", ..."0.03", "enter", "2", "enter");
  assertEquals(messages(records), [
    "error Cannot place sell 2.00000000 ETH at 0.03000 XBT: Order owner must be ui",
  ]);
  assert(t.shows("Order owner must be ui"), "the note in the dialog");
  await app.stop();
});

Deno.test("app: the open order list follows the engine's orders", async () => {
  const e = new FakeEngine(ETH_XBT, [ownOrder(ETH_XBT, "sell", "0.0211", "1")]);
  const { t, app } = start(new StillMarket(market(seedBook()), e));
  t.press("f6");
  assert(t.shows("ask 0.02110"), "the order is listed");
  e.submit({ side: "buy", price: "0.0205", volume: "3", owner: "cli" });
  await eventually(() => t.shows("bid 0.02050"), "the new order in the list");
  assert(t.shows("pending cli"), "with its status and owner");
  await app.stop();
});
