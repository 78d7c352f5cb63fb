/**
 * Balancer, buy and sell end to end: the real Trader, order engine and sim matching engine (stepped by hand),
 * strategies in their Workers, in live and simulation modes. Simulation never sends an order.
 */
import { assert, assertEquals } from "../assert.ts";
import type { SubmitOrder } from "../../lib/core/mod.ts";
import { Trader } from "../../lib/engine/mod.ts";
import { StrategyHost } from "../../lib/strategy/host.ts";
import type { ConfigSource } from "../../lib/strategy/port.ts";
import { TraderPort } from "../../lib/strategy/trader_port.ts";
import { createSim, type SimExchange } from "../../exchanges/sim/mod.ts";
import { memoryLogs, TEST_LIMITS, waitForLine } from "./helpers.ts";
import { eventually } from "../eventually.ts";
import { buyAt, type LevelParams, planOrders } from "../../strategies/balancer_math.ts";
import { fixed } from "../../strategies/balancer.ts";

const PARAMS: LevelParams = {
  distance: 5,
  distanceSell: 5,
  fee: 0.16,
  compensateFees: true,
  correctionMargin: 1,
  minAmount: 0.001,
  forced: [],
};

const PAIR = "BTC/USD";
const BTC = 100_000_000;

/** Ini sections as the test wants them, over the strategies' declared defaults. */
function configOf(sections: Record<string, Record<string, string>>): ConfigSource {
  return {
    section: (name, defaults) => Promise.resolve({ ...Object.fromEntries(defaults), ...sections[name] }),
  };
}

/** A thin book: 1 BTC at bid and ask, more further out (prices in USD). */
function setBook(sim: SimExchange, bid: number, ask: number, extraAsk?: number): void {
  sim.setBook(
    PAIR,
    [{ price: bid * 10, qty: BTC }, { price: (bid - 8000) * 10, qty: 5 * BTC }],
    [
      { price: ask * 10, qty: BTC },
      ...(extraAsk ? [{ price: extraAsk * 10, qty: BTC }] : []),
      { price: (ask + 10000) * 10, qty: 5 * BTC },
    ],
  );
}

async function rig(sections: Record<string, Record<string, string>>) {
  const sim = createSim({ auto: false, symbol: PAIR, balances: { USD: "60000", BTC: "1" } });
  const placed: SubmitOrder[] = [];
  const place = sim.placeOrder.bind(sim);
  sim.placeOrder = (cmd) => {
    placed.push(cmd);
    return place(cmd);
  };
  const trader = new Trader(sim, { symbol: PAIR, depth: 100, timeframe: 1 });
  await trader.start();
  setBook(sim, 59990, 60010, 64000);
  await eventually(() => trader.state.book.bestAsk() === 600100, "the book");
  const logs = memoryLogs();
  const host = new StrategyHost({
    port: new TraderPort(trader),
    log: logs.logger.log("strategies"),
    strategyLog: logs.logger.log("strategy"),
    config: configOf(sections),
    limits: TEST_LIMITS,
  });
  /** A tiny trade by someone else, so that the venue sends a ticker. */
  const tick = async (side: "buy" | "sell" = "buy") => {
    const before = trader.state.ticker;
    sim.takeLiquidity(PAIR, side, 1000);
    await eventually(() => trader.state.ticker !== before, "a ticker");
  };
  const mine = (name: string) =>
    (trader.engine?.orders() ?? []).filter((o) => o.owner === `strategy:${name}`);
  return {
    sim,
    trader,
    host,
    logs,
    placed,
    tick,
    mine,
    close: async () => {
      await host.close();
      await trader.stop();
    },
  };
}

