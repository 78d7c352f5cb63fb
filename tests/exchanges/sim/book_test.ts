import { assert, assertEquals } from "../../assert.ts";
import type { BookSnapshot, PriceLevel } from "../../../lib/core/mod.ts";
import { SIM_MARKETS } from "../../../exchanges/sim/mod.ts";
import { drain, limit, LocalBook, ofKind, quietSim } from "./helpers.ts";

function checkSide(levels: readonly PriceLevel[], descending: boolean, what: string): void {
  for (let i = 0; i < levels.length; i++) {
    const l = levels[i]!;
    assert(Number.isSafeInteger(l.price) && l.price > 0, `${what}: bad price ${l.price}`);
    assert(Number.isSafeInteger(l.qty) && l.qty > 0, `${what}: bad qty ${l.qty}`);
    if (i > 0) {
      const prev = levels[i - 1]!.price;
      assert(descending ? prev > l.price : prev < l.price, `${what}: not sorted at ${i}`);
    }
  }
}

function checkBook(book: BookSnapshot, what: string): void {
  checkSide(book.bids, true, `${what} bids`);
  checkSide(book.asks, false, `${what} asks`);
  assert(book.bids.length > 0 && book.asks.length > 0, `${what}: empty side`);
  assert(
    book.bids[0]!.price < book.asks[0]!.price,
    `${what}: crossed ${book.bids[0]!.price} >= ${book.asks[0]!.price}`,
  );
}

Deno.test("the book is never crossed, always sorted, deep and tight over 10k steps of each pair", async () => {
  for (const { instrument } of SIM_MARKETS) {
    const { sim, clock } = quietSim({ seed: 3, symbol: instrument.symbol });
    const spreads: number[] = [];
    for (let i = 0; i < 10_000; i++) {
      clock.advance(50);
      sim.step();
      const full = i % 50 === 0;
      const book = await sim.book(instrument.symbol, full ? 10_000 : 1);
      checkBook(book, `${instrument.symbol} step ${i}`);
      if (full) {
        assert(
          book.bids.length >= 450 && book.asks.length >= 450,
          `${instrument.symbol}: ${book.bids.length} bids`,
        );
      }
      spreads.push(book.asks[0]!.price - book.bids[0]!.price);
    }
    spreads.sort((a, b) => a - b);
    const median = spreads[spreads.length >> 1]!;
    assert(median >= 1 && median <= 12, `${instrument.symbol}: median spread ${median} ticks`);
    await sim.close();
  }
});

Deno.test("a new market has hundreds of levels a side around its start price, many small and some large", async () => {
  const { sim } = quietSim();
  const book = await sim.book("BTC/USD", 10_000);
  assert(book.bids.length >= 500 && book.asks.length >= 500);
  const mid = (book.bids[0]!.price + book.asks[0]!.price) / 2;
  assert(Math.abs(mid - 600_000) <= 5, `mid ${mid}`);
  const spread = book.asks[0]!.price - book.bids[0]!.price;
  assert(spread >= 1 && spread <= 5, `spread ${spread}`);
  const qtys = [...book.bids, ...book.asks].map((l) => l.qty).sort((a, b) => a - b);
  const median = qtys[qtys.length >> 1]!;
  const p99 = qtys[Math.floor(qtys.length * 0.99)]!;
  assert(median >= 100_000 && median <= 10_000_000, `median level ${median}`); // 0.001 .. 0.1 BTC
  assert(p99 > 8 * median, `p99 ${p99} vs median ${median}`);
});

Deno.test("book(depth) is best first and truncated", async () => {
  const { sim } = quietSim();
  const full = await sim.book("BTC/USD", 10_000);
  const top = await sim.book("BTC/USD", 5);
  assertEquals(top.bids, full.bids.slice(0, 5));
  assertEquals(top.asks, full.asks.slice(0, 5));
  assertEquals(top.kind, "BookSnapshot");
  assertEquals(top.symbol, "BTC/USD");
});

