/**
 * Issue 6, acceptance: balancer, buy and sell run end to end on the fake Kraken server, in live and simulation
 * modes. Real parts: the key stored by `--add-secret` and unlocked with the passphrase, the adapter from
 * exchanges/mod.ts, a Trader with its journal, the strategy host with each strategy in its Worker, settings
 * from `[strategy.<name>]` of the temp ini (iniConfig). What reaches Kraken is read from the fake's records.
 */

import { assertEquals } from "../assert.ts";
import { formatTicks } from "../../lib/core/mod.ts";
import { parseDecimal } from "../../lib/core/decimal.ts";
import type { Trader } from "../../lib/engine/mod.ts";
import type { StrategyHost } from "../../lib/strategy/mod.ts";
import { planOrders } from "../../strategies/balancer_math.ts";
import { fixed } from "../../strategies/balancer.ts";
import type { FakeKraken } from "../fakes/kraken/server.ts";
import { type memoryLogs, waitForLine } from "../strategy/helpers.ts";
import { traderHost } from "../exchanges/app/trader_host.ts";
import { type Home, krakenHome, refusedCalls } from "./kraken_rig.ts";
import { eventually } from "../eventually.ts";

/** The fake's best bid and ask at the start (its generated book is centred on 30000.0). */
const BID = 299_999;
const ASK = 300_001;

/** A documented-shape ticker update (https://docs.kraken.com/api/docs/websocket-v2/ticker) with these prices. */
function tickerFrame(bid: number, ask: number): string {
  const p = (t: number) => formatTicks(t, 1);
  const ts = new Date().toISOString().replace("Z", "000Z");
  return `{"channel":"ticker","type":"update","data":[{"symbol":"BTC/USD","bid":${
    p(bid)
  },"bid_qty":1.00000000,` +
    `"ask":${p(ask)},"ask_qty":1.00000000,"last":${p(bid)},"volume":1234.56789000,"vwap":${p(bid)},` +
    `"low":${p(bid - 1000)},"high":${p(ask + 1000)},"change":0.0,"change_pct":0.00,"timestamp":"${ts}"}]}`;
}

interface Rig {
  readonly home: Home;
  readonly server: FakeKraken;
  readonly trader: Trader;
  readonly host: StrategyHost;
  readonly logs: ReturnType<typeof memoryLogs>;
  /** Sends a ticker from the fake and waits until the Trader has it. */
  tick(bid: number, ask: number): Promise<void>;
  adds(): Record<string, string>[];
  close(): Promise<void>;
}

/**
 * The fake with a 1 BTC + 30,000 USD account (balanced at the fake's price, so the balancer's levels fall
 * inside the engine's price band), a started Trader on it, and a strategy host reading `[strategy.*]`.
 */
async function rig(strategyIni: string): Promise<Rig> {
  const home = await krakenHome(strategyIni);
  const server = home.server;
  server.account.balances.set("XXBT", parseDecimal("1.0000000000"));
  server.account.balances.set("ZUSD", parseDecimal("30000.0000"));
  const trader = await home.trader();
  let host: StrategyHost | null = null;
  try {
    await trader.start();
    await eventually(
      () =>
        trader.state.bookStatus === "ok" && trader.engine !== null &&
        trader.state.balances?.BTC !== undefined,
      "the book and the account",
    );
    assertEquals([trader.state.book.bestBid(), trader.state.book.bestAsk()], [BID, ASK]);
    assertEquals([trader.state.balances!.BTC, trader.state.balances!.USD], ["1.0000000000", "30000.0000"]);
    const started = traderHost(trader, home.config);
    const logs = started.logs;
    host = started.host;
    const h = host;
    return {
      home,
      server,
      trader,
      host: h,
      logs,
      async tick(bid, ask) {
        const before = trader.state.ticker;
        server.sendRaw(tickerFrame(bid, ask));
        await eventually(
          () => trader.state.ticker !== before && trader.state.ticker?.ask === ask,
          `the ticker ${bid} / ${ask}`,
        );
      },
      adds: () => server.privateRest.callsOf("AddOrder").map((c) => ({ ...c.params })),
      async close() {
        await h.close();
        await trader.stop();
        await home.close();
      },
    };
  } catch (e) {
    await host?.close();
    await trader.stop();
    await home.close();
    throw e;
  }
}

/** Log lines of the strategies matching `re`. */
function count(r: Rig, re: RegExp): number {
  return r.logs.lines().filter((l) => re.test(l)).length;
}

