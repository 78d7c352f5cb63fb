import { assert, assertEquals, assertRejects } from "../../assert.ts";
import { ExchangeError } from "../../../lib/core/mod.ts";
import { bucketStart, resampleCandles } from "../../../lib/market/candles.ts";
import { createSim, TIMEFRAMES } from "../../../exchanges/sim/mod.ts";
import { drain, limit, ofKind, quietSim, START } from "./helpers.ts";

const BTC = "BTC/USD";

Deno.test("history: at least 720 one-minute candles, oldest first, each opening at the last close", async () => {
  const { sim } = quietSim();
  const candles = await sim.candles(BTC, { timeframe: 1 });
  assert(candles.length >= 720 * 20, `${candles.length} candles`);
  const first = candles[0]!.time;
  const last = candles[candles.length - 1]!;
  assertEquals(
    last.time,
    bucketStart(START, 1) - 60_000,
    "history ends with the minute before the market started",
  );
  let gaps = 0;
  for (let i = 0; i < candles.length; i++) {
    const c = candles[i]!;
    assertEquals(c.time % 60_000, 0);
    assert(c.low <= Math.min(c.open, c.close) && c.high >= Math.max(c.open, c.close) && c.low > 0);
    assert(c.volume > 0 && c.trades > 0);
    if (i > 0) {
      const prev = candles[i - 1]!;
      assert(c.time > prev.time);
      assertEquals(c.open, prev.close, `candle ${i} opens at the previous close`);
      gaps += (c.time - prev.time) / 60_000 - 1;
    }
  }
  const minutes = (last.time - first) / 60_000 + 1;
  assert(gaps > 0 && gaps < minutes * 0.01, `${gaps} empty minutes of ${minutes}`);
  const ticker = await sim.ticker(BTC);
  assertEquals(ticker.last, last.close, "the live market continues from the last close");
  const book = await sim.book(BTC, 1);
  assert(book.bids[0]!.price <= last.close && last.close <= book.asks[0]!.price);
});

Deno.test("limit and since select the newest candles", async () => {
  const { sim } = quietSim();
  const all = await sim.candles(BTC, { timeframe: 1 });
  assertEquals(await sim.candles(BTC, { timeframe: 1, limit: 720 }), all.slice(-720));
  const since = all[all.length - 10]!.time;
  assertEquals(await sim.candles(BTC, { timeframe: 1, since }), all.slice(-10));
  assertEquals(await sim.candles(BTC, { timeframe: 1, since, limit: 3 }), all.slice(-3));
});

Deno.test("every timeframe resamples the same history, aligned to its buckets", async () => {
  const { sim } = quietSim();
  const minutes = await sim.candles(BTC, { timeframe: 1 });
  const hourly = await sim.candles(BTC, { timeframe: 60 });
  for (const tf of TIMEFRAMES) {
    const candles = await sim.candles(BTC, { timeframe: tf });
    assert(candles.length >= 720, `${tf}: ${candles.length}`);
    for (const c of candles) assertEquals(c.time % (tf * 60_000), 0);
    if (tf > 1 && tf < 60) assertEquals(candles, resampleCandles(minutes, tf));
    if (tf > 60) assertEquals(candles, resampleCandles(hourly, tf));
  }
});

Deno.test("unsupported timeframes and pairs are refused", async () => {
  const { sim } = quietSim();
  await assertRejects(
    () => sim.candles(BTC, { timeframe: 7 }),
    ExchangeError,
    'Cannot load candles for "BTC/USD" on sim: timeframe 7 is not one of 1, 5, 15, 30, 60, 240, 1440 minutes',
  );
  await assertRejects(() => sim.candles("FOO/BAR", { timeframe: 1 }), ExchangeError, "Cannot find pair");
});

Deno.test("live trades build candles counted once: volume equals the printed trades", async () => {
  const { sim, clock } = quietSim({ seed: 2 });
  await sim.connect();
  await sim.subscribe({ symbol: BTC, channels: ["trades", "candles"], timeframe: 1 });
  await drain(sim);
  const history = await sim.candles(BTC, { timeframe: 1 });
  const printed = new Map<number, { qty: number; n: number; last: number }>();
  const updates = [];
  for (let i = 0; i < 4000; i++) {
    clock.advance(50); // 200 s: four minutes
    sim.step();
    if (i === 1000) await sim.placeOrder(limit(BTC, "buy", (await sim.book(BTC, 1)).asks[0]!.price, 50_000));
    for (const ev of await drain(sim)) {
      if (ev.kind === "TradePrinted") {
        const m = bucketStart(ev.time, 1);
        const p = printed.get(m) ?? { qty: 0, n: 0, last: 0 };
        printed.set(m, { qty: p.qty + ev.qty, n: p.n + 1, last: ev.price });
      }
      if (ev.kind === "CandleUpdated") updates.push(ev);
    }
  }
  const all = await sim.candles(BTC, { timeframe: 1 });
  const live = all.slice(history.length);
  assertEquals(all.slice(0, history.length), history, "history is not touched by live trades");
  assert(live.length >= 3, `${live.length} live candles`);
  for (const c of live) {
    const p = printed.get(c.time)!;
    assertEquals(
      [c.volume, c.trades, c.close],
      [p.qty, p.n, p.last],
      `minute ${new Date(c.time).toISOString()}`,
    );
  }
  assertEquals(live.length, printed.size);
  const lastUpdate = updates[updates.length - 1]!;
  assertEquals([lastUpdate.symbol, lastUpdate.timeframe], [BTC, 1]);
  assertEquals(lastUpdate.candle, live[live.length - 1]);
  await sim.close();
});