Deno.test("balancer live on sim: halted until p, two orders, a fill re-centres on the new balances", async () => {
  const r = await rig({ balancer: { simulate: "False", min_amount: "0.001", trade_fee: "0.16" } });
  try {
    await r.host.load("balancer");
    await waitForLine(r.logs, /balancer LIVE - halted \(p to start\)/);
    await r.tick();
    assertEquals(r.placed, [], "nothing before p");
    r.host.keypress("p");
    await eventually(
      () => r.mine("balancer").filter((o) => o.status === "open").length === 2,
      "two open orders",
    );
    const [buy, sell] = ["buy", "sell"].map((s) => r.mine("balancer").find((o) => o.side === s)!);
    const plan = planOrders({ quote: 60000, base: 1 }, 59990, 60010, PARAMS)!;
    assertEquals(buy!.price, Math.round(plan.nextBuy * 10), `buy at ${plan.nextBuy}`);
    assertEquals(sell!.price, Math.round(plan.nextSell * 10), `sell at ${plan.nextSell}`);
    assertEquals(buy!.qty, Math.floor(plan.buyAmount * BTC), `buy ${plan.buyAmount}`);
    assertEquals(sell!.qty, Math.floor(plan.sellAmount * BTC), `sell ${plan.sellAmount}`);
    // Someone buys through the 60010 level and our sell.
    r.sim.takeLiquidity(PAIR, "buy", BTC + sell!.qty);
    await waitForLine(r.logs, /got balances, sold: re-centring/);
    await eventually(
      () =>
        r.mine("balancer").filter((o) => o.status === "open" && o.clientId !== buy!.clientId).length === 2,
      "two new orders",
    );
    const fresh = r.mine("balancer");
    assertEquals(fresh.length, 2, "the old buy was canceled");
    const usd = Number(r.trader.state.balances!.USD);
    const btc = Number(r.trader.state.balances!.BTC);
    await waitForLine(r.logs, new RegExp(`center is ${fixed(usd / btc, 1, "nearest")}`));
    assert(r.placed.length === 4, `${r.placed.length} orders sent`);
  } finally {
    await r.close();
  }
});

Deno.test("balancer live on sim: s then p, the buy refused by the price band halts it and cancels the sell", async () => {
  // distance 15 % puts the buy outside the 10 % price band around the mid; the sell 5 % above is fine.
  const r = await rig({ balancer: { min_amount: "0.001", trade_fee: "0.16", distance: "15" } });
  try {
    await r.host.load("balancer");
    await waitForLine(r.logs, /balancer SIMULATION - halted/);
    r.host.keypress("s");
    await waitForLine(r.logs, /LIVE mode: p places real orders/);
    r.host.keypress("p");
    await waitForLine(r.logs, /was refused \(.*price.*\); halted/);
    await eventually(() => r.placed.some((o) => o.side === "sell"), "the sell sent");
    await eventually(() => r.mine("balancer").length === 0, "no balancer order left working");
    assertEquals(r.placed.map((o) => o.side), ["sell"], "the refused buy never left");
    await eventually(
      () => r.trader.engine?.order(r.placed[0]!.clientId)?.status === "canceled",
      "the sell canceled",
    );
  } finally {
    await r.close();
  }
});

Deno.test("balancer simulation on sim: no trading before p, fills only in its own wallet, nothing sent", async () => {
  const r = await rig({ balancer: { simulate_quote: "60000", simulate_base: "1", min_amount: "0.001" } });
  try {
    await r.host.load("balancer");
    await waitForLine(r.logs, /balancer SIMULATION - halted \(p to start\)/);
    for (let i = 0; i < 5; i++) await r.tick(i % 2 ? "buy" : "sell");
    assert(!r.logs.lines().some((l) => /SIMULATION - (sold|bought)/.test(l)), "traded before p");
    r.host.keypress("p");
    const plan = planOrders({ quote: 60000, base: 1 }, 59990, 60010, { ...PARAMS, fee: 0.05 })!;
    const sell = `${fixed(plan.sellAmount, 8, "down")} at ${fixed(plan.nextSell, 1, "nearest")}`;
    await waitForLine(r.logs, new RegExp(`SIMULATION - new sell order ${sell}`));
    setBook(r.sim, 64000, 64010);
    await r.tick();
    await waitForLine(r.logs, new RegExp(`SIMULATION - sold ${sell}`));
    await eventually(
      () => r.logs.lines().filter((l) => l.includes("SIMULATION - new sell order")).length === 2,
      "re-placed",
    );
    r.host.keypress("r");
    await waitForLine(r.logs, /SIMULATION - (buying|selling) \d+\.\d+ at market price/);
    assertEquals(r.placed, [], "simulation sent an order");
    assertEquals(r.trader.state.balances, { USD: "60000.00", BTC: "1.00000000" });
  } finally {
    await r.close();
  }
});

