import { assertEquals, assertNotEquals } from "../../assert.ts";
import { drain, limit, market, quietSim } from "./helpers.ts";

/** The same script of calls against a sim with `seed`: everything it reports. */
async function run(seed: number) {
  const { sim, clock } = quietSim({ seed });
  await sim.connect();
  await sim.subscribe({ symbol: "BTC/USD", channels: ["book", "trades", "ticker", "candles"], timeframe: 5 });
  await sim.subscribe({ symbol: "ETH/BTC", channels: ["book", "trades"], depth: 10 });
  const orders = [];
  for (let i = 0; i < 40; i++) {
    clock.advance(50);
    sim.step(50);
    const book = await sim.book("BTC/USD", 1);
    const bid = book.bids[0]!.price;
    const ask = book.asks[0]!.price;
    orders.push(await sim.placeOrder(limit("BTC/USD", "buy", bid - (i % 5), 20_000 + i, `b${i}`)));
    if (i % 7 === 0) orders.push(await sim.placeOrder(limit("BTC/USD", "buy", ask + 5, 30_000, `x${i}`)));
    if (i % 11 === 0) orders.push(await sim.placeOrder(market("BTC/USD", "sell", 15_000, `m${i}`)));
    if (i % 3 === 0) {
      const open = await sim.openOrders("BTC/USD");
      if (open[0]) orders.push(await sim.cancelOrder(open[0].id));
    }
  }
  const events = await drain(sim);
  const result = {
    events,
    orders,
    book: await sim.book("BTC/USD", 1000),
    ethBook: await sim.book("ETH/BTC", 1000),
    candles: await sim.candles("BTC/USD", { timeframe: 1, limit: 1000 }),
    daily: await sim.candles("BTC/USD", { timeframe: 1440 }),
    balances: await sim.balances(),
    open: await sim.openOrders(),
  };
  await sim.close();
  return result;
}

Deno.test("the same seed and the same calls give identical events, books, trades and candles", async () => {
  const a = await run(7);
  const b = await run(7);
  assertEquals(a.events.length > 1000, true);
  assertEquals(a, b);
});

Deno.test("a different seed gives a different market", async () => {
  const a = await run(7);
  const c = await run(8);
  assertNotEquals(a.book, c.book);
  assertNotEquals(a.candles, c.candles);
  assertNotEquals(
    a.events.filter((e) => e.kind === "TradePrinted"),
    c.events.filter((e) => e.kind === "TradePrinted"),
  );
});