Deno.test("balancer live on the fake Kraken: halted until p; p places its two orders, c cancels only those", async () => {
  const r = await rig(
    "\n[strategy.balancer]\nsimulate = False\nmin_amount = 0.001\ntrade_fee = 0.16\n",
  );
  try {
    // Orders that are not the balancer's: one from the keyboard, one placed on Kraken's website.
    const ui = r.trader.engine!.submit({ side: "buy", price: "29000.0", volume: "0.01", owner: "ui" });
    assertEquals((await ui.settled).status, "open");
    r.server.account.addOrder(
      new URLSearchParams({
        pair: "XBTUSD",
        type: "sell",
        ordertype: "limit",
        volume: "0.1",
        price: "31000.0",
      }),
    );
    assertEquals(r.adds().length, 1);

    await r.host.load("balancer");
    await waitForLine(r.logs, /balancer LIVE - halted \(p to start\)/);
    await r.tick(BID, ASK);
    assertEquals(r.adds().length, 1, "nothing before p");

    r.host.keypress("p");
    const mine = () => r.trader.engine!.orders().filter((o) => o.owner === "strategy:balancer");
    await eventually(
      () => mine().filter((o) => o.status === "open").length === 2,
      "two open balancer orders",
    );
    const sent = r.adds().slice(1);
    assertEquals(sent.length, 2, "the fake received two AddOrders");
    const plan = planOrders({ quote: 30000, base: 1 }, 29999.9, 30000.1, {
      distance: 5,
      distanceSell: 5,
      fee: 0.16,
      compensateFees: true,
      correctionMargin: 1,
      minAmount: 0.001,
      forced: [],
    })!;
    const byType = Object.fromEntries(sent.map((p) => [p.type, p]));
    assertEquals(Number(byType.buy!.price), Math.round(plan.nextBuy * 10) / 10);
    assertEquals(Number(byType.sell!.price), Math.round(plan.nextSell * 10) / 10);
    assertEquals(Number(byType.buy!.volume), Math.floor(plan.buyAmount * 1e8) / 1e8);
    assertEquals(Number(byType.sell!.volume), Math.floor(plan.sellAmount * 1e8) / 1e8);
    for (const p of sent) {
      assertEquals(p.ordertype, "limit");
      const held = r.server.account.byClientId(p.cl_ord_id!);
      assertEquals(held?.status, "open", `the fake holds ${p.type} ${p.cl_ord_id}`);
    }

    r.host.keypress("c");
    await waitForLine(r.logs, /LIVE - halted, orders canceled/);
    await eventually(() => mine().length === 0, "the balancer's orders canceled");
    for (const p of sent) {
      await eventually(
        () => r.server.account.byClientId(p.cl_ord_id!)?.status === "canceled",
        "canceled at the fake",
      );
    }
    const canceled = r.server.privateRest.callsOf("CancelOrder").map((c) =>
      c.params.txid ?? c.params.cl_ord_id
    );
    assertEquals(
      canceled.sort(),
      sent.map((p) => r.server.account.byClientId(p.cl_ord_id!)!.txid).sort(),
      "exactly the balancer's two orders were canceled",
    );
    assertEquals(r.server.privateRest.callsOf("CancelAll").length, 0);
    const open = [...r.server.account.orders.values()].filter((o) => o.status === "open");
    assertEquals(open.map((o) => o.price).sort(), [290_000, 310_000], "the other orders stay open");
    assertEquals(r.adds().length, 3);
    assertEquals(refusedCalls(r.server), []);
  } finally {
    await r.close();
  }
});

Deno.test("balancer simulation on the fake Kraken: p plans and fills in its own wallet; nothing is sent", async () => {
  const r = await rig(
    "\n[strategy.balancer]\nsimulate_quote = 30000\nsimulate_base = 1\nmin_amount = 0.001\n",
  );
  try {
    await r.host.load("balancer");
    await waitForLine(r.logs, /balancer SIMULATION - halted \(p to start\)/);
    await r.tick(BID, ASK);
    r.host.keypress("p");
    const plan = planOrders({ quote: 30000, base: 1 }, 29999.9, 30000.1, {
      distance: 5,
      distanceSell: 5,
      fee: 0.05,
      compensateFees: true,
      correctionMargin: 1,
      minAmount: 0.001,
      forced: [],
    })!;
    const sell = `${fixed(plan.sellAmount, 8, "down")} at ${fixed(plan.nextSell, 1, "nearest")}`; // XBT/USD: 1 and 8 decimals
    await waitForLine(r.logs, new RegExp(`SIMULATION - new sell order ${sell}`));
    // The price rises through the simulated sell.
    const up = Math.ceil(plan.nextSell * 10) + 10;
    await r.tick(up - 2, up);
    await waitForLine(r.logs, new RegExp(`SIMULATION - sold ${sell}`));
    await eventually(() => count(r, /SIMULATION - new sell order/) === 2, "the next simulated pair");
    r.host.keypress("c");
    await waitForLine(r.logs, /SIMULATION - halted, orders canceled/);
    assertEquals(r.adds(), [], "simulation sent no order");
    assertEquals(
      r.server.privateRest.callsOf("CancelOrder").length + r.server.privateRest.callsOf("CancelAll").length,
      0,
    );
    assertEquals(r.trader.state.balances!.BTC, "1.0000000000", "the real wallet is untouched");
  } finally {
    await r.close();
  }
});

