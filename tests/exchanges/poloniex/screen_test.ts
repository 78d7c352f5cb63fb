/**
 * The screen on Poloniex, end to end on the fake: the stored key unlocked at start, balances in the status
 * line, an F4 limit buy sent once with its client id and shown as our own in the book, F6 + F8 cancelling it.
 * Real parts only: the adapter from exchanges/mod.ts, the Trader with its journal, runUi (blessed) on a
 * headless xterm.
 */
import { assert, assertEquals } from "../../assert.ts";
import { eventually } from "../../eventually.ts";
import { formatTicks } from "../../../lib/core/mod.ts";
import { runUi, type UiApp } from "../../../lib/ui/mod.ts";
import { Headless } from "../../ui/headless.ts";
import { FAKE_KEY } from "../../fakes/poloniex/server.ts";
import { appHome } from "./app_rig.ts";

const F4 = "\x1bOS";
const F6 = "\x1b[17~";
const F8 = "\x1b[19~";
const ENTER = "\r";

const has = (text: string) => (s: string[]) => s.some((r) => r.includes(text));
const lacks = (text: string) => (s: string[]) => !s.some((r) => r.includes(text));

Deno.test("poloniex screen: balances, an F4 buy shown as our own in the book, F6 + F8 cancels it", async () => {
  const home = await appHome();
  const server = home.server;
  const trader = await home.trader();
  const t = new Headless(120, 40);
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
  try {
    await t.waitFor(
      (s) => s[0]!.includes("Account: 10 BTC + 100000 USDT"),
      "the balances in the status line",
    );
    // The account feed's wallet can show before the Trader has read the account and reconciled the journal.
    await eventually(() => app?.state.trading, "the account ready for orders on the screen");
    const level = server.book.top(3).bids[2]!;
    const price = formatTicks(level.price, 2);
    t.press(F4);
    await t.waitFor(has(" New buy order "), "the buy dialog");
    t.press(price);
    await t.waitFor(has(` price  ${price}`), "the price typed");
    t.press(ENTER);
    t.press("0.01");
    await t.waitFor(has("volume  0.01 "), "the volume typed");
    t.press(ENTER);
    await t.waitFor(lacks(" New buy order "), "the dialog to close");
    await eventually(() => server.account.open().length === 1, "the order at the fake");
    const held = server.account.open()[0]!;
    assertEquals([held.price, held.qty, held.side], [level.price, 10_000, "BUY"]);
    assert(/^pt[0-9a-z]{16}$/.test(held.clientOrderId), `our client id: ${held.clientOrderId}`);
    const row = (s: string[]) => s.find((r) => r.trimStart().startsWith(price + " "));
    await t.waitFor((s) => /\s0\.010000o\b/.test(row(s) ?? ""), "the own order, open, in the book");
    assertEquals(server.privateRest.count("POST", "/orders"), 1, "sent once");

    t.press(F6);
    await t.waitFor(has(`bid ${price}`), "the order in the F6 list");
    t.press(F8);
    await t.waitFor(lacks(" Cancel order(s) "), "the list to close");
    await eventually(() => held.state === "CANCELED", "the fake to cancel it");
    await t.waitFor((s) => !/\d[op]\b/.test(row(s) ?? "x"), "the own order gone from the book");
    for (const r of home.records) {
      assert(!r.message.includes(FAKE_KEY.key) && !r.message.includes(FAKE_KEY.secret), r.message);
    }
  } finally {
    if (app && !app.state.quitting) t.press("q");
    await done;
    t.dispose();
    await trader.stop();
    await home.close();
  }
});
