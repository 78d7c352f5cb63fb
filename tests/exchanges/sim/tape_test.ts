import { assert, assertEquals, assertRejects } from "../../assert.ts";
import { tradesOfCandle } from "../../../exchanges/sim/tape.ts";
import { Rng } from "../../../exchanges/sim/prng.ts";
import { drain, levels, market, ofKind, quietSim, START } from "./helpers.ts";

const BTC = "BTC/USD";

Deno.test("trades: a fresh market already has a tape made from its newest history minutes", async () => {
  const { sim } = quietSim();
  const trades = await sim.trades(BTC, 300);
  assertEquals(trades.length, 300);
  const minutes = await sim.candles(BTC, { timeframe: 1 });
  const last = minutes[minutes.length - 1]!;
  assertEquals(trades[trades.length - 1]!.price, last.close, "the newest trade is the last close");
  for (let i = 1; i < trades.length; i++) {
    assert(trades[i - 1]!.time <= trades[i]!.time, `time order at ${i}`);
  }
  for (const t of trades) {
    assertEquals([t.kind, t.symbol], ["TradePrinted", BTC]);
    assert(t.time < START && t.qty > 0 && t.price > 0 && t.id!.startsWith("HSIM-"));
  }
  assertEquals(new Set(trades.map((t) => t.id)).size, 300, "ids are unique");
});

Deno.test("trades: the same seed gives the same tape whatever the limit", async () => {
  const a = await quietSim({ seed: 7 }).sim.trades(BTC, 1000);
  const b = await quietSim({ seed: 7 }).sim.trades(BTC, 10);
  assertEquals(b, a.slice(-10));
  const c = await quietSim({ seed: 8 }).sim.trades(BTC, 10);
  assert(JSON.stringify(c) !== JSON.stringify(b), "another seed, another tape");
});

Deno.test("trades: live prints (others' and own fills) follow the history, newest last", async () => {
  const { sim, clock } = quietSim();
  sim.setBook(BTC, levels([599_990, 100_000_000]), levels([600_010, 100_000_000]));
  clock.advance(1000);
  sim.takeLiquidity(BTC, "sell", 25_000_000);
  clock.advance(1000);
  await sim.placeOrder(market(BTC, "buy", 10_000_000));
  const trades = await sim.trades(BTC, 5);
  const live = trades.slice(-2);
  assertEquals(
    live.map((t) => [t.side, t.price, t.qty, t.time]),
    [["sell", 599_990, 25_000_000, START + 1000], ["buy", 600_010, 10_000_000, START + 2000]],
  );
  assert(live.every((t) => t.id!.startsWith("TSIM-")));
  assert(trades.slice(0, 3).every((t) => t.id!.startsWith("HSIM-")));
  assertEquals(ofKind(await drain(sim), "TradePrinted").length, 0, "nothing subscribed: nothing pushed");
});

Deno.test("trades: the tape keeps the newest 1000 live prints", async () => {
  const { sim } = quietSim();
  sim.setBook(BTC, levels([599_990, 100_000_000_000]), levels([600_010, 100_000_000_000]));
  for (let i = 0; i < 1005; i++) sim.takeLiquidity(BTC, "buy", 1000);
  const trades = await sim.trades(BTC, 1000);
  assertEquals(trades.length, 1000);
  assertEquals([trades[0]!.id, trades[999]!.id], ["TSIM-6", "TSIM-1005"]);
});

Deno.test("trades: a limit outside 1..1000 and an unknown pair are refused", async () => {
  const { sim } = quietSim();
  await assertRejects(() => sim.trades(BTC, 0), RangeError);
  await assertRejects(() => sim.trades(BTC, 1001), RangeError);
  await assertRejects(() => sim.trades("FOO/BAR", 5));
});

Deno.test("tradesOfCandle: open first, close last, high and low touched, volume conserved", () => {
  const rng = new Rng(3);
  for (let k = 0; k < 200; k++) {
    const open = 1000 + rng.int(50);
    const close = 1000 + rng.int(50);
    const c = {
      time: 60_000 * (1000 + k),
      open,
      close,
      high: Math.max(open, close) + rng.int(20),
      low: Math.min(open, close) - rng.int(20),
      volume: 1 + rng.int(400),
      trades: 1 + rng.int(60),
    };
    const trades = tradesOfCandle(BTC, c, new Rng(k));
    const n = Math.min(c.trades, c.volume);
    assertEquals(trades.length, n);
    assertEquals(trades.reduce((s, t) => s + t.qty, 0), c.volume);
    assertEquals(trades[n - 1]!.price, c.close);
    if (n > 1) assertEquals(trades[0]!.price, c.open);
    if (n >= 4) {
      assertEquals(Math.max(...trades.map((t) => t.price)), c.high);
      assertEquals(Math.min(...trades.map((t) => t.price)), c.low);
    }
    for (const t of trades) {
      assert(t.qty >= 1 && t.price >= c.low && t.price <= c.high);
      assert(t.time >= c.time && t.time < c.time + 60_000);
    }
  }
});

Deno.test("serverTime is the sim's clock", async () => {
  const { sim, clock } = quietSim();
  assertEquals(await sim.serverTime(), START);
  clock.advance(1500);
  assertEquals(await sim.serverTime(), START + 1500);
});
