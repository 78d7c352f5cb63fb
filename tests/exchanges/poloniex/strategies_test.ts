/**
 * A built-in strategy live on the fake Poloniex: the socket's ticker carries no bid or ask, so the adapter
 * gives it the book's, and `buy` triggers on the ask as on any venue. Real parts: the key unlocked at start,
 * the adapter from exchanges/mod.ts, a Trader with its journal, the strategy host with the strategy in its
 * Worker, settings from `[strategy.buy]` of the temp ini.
 */
import { assertEquals } from "../../assert.ts";
import { eventually } from "../../eventually.ts";
import { formatTicks } from "../../../lib/core/mod.ts";
import { waitForLine } from "../../strategy/helpers.ts";
import { traderHost } from "../app/trader_host.ts";
import { appHome } from "./app_rig.ts";

Deno.test("poloniex buy strategy, live: a level above the ask places exactly one order at the ask, not one per tick", async () => {
  // The fake's book starts around 26447.58; the level lies above its ask.
  const home = await appHome(
    "\n[strategy.buy]\nsimulate = False\nlevel = 26500\nalert = 10\nvolume = 300\nvolume_in = quote\n",
  );
  const server = home.server;
  const trader = await home.trader();
  const { host, logs } = traderHost(trader, home.config);
  try {
    await trader.start();
    await eventually(
      () => trader.state.bookStatus === "ok" && trader.engine !== null && trader.state.ticker !== null,
      "the book, the account and the first ticker",
    );
    await host.load("buy");
    await waitForLine(logs, /buy: buy level @ 26500\.00 .* LIVE; armed/);
    const ask = server.book.best().ask;
    for (let i = 0; i < 5; i++) {
      const before = trader.state.ticker;
      server.sendTicker();
      await eventually(() => trader.state.ticker !== before, `ticker ${i + 1}`);
      assertEquals(trader.state.ticker!.ask, ask, "the ticker's ask is the book's");
    }
    await eventually(() => server.account.orders.size === 1, "the buy at the fake");
    const posts = () => server.privateRest.calls.filter((c) => c.method === "POST" && c.path === "/orders");
    const body = JSON.parse(posts()[0]!.body);
    assertEquals([body.side, body.type, body.price], [
      "BUY",
      "LIMIT",
      formatTicks(ask, 2).replace(/\.?0+$/, ""),
    ]);
    await waitForLine(logs, /buy: filled /);
    for (let i = 0; i < 3; i++) {
      const before = trader.state.ticker;
      server.sendTicker();
      await eventually(() => trader.state.ticker !== before, `ticker after the fill ${i + 1}`);
    }
    assertEquals(posts().length, 1, "one order for the trigger, not one per tick");
  } finally {
    await host.close();
    await trader.stop();
    await home.close();
  }
});
