/**
 * Issue 5, acceptance, end to end on the fake Kraken server: `--add-secret`, then a start with the passphrase
 * shows balances; F4 places a limit order that appears in the book as own; F6 + F8 cancels it; a restart
 * reconciles the journal with the server's open orders. Real parts only: addSecret, unlockSecrets, the adapter
 * from exchanges/mod.ts, the Trader with its journal file, runUi (blessed) on a headless xterm.
 */

import { assert, assertEquals } from "../assert.ts";
import { formatTicks } from "../../lib/core/mod.ts";
import { journalPathFor, type Trader } from "../../lib/engine/mod.ts";
import { FAKE_KEY } from "../fakes/kraken/server.ts";
import { krakenHome, openUi, refusedCalls, type Screen } from "./kraken_rig.ts";
import { typeBuy } from "../exchanges/app/order_keys.ts";
import { eventually } from "../eventually.ts";

const F6 = "\x1b[17~";
const F8 = "\x1b[19~";
const ESC = "\x1b";

const has = (text: string) => (s: string[]) => s.some((r) => r.includes(text));
const lacks = (text: string) => (s: string[]) => !s.some((r) => r.includes(text));

Deno.test("issue 5: --add-secret, start with the passphrase, balances; F4 order shows own in the book; F6 + F8 cancels; a restart reconciles", async () => {
  const home = await krakenHome();
  const server = home.server;
  const trader = await home.trader();
  let ui: Screen | null = openUi(home, trader);
  let running: Trader | null = trader;
  try {
    // Balances, with Kraken's asset codes (XXBT, ZUSD) normalised.
    const btc = server.account.amountText("XXBT");
    const usd = server.account.amountText("ZUSD");
    await ui.t.waitFor(
      (s) => s[0]!.includes(`Account: ${btc} BTC + ${usd} USD`),
      "the fake's balances in the status line",
    );

    // F4: a limit buy below the best bid, at a level of the book, so the book's own column shows it.
    const level = server.book.top(3).bids[2]!;
    const price = formatTicks(level.price, server.pricePrecision);
    assert(level.price < server.book.top(1).bids[0]!.price);
    await typeBuy(ui.t, price, "0.01");
    await ui.t.waitFor(lacks(" New buy order "), "the dialog to close");
    await eventually(() => server.privateRest.callsOf("AddOrder").length === 1, "AddOrder at the fake");
    const [add] = server.privateRest.callsOf("AddOrder");
    const clOrdId = add!.params.cl_ord_id!;
    assertEquals(add!.params, {
      pair: "XXBTZUSD",
      type: "buy",
      ordertype: "limit",
      volume: "0.01",
      price,
      cl_ord_id: clOrdId,
    });
    assert(/^[A-Za-z0-9-]{1,36}$/.test(clOrdId), `a client order id: ${clOrdId}`);
    await eventually(() => server.account.byClientId(clOrdId) !== undefined, "the fake to hold the order");
    const held = server.account.byClientId(clOrdId);
    assertEquals([held?.status, held?.price, held?.qty], ["open", level.price, 1_000_000]);
    const row = (s: string[]) => s.find((r) => r.trimStart().startsWith(price + " "));
    await ui.t.waitFor((s) => /\s0\.01000000o\b/.test(row(s) ?? ""), "the own order, open, in the book");
    assertEquals(server.privateRest.callsOf("AddOrder").length, 1, "exactly one AddOrder");
    assertEquals(trader.engine!.orders().map((o) => [o.clientId, o.id, o.status, o.owner]), [
      [clOrdId, held!.txid, "open", "ui"],
    ]);

    // F6 lists it, F8 cancels the highlighted order.
    const listed = `bid ${price}      0.01`;
    ui.t.press(F6);
    await ui.t.waitFor(has(listed), "the order in the F6 list");
    ui.t.press(F8);
    await ui.t.waitFor(lacks(" Cancel order(s) "), "the list to close");
    await eventually(() => server.privateRest.callsOf("CancelOrder").length === 1, "CancelOrder at the fake");
    await eventually(() => held!.status === "canceled", "the fake to cancel the order");
    assertEquals(server.privateRest.callsOf("CancelOrder")[0]!.params, { txid: held!.txid });
    await ui.t.waitFor((s) => !/\d[op]\b/.test(row(s) ?? "x"), "the own order gone from the book");
    await eventually(() => trader.engine!.orders().length === 0, "no live order in the engine");
    ui.t.press(F6);
    await ui.t.waitFor(has(" Cancel order(s) "), "the order list again");
    await ui.t.waitFor(lacks(listed), "the list without the canceled order");
    ui.t.press(ESC);
    await ui.t.waitFor(lacks(" Cancel order(s) "), "Esc to close the list");

    // Three more of ours from the keyboard: while PyTrader is down, one stays open, one is canceled on
    // Kraken's website and one fills.
    const [keep, gone, filled] = server.book.top(8).bids.slice(5, 8);
    for (const l of [keep!, gone!, filled!]) {
      const p = formatTicks(l.price, server.pricePrecision);
      await typeBuy(ui.t, p, "0.02");
      await ui.t.waitFor(
        (s) => /\s0\.02000000o\b/.test(s.find((r) => r.trimStart().startsWith(p + " ")) ?? ""),
        `the order at ${p} open in the book`,
      );
    }
    assertEquals(server.privateRest.callsOf("AddOrder").length, 4);
    const ours = new Map(trader.engine!.orders().map((o) => [o.price, o]));
    const [keepOrder, goneOrder, filledOrder] = [keep!, gone!, filled!].map((l) => ours.get(l.price)!);
    assertEquals(ours.size, 3);

    await ui.quit();
    ui = null;
    await trader.stop();
    running = null;
    assertEquals(server.accountFeed.openConnections, 0, "the account socket is closed");

    // Meanwhile on Kraken: a foreign order, one of ours canceled, one filled.
    const foreign = server.account.addOrder(
      new URLSearchParams({
        pair: "XXBTZUSD",
        type: "sell",
        ordertype: "limit",
        volume: "0.5",
        price: "30100.0",
      }),
    );
    assertEquals(foreign.error, []);
    const foreignTxid = (foreign.result as { txid: string[] }).txid[0]!;
    server.account.cancelOrder(new URLSearchParams({ txid: goneOrder!.id }));
    server.account.fill(filledOrder!.id);
    const addsBefore = server.privateRest.callsOf("AddOrder").length;

    // A restart: a new adapter and Trader on the same journal file (beside the ini).
    assert((await Deno.stat(journalPathFor(home.ini))).isFile, "the journal file beside the ini");
    const restarted = running = await home.trader();
    await restarted.start();
    const engine = restarted.engine!;
    assert(engine !== null, "trading is available after the restart");
    const live = engine.orders().map((o) => [o.id, o.clientId, o.owner, o.status, o.side, o.price, o.qty]);
    assertEquals(live, [
      [keepOrder!.id, keepOrder!.clientId, "ui", "open", "buy", keep!.price, 2_000_000],
      [foreignTxid, "", "foreign", "open", "sell", 301_000, 50_000_000],
    ]);
    assertEquals(engine.order(goneOrder!.clientId)?.status, "canceled");
    assertEquals(engine.order(filledOrder!.clientId)?.status, "filled");
    assertEquals(engine.order(filledOrder!.clientId)?.filled, 2_000_000);
    assertEquals(server.privateRest.callsOf("AddOrder").length, addsBefore, "a restart never resubmits");
    assertEquals(refusedCalls(server), [], "no request refused for key, signature or nonce");
    assertEquals(server.privateRest.callsOf("CancelOrder").length, 1);
    // The decrypted key and secret never reach a log line.
    for (const r of home.records) {
      assert(!r.message.includes(FAKE_KEY.key) && !r.message.includes(FAKE_KEY.secret), r.message);
    }
  } finally {
    if (ui) await ui.quit();
    if (running) await running.stop();
    await home.close();
  }
});
