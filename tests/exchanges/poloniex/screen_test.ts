/**
 * The screen on Poloniex, end to end on the fake: the stored key unlocked at start, balances in the status
 * line, an F4 limit buy sent once with its client id and shown as our own in the book, F6 + F8 cancelling it.
 * Real parts only: the adapter from exchanges/mod.ts, the Trader with its journal, runUi (blessed) on a
 * headless xterm.
 */
import { assert, assertEquals } from "../../assert.ts";
import { eventually } from "../../eventually.ts";
import { formatTicks } from "../../../lib/core/mod.ts";
import { FAKE_KEY } from "../../fakes/poloniex/server.ts";
import { appHome } from "./app_rig.ts";
import { typeBuy } from "../app/order_keys.ts";
import { openUi } from "../app/screen.ts";

const F6 = "\x1b[17~";
const F8 = "\x1b[19~";

const has = (text: string) => (s: string[]) => s.some((r) => r.includes(text));
const lacks = (text: string) => (s: string[]) => !s.some((r) => r.includes(text));

Deno.test("poloniex screen: balances, an F4 buy shown as our own in the book, F6 + F8 cancels it", async () => {
  const home = await appHome();
  const server = home.server;
  const trader = await home.trader();
  const ui = openUi(home, trader);
  const t = ui.t;
  try {
    await t.waitFor(
      (s) => s[0]!.includes("Account: 10 BTC + 100000 USDT"),
      "the balances in the status line",
    );
    // The account feed's wallet can show before the Trader has read the account and reconciled the journal.
    await eventually(() => ui.app?.state.trading, "the account ready for orders on the screen");
    const level = server.book.top(3).bids[2]!;
    const price = formatTicks(level.price, 2);
    await typeBuy(t, price, "0.01");
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
    await ui.quit();
    await trader.stop();
    await home.close();
  }
});
