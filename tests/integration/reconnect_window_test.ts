/**
 * Issue 10, acceptance: between a reconnect and the venue's verified snapshot the book is not trusted, by
 * anyone. Real parts on the fake Kraken: the adapter from exchanges/mod.ts, a Trader with its journal, the
 * screen (runUi on a headless xterm) and a strategy in its Worker. The fake holds the snapshot of every book
 * subscription after the drop, so the window stays open until the test releases it.
 */

import { assertEquals } from "../assert.ts";
import { eventually } from "../eventually.ts";
import { formatTicks } from "../../lib/core/mod.ts";
import { strategyDir } from "../strategy/helpers.ts";
import { traderHost } from "../exchanges/app/trader_host.ts";
import { krakenHome, openUi } from "./kraken_rig.ts";

const F4 = "\x1bOS";
const ENTER = "\r";
const ESC = "\x1b";

const has = (text: string) => (s: string[]) => s.some((r) => r.includes(text));
const lacks = (text: string) => (s: string[]) => !s.some((r) => r.includes(text));
/** The second status line's book state: `book: ok`, `book: resyncing`. */
const bookShown = (status: string) => (s: string[]) => s[1]!.includes(`| book: ${status}`);

/** Logs whether the book it is handed is usable, each time it changes. */
const WATCHER = `
export default class {
  #last = "";
  constructor(api) { this.api = api; }
  onBookChanged(book) {
    const now = book.ok ? "ok" : "not ok";
    if (now !== this.#last) this.api.log("book " + now);
    this.#last = now;
  }
}
`;

Deno.test("issue 10: after a reconnect, until the fresh snapshot verifies, the screen shows resyncing, F4 buy is refused saying why, strategies see book.ok false", async () => {
  const home = await krakenHome();
  const server = home.server;
  const trader = await home.trader();
  const ui = openUi(home, trader);
  const files = await strategyDir({ "watcher.ts": WATCHER });
  const { host, logs } = traderHost(trader, home.config);
  try {
    await eventually(
      () => trader.state.bookStatus === "ok" && trader.engine !== null,
      "the book and account",
    );
    const report = await host.load(files.path("watcher.ts"));
    assertEquals(report.failed, [], "the watcher loads");
    server.sendBookUpdates(3);
    await eventually(
      () => logs.lines().some((l) => l.endsWith("book ok")),
      "the strategy to see the book ok",
    );
    await ui.t.waitFor(bookShown("ok"), "a verified book on screen");

    server.holdSnapshots = true;
    server.dropConnections();
    await eventually(() => server.heldSnapshots > 0, "the adapter to reconnect and resubscribe the book");
    assertEquals(trader.state.bookStatus, "resyncing");
    await ui.t.waitFor(
      (s) => bookShown("resyncing")(s) && has("book resyncing…")(s),
      "the status line and the book pane to show the book resyncing",
    );
    await eventually(
      () => logs.lines().some((l) => l.endsWith("book not ok")),
      "the strategy to see book.ok === false",
    );

    // F4 buy while the window is open: refused before anything is sent, with the reason on screen.
    const price = formatTicks(server.book.top(3).bids[2]!.price, server.pricePrecision);
    ui.t.press(F4);
    await ui.t.waitFor(has(" New buy order "), "the buy dialog");
    ui.t.press(price);
    ui.t.press(ENTER);
    ui.t.press("0.01");
    ui.t.press(ENTER);
    await ui.t.waitFor(
      (s) => has("the book is being")(s) && has("resynced (reconnected); wait")(s),
      "the refusal with its reason in the dialog",
    );
    await ui.t.waitFor(has("WARN Cannot place order on"), "the refusal in the main log");
    ui.t.press(ESC);
    await ui.t.waitFor(lacks(" New buy order "), "Esc to close the dialog");
    assertEquals(server.privateRest.callsOf("AddOrder").length, 0, "nothing was sent");
    assertEquals(trader.engine!.orders().length, 0);

    server.releaseSnapshots();
    await eventually(() => trader.state.bookStatus === "ok", "the fresh snapshot to verify");
    const top = server.book.top(10);
    assertEquals(trader.state.book.levels("bid", 10), top.bids, "the book is the venue's again");
    await ui.t.waitFor(
      (s) => bookShown("ok")(s) && lacks("book resyncing…")(s),
      "the screen to show the verified book",
    );
    // the strategy hears of it through its Worker, maybe after the screen has painted
    await eventually(
      () => logs.lines().filter((l) => l.endsWith("book ok")).length >= 2,
      "the strategy to see the book ok again",
    );
  } finally {
    server.releaseSnapshots();
    await host.close();
    await ui.quit();
    await trader.stop();
    await files.remove();
    await home.close();
  }
});
