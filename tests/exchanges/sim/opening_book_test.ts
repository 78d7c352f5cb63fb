import { assertEquals } from "../../assert.ts";
import { quietSim } from "./helpers.ts";

const PAIRS = ["BTC/USD", "ETH/USD", "ETH/BTC"];

/** What a user sees of one pair right after start: ticker, a deep book, and the market after some steps. */
async function look(seed: number, symbol: string, tickerFirst: boolean) {
  const { sim, clock } = quietSim({ seed, symbol });
  const ticker = tickerFirst ? await sim.ticker(symbol) : undefined;
  const book = await sim.book(symbol, 10_000);
  const after = await sim.ticker(symbol);
  clock.advance(1000);
  sim.step(200);
  const later = { book: await sim.book(symbol, 10_000), ticker: await sim.ticker(symbol) };
  await sim.close();
  return { ticker: ticker ?? after, book, later };
}

Deno.test("a ticker asked before the book shows the book's touch, and the market it opens is the same", async () => {
  for (const seed of [1, 7, 4_000_000_000]) {
    for (const symbol of PAIRS) {
      const first = await look(seed, symbol, true);
      const plain = await look(seed, symbol, false);
      assertEquals(first.ticker.bid, first.book.bids[0]!.price, `${symbol} seed ${seed}: bid`);
      assertEquals(first.ticker.ask, first.book.asks[0]!.price, `${symbol} seed ${seed}: ask`);
      assertEquals(first, plain, `${symbol} seed ${seed}`);
    }
  }
});

Deno.test("balances and orders lists before the book change nothing in the market", async () => {
  const a = quietSim({ seed: 3 });
  await a.sim.balances();
  await a.sim.openOrders();
  const b = quietSim({ seed: 3 });
  assertEquals(await a.sim.book("BTC/USD", 50), await b.sim.book("BTC/USD", 50));
  a.sim.step(100);
  b.sim.step(100);
  assertEquals(await a.sim.book("BTC/USD", 50), await b.sim.book("BTC/USD", 50));
  await a.sim.close();
  await b.sim.close();
});

Deno.test("a shallow book asked first shows the levels the full book has, for many seeds", async () => {
  for (let seed = 0; seed < 100; seed++) {
    for (const symbol of PAIRS) {
      const { sim } = quietSim({ seed, symbol });
      const depth = 1 + (seed % 25);
      const shallow = await sim.book(symbol, depth);
      const full = await sim.book(symbol, 10_000);
      assertEquals(shallow.bids, full.bids.slice(0, depth), `${symbol} seed ${seed}: bids`);
      assertEquals(shallow.asks, full.asks.slice(0, depth), `${symbol} seed ${seed}: asks`);
      await sim.close();
    }
  }
});