Deno.test("buy live on the fake Kraken: a level above the ask places exactly one order, not one per tick", async () => {
  const r = await rig(
    "\n[strategy.buy]\nsimulate = False\nlevel = 30100\nalert = 100\nvolume = 300\nvolume_in = quote\n",
  );
  try {
    await r.host.load("buy");
    await waitForLine(r.logs, /buy: buy level @ 30100\.0 .* LIVE; armed/);
    assertEquals(r.adds(), []);
    await r.tick(BID, ASK);
    await eventually(() => r.adds().length === 1, "the buy");
    const [add] = r.adds();
    assertEquals(
      { ...add, cl_ord_id: "" },
      {
        pair: "XXBTZUSD",
        type: "buy",
        ordertype: "limit",
        price: "30000.1",
        volume: "0.00999996",
        cl_ord_id: "",
      },
    );
    await waitForLine(r.logs, /buy: filled 0\.00999996 BTC/);
    // Each alert (the ask leaving the trigger zone) proves the trigger-zone tick before it was handled.
    for (let i = 1; i <= 3; i++) {
      await r.tick(301_490, 301_500);
      await eventually(
        () => count(r, /!!! buy ALERT: ask 30150\.0 is within 100\.0 of the level 30100\.0/) === i,
        `alert ${i}`,
      );
      await r.tick(BID, ASK);
    }
    await r.tick(301_490, 301_500);
    await eventually(() => count(r, /!!! buy ALERT/) === 4, "the last alert");
    assertEquals(r.adds().length, 1, "one order for the trigger, not one per tick");
    r.host.keypress("b");
    await waitForLine(r.logs, /buy: buy level @ 30100\.0 .* LIVE; done/);
    assertEquals(refusedCalls(r.server), []);
  } finally {
    await r.close();
  }
});

Deno.test("sell live on the fake Kraken: a level below the bid places exactly one order, not one per tick", async () => {
  const r = await rig(
    "\n[strategy.sell]\nsimulate = False\nlevel = 29900\nalert = 100\nvolume = 0.01\nvolume_in = base\n",
  );
  try {
    await r.host.load("sell");
    await waitForLine(r.logs, /sell: sell level @ 29900\.0 .* LIVE; armed/);
    await r.tick(BID, ASK);
    await eventually(() => r.adds().length === 1, "the sell");
    const [add] = r.adds();
    assertEquals(
      { ...add, cl_ord_id: "" },
      { pair: "XXBTZUSD", type: "sell", ordertype: "limit", price: "29999.9", volume: "0.01", cl_ord_id: "" },
    );
    await waitForLine(r.logs, /sell: filled 0\.01000000 BTC/);
    for (let i = 1; i <= 3; i++) {
      await r.tick(298_500, 298_510);
      await eventually(
        () => count(r, /!!! sell ALERT: bid 29850\.0 is within 100\.0 of the level 29900\.0/) === i,
        `alert ${i}`,
      );
      await r.tick(BID, ASK);
    }
    await r.tick(298_500, 298_510);
    await eventually(() => count(r, /!!! sell ALERT/) === 4, "the last alert");
    assertEquals(r.adds().length, 1, "one order for the trigger, not one per tick");
    assertEquals(refusedCalls(r.server), []);
  } finally {
    await r.close();
  }
});

Deno.test("buy and sell in simulation on the fake Kraken: they say what they would do and send nothing", async () => {
  const r = await rig(
    "\n[strategy.buy]\nlevel = 30100\nalert = 100\nvolume = 300\n\n[strategy.sell]\nlevel = 29900\nalert = 100\n" +
      "volume = 0.01\nvolume_in = base\n",
  );
  try {
    await r.host.load(["buy", "sell"]);
    await waitForLine(r.logs, /buy: buy level @ 30100\.0 .* simulation; armed/);
    await waitForLine(r.logs, /sell: sell level @ 29900\.0 .* simulation; armed/);
    await r.tick(BID, ASK);
    // 300 USD / 30000.1 = 0.0099999667: cut to 8 places, as a live order would send it.
    await waitForLine(r.logs, />>> SIMULATION - would BUY 0\.00999996 BTC @ 30000\.1/);
    await waitForLine(r.logs, />>> SIMULATION - would SELL 0\.01000000 BTC @ 29999\.9/);
    // Out to the alert zones and back, twice: each alert proves the trigger-zone tick before it was handled.
    for (let i = 1; i <= 2; i++) {
      await r.tick(298_500, 301_500);
      await eventually(() => count(r, /!!! (buy|sell) ALERT/) === 2 * i, `alerts ${i}`);
      await r.tick(BID, ASK);
    }
    await r.tick(298_500, 301_500);
    await eventually(() => count(r, /!!! (buy|sell) ALERT/) === 6, "the last alerts");
    assertEquals(count(r, /would (BUY|SELL)/), 2, "one simulated order each");
    assertEquals(r.adds(), []);
  } finally {
    await r.close();
  }
});
