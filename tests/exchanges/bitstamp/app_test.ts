/**
 * The screen and strategies with `--exchange bitstamp`, end to end on the fake: the status line shows the
 * account, F4 places a buy that shows as own in the book, F6 + F8 cancels it, a restart reconciles; the buy
 * strategy live places exactly one order. Real parts: addSecret, unlockSecrets, exchanges/mod.ts, the
 * Trader with its journal, runUi (blessed) on a headless xterm, the strategy host with its Workers.
 */
import { assert, assertEquals } from "../../assert.ts";
import { eventually } from "../../eventually.ts";
import { formatTicks } from "../../../lib/core/mod.ts";
import { parseDecimal } from "../../../lib/core/decimal.ts";
import type { Trader } from "../../../lib/engine/mod.ts";
import { waitForLine } from "../../strategy/helpers.ts";
import { traderHost } from "../app/trader_host.ts";
import { FAKE_KEY } from "../../fakes/bitstamp/server.ts";
import { bitstampApp } from "./app_rig.ts";
import { typeBuy } from "../app/order_keys.ts";
import { openUi, type Screen } from "../app/screen.ts";

const F6 = "\x1b[17~";
const F8 = "\x1b[19~";

const has = (text: string) => (s: string[]) => s.some((r) => r.includes(text));
const lacks = (text: string) => (s: string[]) => !s.some((r) => r.includes(text));

Deno.test("bitstamp screen: balances; F4 buy shows as own in the book; F6 + F8 cancels; a restart reconciles", async () => {
  const home = await bitstampApp();
  const server = home.server;
  server.privateRest.openOrdersCacheMs = 0;
  const trader = await home.trader();
  let ui: Screen | null = openUi(home, trader);
  let running: Trader | null = trader;
  try {
    await ui.t.waitFor(
      (s) => s[0]!.includes("Account: 10.00000000 BTC + 250000.00 USD"),
      "the balances",
    );
    const level = server.top(3).bids[2]!;
    const price = formatTicks(level.price, server.pricePrecision);
    await typeBuy(ui.t, price, "0.001");
    await eventually(() => server.privateRest.count("buy/btcusd") === 1, "the buy at the fake");
    const [buy] = server.privateRest.calls.filter((c) => c.endpoint === "buy/btcusd");
    const clientId = buy!.params.client_order_id!;
    assertEquals(buy!.params, { amount: "0.00100000", price, client_order_id: clientId });
    const held = await eventually(() => server.account.byClientId(clientId), "the order at the fake");
    const row = (s: string[]) => s.find((r) => r.trimStart().startsWith(price + " "));
    await ui.t.waitFor((s) => /\s0\.00100000o\b/.test(row(s) ?? ""), "the own order in the book");
    ui.t.press(F6);
    await ui.t.waitFor(has(`bid ${price}`), "the order in the F6 list");
    ui.t.press(F8);
    await eventually(() => held.status === "Canceled", "the fake to cancel it");
    assertEquals(server.privateRest.calls.filter((c) => c.endpoint === "cancel_order").map((c) => c.params), [
      { id: held.id },
    ]);
    await eventually(() => trader.engine!.orders().length === 0, "no live order");

    // Two more; while PyTrader is down, one fills, a foreign one is placed on the website.
    const [a, b] = server.top(8).bids.slice(5, 7);
    for (const l of [a!, b!]) {
      const p = formatTicks(l.price, server.pricePrecision);
      await typeBuy(ui.t, p, "0.001");
      await ui.t.waitFor(lacks(" New buy order "), "the dialog to close");
      await eventually(
        () => trader.engine!.orders().some((o) => o.price === l.price && o.status === "open"),
        `the order at ${p}`,
      );
    }
    const ours = new Map(trader.engine!.orders().map((o) => [o.price, o]));
    await ui.quit();
    ui = null;
    await trader.stop();
    running = null;
    server.account.fill(ours.get(b!.price)!.id);
    server.account.place(
      "sell",
      "limit",
      new URLSearchParams({ price: String(server.top(1).asks[0]!.price + 500), amount: "0.00050000" }),
    );
    const buysBefore = server.privateRest.count("buy/btcusd");

    const restarted = running = await home.trader();
    await restarted.start();
    const engine = restarted.engine!;
    assertEquals(engine.orders().map((o) => [o.owner, o.status, o.side]), [["ui", "open", "buy"], [
      "foreign",
      "open",
      "sell",
    ]]);
    assertEquals(engine.order(ours.get(b!.price)!.clientId)?.status, "filled");
    assertEquals(server.privateRest.count("buy/btcusd"), buysBefore, "a restart never resubmits");
    assertEquals(
      server.privateRest.calls.filter((c) => c.outcome.startsWith('{"status":"error","reason":"API')),
      [],
    );
    for (const r of home.records) {
      assert(!r.message.includes(FAKE_KEY.key) && !r.message.includes(FAKE_KEY.secret), r.message);
    }
  } finally {
    if (ui) await ui.quit();
    if (running) await running.stop();
    await home.close();
  }
});

Deno.test("bitstamp strategies: buy live, a level above the ask places exactly one order, not one per tick", async () => {
  const home = await bitstampApp(
    "\n[strategy.buy]\nsimulate = False\nlevel = 400000\nalert = 100\nvolume = 30\nvolume_in = quote\n",
  );
  const server = home.server;
  server.account.balances.set("usd", parseDecimal("1000.00"));
  const trader = await home.trader();
  const { host, logs } = traderHost(trader, home.config);
  try {
    await trader.start();
    await eventually(
      () => trader.state.bookStatus === "ok" && trader.engine !== null && trader.state.ticker,
      "book, account, ticker",
    );
    await host.load("buy");
    await waitForLine(logs, /buy: buy level @ 400000 .* LIVE; armed/);
    server.moveBook(20);
    await eventually(() => server.privateRest.count("buy/btcusd") === 1, "the buy");
    await waitForLine(logs, /buy: filled/);
    server.moveBook(50);
    const top = () => JSON.stringify([server.top(20).bids, server.top(20).asks]);
    await eventually(
      () =>
        JSON.stringify([trader.state.book.levels("bid", 20), trader.state.book.levels("ask", 20)]) === top(),
      "50 more book frames (each a tick) taken in",
    );
    assertEquals(server.privateRest.count("buy/btcusd"), 1, "one order for the trigger, not one per tick");
  } finally {
    await host.close();
    await trader.stop();
    await home.close();
  }
});
