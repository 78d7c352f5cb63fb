import { assert, assertEquals, assertRejects, assertThrows } from "../../assert.ts";
import { type ExchangeEvent, ExchangeUnavailable, UnknownSymbol } from "../../../lib/core/mod.ts";
import { createSim } from "../../../exchanges/sim/mod.ts";
import { drain, limit, ofKind, quietSim, START } from "./helpers.ts";
import { DEFAULT_DEADLINE_MS } from "../../eventually.ts";

Deno.test("instruments, ticker and book answer without connect()", async () => {
  const { sim } = quietSim();
  const instruments = await sim.instruments();
  assertEquals(instruments.map((i) => i.symbol), ["BTC/USD", "ETH/USD", "ETH/BTC"]);
  const btc = instruments[0]!;
  assertEquals([btc.base, btc.quote, btc.pricePrecision, btc.qtyPrecision, btc.minQty], [
    "BTC",
    "USD",
    1,
    8,
    10_000,
  ]);
  assertEquals(instruments[2]!.pricePrecision, 5);
  const ticker = await sim.ticker("BTC/USD");
  assertEquals(ticker.kind, "TickerChanged");
  assertEquals(ticker.time, START);
  assert(ticker.bid < ticker.ask && ticker.volume > 0);
  const eth = await sim.ticker("eth/btc");
  assertEquals(eth.symbol, "ETH/BTC");
  assert(Math.abs(eth.last - 5_000) < 100);
  assertEquals((await sim.book("ETH/USD", 3)).bids.length, 3);
  assertEquals(await drain(sim), []);
});

Deno.test("an unknown pair names the known ones", async () => {
  const { sim } = quietSim();
  const message = 'Cannot find pair "FOO/BAR" on sim: known pairs are BTC/USD, ETH/USD, ETH/BTC';
  await assertRejects(() => sim.ticker("FOO/BAR"), UnknownSymbol, message);
  await assertRejects(() => sim.book("FOO/BAR", 10), UnknownSymbol, message);
  await assertRejects(() => sim.subscribe({ symbol: "FOO/BAR", channels: ["book"] }), UnknownSymbol, message);
  await assertRejects(() => sim.placeOrder(limit("FOO/BAR", "buy", 1, 1)), UnknownSymbol, message);
  assertThrows(() => createSim({ symbol: "FOO/BAR", auto: false }), UnknownSymbol, message);
  assertThrows(() => createSim({ updatesPerSecond: 0 }), RangeError);
  assertThrows(() => createSim({ takerFee: "lots" }), RangeError);
  assertThrows(() => createSim({ balances: { USD: "-1" } }), RangeError);
});

Deno.test("connect, subscribe, close: the stream says so and ends", async () => {
  const { sim, clock } = quietSim();
  await sim.connect();
  await sim.subscribe({
    symbol: "BTC/USD",
    channels: ["book", "ticker", "candles"],
    depth: 10,
    timeframe: 1,
  });
  const first = await drain(sim);
  assertEquals(first.map((e) => e.kind), [
    "ConnectionChanged",
    "BookSnapshot",
    "TickerChanged",
    "CandleUpdated",
  ]);
  assertEquals(ofKind(first, "ConnectionChanged")[0], {
    kind: "ConnectionChanged",
    state: "connected",
    time: START,
  });
  const snap = ofKind(first, "BookSnapshot")[0]!;
  assertEquals([snap.bids.length, snap.asks.length], [10, 10]);
  clock.advance(50);
  sim.step(10);
  const seen: ExchangeEvent[] = [];
  const reader = (async () => {
    for await (const ev of sim.events()) seen.push(ev);
  })();
  await sim.close();
  await reader;
  assertEquals(seen[seen.length - 1], {
    kind: "ConnectionChanged",
    state: "down",
    detail: "closed",
    time: START + 50,
  });
  assert(seen.some((e) => e.kind === "BookUpdate"));
  await assertRejects(
    () => sim.connect(),
    ExchangeUnavailable,
    "Cannot connect to sim: the exchange is closed",
  );
  await assertRejects(() => sim.subscribe({ symbol: "BTC/USD", channels: ["book"] }), ExchangeUnavailable);
  await assertRejects(() => sim.placeOrder(limit("BTC/USD", "buy", 500_000, 100_000)), ExchangeUnavailable);
  sim.step(5); // a no-op once closed
  await sim.close(); // and closing twice is fine
  assertEquals((await sim.ticker("BTC/USD")).symbol, "BTC/USD");
});

Deno.test("subscribe checks its arguments", async () => {
  const { sim } = quietSim();
  await assertRejects(() => sim.subscribe({ symbol: "BTC/USD", channels: ["book"], depth: 0 }), RangeError);
  await assertRejects(
    () => sim.subscribe({ symbol: "BTC/USD", channels: ["candles"], timeframe: 3 }),
    Error,
    "timeframe 3 is not one of",
  );
  await assertRejects(() => sim.book("BTC/USD", 0), RangeError);
  assertThrows(() => sim.step(-1), RangeError);
});

Deno.test("with auto, connect() starts a timer that streams updates; close() stops it", async () => {
  const sim = createSim({ updatesPerSecond: 200 });
  await sim.connect();
  await sim.subscribe({ symbol: "BTC/USD", channels: ["book", "trades"] });
  // ends the stream should nothing arrive (a bound on a hang, not on speed)
  const deadline = setTimeout(() => sim.close(), DEFAULT_DEADLINE_MS);
  let updates = 0;
  for await (const ev of sim.events()) {
    if (ev.kind === "BookUpdate") updates++;
    if (updates >= 20) break;
  }
  clearTimeout(deadline);
  assert(updates >= 20, `only ${updates} updates before the deadline`);
  await sim.close(); // the test sanitizer fails if the interval were left running
});