Deno.test("the mid price wanders but stays near where it started", async () => {
  const { sim, clock } = quietSim({ seed: 11 });
  const mids: number[] = [];
  for (let i = 0; i < 100; i++) {
    clock.advance(50_000);
    sim.step(1000);
    const b = await sim.book("BTC/USD", 1);
    mids.push((b.bids[0]!.price + b.asks[0]!.price) / 2);
  }
  const lo = Math.min(...mids);
  const hi = Math.max(...mids);
  assert(hi - lo > 20, `the price did not move: ${lo}..${hi}`);
  assert(lo > 600_000 * 0.98 && hi < 600_000 * 1.02, `ran away: ${lo}..${hi}`);
});

Deno.test("snapshot + updates reproduce the sim's own book, at full depth and at depths 10 and 25", async () => {
  for (const depth of [undefined, 10, 25]) {
    for (const symbol of ["BTC/USD", "ETH/BTC"]) {
      const { sim, clock } = quietSim({ seed: 5, symbol });
      await sim.connect();
      await sim.subscribe({ symbol, channels: ["book"], depth });
      const local = new LocalBook();
      const n = depth ?? 10_000;
      for (let i = 0; i < 3000; i++) {
        clock.advance(50);
        sim.step();
        if (i % 100 === 50) {
          // own orders show in the book too, and leave it when canceled
          const b = await sim.book(symbol, 1);
          const qty = SIM_MARKETS.find((m) => m.instrument.symbol === symbol)!.instrument.minQty * 3;
          await sim.placeOrder(
            limit(
              symbol,
              "buy",
              b.bids[0]!.price + 1 < b.asks[0]!.price ? b.bids[0]!.price + 1 : b.bids[0]!.price,
              qty,
            ),
          );
          await sim.placeOrder(limit(symbol, "sell", b.asks[0]!.price + 2, qty));
        }
        if (i % 100 === 99) {
          for (const o of await sim.openOrders(symbol)) await sim.cancelOrder(o.clientId);
        }
        for (const ev of await drain(sim)) {
          local.apply(ev);
          if (ev.kind === "BookUpdate" && depth === undefined) {
            const changes = ev.bids.length + ev.asks.length;
            assert(changes >= 1, "empty update");
          }
        }
        if (i % 10 === 0) {
          const expected = await sim.book(symbol, n);
          const got = local.sides();
          assertEquals(got.bids, expected.bids, `${symbol} depth ${depth} bids after step ${i}`);
          assertEquals(got.asks, expected.asks, `${symbol} depth ${depth} asks after step ${i}`);
        }
      }
      await sim.close();
    }
  }
});

Deno.test("synthetic steps send 1 to 3 level changes per update, trades with a ticker after them", async () => {
  const { sim, clock } = quietSim({ seed: 9 });
  await sim.connect();
  await sim.subscribe({ symbol: "BTC/USD", channels: ["book", "trades", "ticker"] });
  await drain(sim);
  let updates = 0;
  let trades = 0;
  for (let i = 0; i < 5000; i++) {
    clock.advance(50);
    sim.step();
    const evs = await drain(sim);
    const ups = ofKind(evs, "BookUpdate");
    assert(ups.length <= 1, "one book message per step");
    for (const u of ups) {
      const n = u.bids.length + u.asks.length;
      assert(n >= 1 && n <= 3, `update with ${n} changes`);
      updates++;
    }
    const prints = ofKind(evs, "TradePrinted");
    if (prints.length > 0) {
      trades += prints.length;
      const tickers = ofKind(evs, "TickerChanged");
      assertEquals(tickers.length, 1);
      const t = tickers[0]!;
      assertEquals(t.last, prints[prints.length - 1]!.price);
      assert(t.bid < t.ask);
      const side = prints[0]!.side;
      for (const p of prints) {
        assertEquals(p.side, side);
        assert(p.qty > 0 && p.time === clock.now());
      }
      // a buy lifts asks at rising prices, a sell hits bids at falling ones
      for (let k = 1; k < prints.length; k++) {
        const d = prints[k]!.price - prints[k - 1]!.price;
        assert(side === "buy" ? d >= 0 : d <= 0);
      }
    }
  }
  assert(updates > 4000, `${updates} updates`);
  assert(trades > 50 && trades < 2000, `${trades} trades in 250 s`);
  await sim.close();
});