Deno.test("a longer subscribed timeframe updates the candle that history started", async () => {
  const { sim, clock } = quietSim({ seed: 2 });
  await sim.connect();
  await sim.subscribe({ symbol: BTC, channels: ["candles", "trades"], timeframe: 60 });
  const first = ofKind(await drain(sim), "CandleUpdated");
  const hourStart = bucketStart(START, 60);
  assertEquals(first.length, 1);
  assertEquals(first[0]!.candle.time, hourStart);
  let volume = first[0]!.candle.volume;
  let last = first[0]!.candle;
  for (let i = 0; i < 2000; i++) {
    clock.advance(50);
    sim.step();
    for (const ev of await drain(sim)) {
      if (ev.kind === "TradePrinted") volume += ev.qty;
      if (ev.kind === "CandleUpdated") last = ev.candle;
    }
  }
  assertEquals(last.time, hourStart);
  assertEquals(last.volume, volume);
  const hourly = await sim.candles(BTC, { timeframe: 60 });
  assertEquals(hourly[hourly.length - 1], last);
  await sim.close();
});

Deno.test("the ticker's 24 h volume counts history and live trades", async () => {
  const { sim, clock } = quietSim({ seed: 6 });
  const day = (await sim.candles(BTC, { timeframe: 1 })).filter((c) => c.time >= START - 86_400_000);
  const before = await sim.ticker(BTC);
  assertEquals(before.volume, day.reduce((a, c) => a + c.volume, 0));
  await sim.connect();
  await sim.subscribe({ symbol: BTC, channels: ["trades"] });
  let traded = 0;
  for (let i = 0; i < 1000; i++) {
    clock.advance(50);
    sim.step();
    for (const t of ofKind(await drain(sim), "TradePrinted")) traded += t.qty;
  }
  assert(traded > 0);
  const after = await sim.ticker(BTC);
  const dropped = day.filter((c) => c.time < clock.now() - 86_400_000).reduce((a, c) => a + c.volume, 0);
  assertEquals(after.volume, before.volume + traded - dropped);
  await sim.close();
});

Deno.test("the 24 h volume and the history agree whichever is asked first, also when the market starts on the hour", async () => {
  for (
    const start of [START, Date.UTC(2024, 4, 1), Date.UTC(2024, 4, 1, 13), Date.UTC(2024, 4, 1, 23, 59, 59)]
  ) {
    const first = createSim({ auto: false, clock: { now: () => start }, seed: 9 });
    const ticker = await first.ticker(BTC);
    const candles = await first.candles(BTC, { timeframe: 1 });
    const day = candles.filter((c) => c.time >= start - 86_400_000);
    assertEquals(ticker.volume, day.reduce((a, c) => a + c.volume, 0), new Date(start).toISOString());
    // The same market whichever is asked first.
    const second = createSim({ auto: false, clock: { now: () => start }, seed: 9 });
    assertEquals(await second.candles(BTC, { timeframe: 1 }), candles);
    assertEquals((await second.ticker(BTC)).volume, ticker.volume);
    assertEquals(
      candles[candles.length - 1]!.close,
      ticker.last,
      "the live market continues from the last close",
    );
    await first.close();
    await second.close();
  }
});

Deno.test("a 24 h volume asked before any candle slides like the candles say as the day moves on", async () => {
  const { sim, clock } = quietSim({ seed: 9 });
  const before = await sim.ticker(BTC);
  await sim.connect();
  await sim.subscribe({ symbol: BTC, channels: ["trades"] });
  let traded = 0;
  for (let i = 0; i < 400; i++) {
    clock.advance(500);
    sim.step();
    for (const t of ofKind(await drain(sim), "TradePrinted")) traded += t.qty;
  }
  const day = (await sim.candles(BTC, { timeframe: 1 })).filter((c) => c.time >= START - 86_400_000);
  assertEquals(before.volume, day.reduce((a, c) => a + c.volume, 0) - traded);
  const dropped = day.filter((c) => c.time < clock.now() - 86_400_000).reduce((a, c) => a + c.volume, 0);
  assert(dropped > 0);
  assertEquals((await sim.ticker(BTC)).volume, before.volume + traded - dropped);
  await sim.close();
});