Deno.test("balancer: a state carried over by l keeps the simulated wallet; r in live mode sends one market order", async () => {
  const r = await rig({ balancer: { simulate: "False", min_amount: "0.001", quote_cold: "6000" } });
  try {
    await r.host.load("balancer");
    await r.tick();
    r.host.keypress("r");
    await eventually(() => r.placed.length === 1, "the market order");
    const volume = buyAt(60010, { quote: 66000, base: 1 });
    assertEquals([r.placed[0]!.type, r.placed[0]!.side, r.placed[0]!.qty], [
      "market",
      "buy",
      Math.floor(volume * BTC),
    ]);
    r.host.keypress("s");
    // Balanced at the mid price: 1 BTC and its price in USD, so the centre starts at the market.
    await waitForLine(r.logs, /SIMULATION mode, wallet 600\d\d\.\d USD and 1\.00000000 BTC/);
    await r.host.reload();
    await waitForLine(r.logs, /balancer SIMULATION - halted/);
  } finally {
    await r.close();
  }
});

Deno.test("balancer autostart (for pytrader run) places its orders once price and balances are known", async () => {
  const r = await rig({ balancer: { simulate: "False", min_amount: "0.001", autostart: "True" } });
  try {
    await r.host.load("balancer");
    await waitForLine(r.logs, /balancer LIVE - starting \(autostart\)/);
    await eventually(
      () => r.mine("balancer").filter((o) => o.status === "open").length === 2,
      "two open orders",
    );
  } finally {
    await r.close();
  }
});

Deno.test("buy live on sim: alert near the level, one order when the ask reaches it, not one per tick", async () => {
  const r = await rig({
    buy: { simulate: "False", level: "59000", alert: "1500", volume: "1000", volume_in: "quote" },
  });
  try {
    await r.host.load("buy");
    await r.tick();
    await waitForLine(r.logs, /!!! buy ALERT: ask 60010\.0 is within 1500\.0 of the level 59000\.0/);
    setBook(r.sim, 58980, 58990);
    await r.tick();
    await eventually(() => r.placed.length === 1, "the buy");
    for (let i = 0; i < 3; i++) await r.tick();
    assertEquals(r.placed.length, 1);
    assertEquals([r.placed[0]!.side, r.placed[0]!.price, r.placed[0]!.qty], ["buy", 589900, 1_695_202]);
    await waitForLine(r.logs, /buy: filled 0\.01695202 BTC/);
    r.host.keypress("b");
    await waitForLine(r.logs, /buy: buy level @ 59000\.0 .* LIVE; done/);
  } finally {
    await r.close();
  }
});

Deno.test("buy in simulation only logs", async () => {
  const r = await rig({ buy: { level: "59000", volume: "0" } });
  try {
    await r.host.load("buy");
    setBook(r.sim, 58980, 58990);
    await r.tick();
    await waitForLine(r.logs, />>> SIMULATION - would BUY 1\.01\d{6} BTC @ 58990\.0/);
    for (let i = 0; i < 3; i++) await r.tick();
    assertEquals(r.logs.lines().filter((l) => l.includes("would BUY")).length, 1);
    assertEquals(r.placed, []);
  } finally {
    await r.close();
  }
});

Deno.test("sell live and in simulation on sim: one order when the bid reaches the level", async () => {
  const live = await rig({
    sell: { simulate: "False", level: "61000", alert: "1500", volume: "0.01", volume_in: "base" },
  });
  try {
    await live.host.load("sell");
    await live.tick("sell");
    await waitForLine(live.logs, /!!! sell ALERT: bid 59990\.0 is within 1500\.0 of the level 61000\.0/);
    setBook(live.sim, 61010, 61020);
    for (let i = 0; i < 4; i++) await live.tick("sell");
    await eventually(() => live.placed.length === 1, "the sell");
    assertEquals([live.placed[0]!.side, live.placed[0]!.price, live.placed[0]!.qty], [
      "sell",
      610100,
      1_000_000,
    ]);
    await waitForLine(live.logs, /sell: filled 0\.01000000 BTC/);
    assertEquals(live.placed.length, 1);
  } finally {
    await live.close();
  }
  const sim = await rig({ sell: { level: "61000", volume: "0" } });
  try {
    await sim.host.load("sell");
    setBook(sim.sim, 61010, 61020);
    await sim.tick("sell");
    await waitForLine(sim.logs, />>> SIMULATION - would SELL 1\.00000000 BTC @ 61010\.0/);
    assertEquals(sim.placed, []);
  } finally {
    await sim.close();
  }
});
