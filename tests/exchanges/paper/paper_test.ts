import { assert, assertEquals, assertRejects } from "../../assert.ts";
import {
  canResync,
  type EventStream,
  type ExchangeEvent,
  InsufficientFunds,
  InvalidOrder,
  OrderNotFound,
  type SubmitOrder,
} from "../../../lib/core/mod.ts";
import { Journal, OrderEngine, Trader } from "../../../lib/engine/mod.ts";
import { createPaper, type PaperExchange } from "../../../exchanges/paper/mod.ts";
import { levels, limit, market, ofKind, quietSim } from "../sim/helpers.ts";
import { ScriptedExchange } from "../../engine/scripted_exchange.ts";
import { eventually } from "../../eventually.ts";

const BTC = "BTC/USD";

/** Reads the paper stream: `until` waits (promises only) for an event; `queued` takes what is waiting now. */
function reader(paper: PaperExchange) {
  const stream = paper.events() as EventStream<ExchangeEvent>;
  const it = stream[Symbol.asyncIterator]();
  return {
    async until(pred: (ev: ExchangeEvent) => boolean): Promise<ExchangeEvent[]> {
      const out: ExchangeEvent[] = [];
      for (;;) {
        const r = await it.next();
        if (r.done) throw new Error("the paper stream ended");
        out.push(r.value);
        if (pred(r.value)) return out;
      }
    },
    async queued(): Promise<ExchangeEvent[]> {
      const out: ExchangeEvent[] = [];
      for (let n = stream.size; n > 0; n--) out.push((await it.next()).value as ExchangeEvent);
      return out;
    },
  };
}

/** Live sim with bids 59999.0 × 0.5, 59990.0 × 1 and asks 60000.0 × 0.5, 60001.0 × 1; paper on top of it. */
async function setup(subscribe = true, balances = { USD: "100000", BTC: "2" }) {
  const { sim, clock } = quietSim();
  sim.setBook(
    BTC,
    levels([599_990, 50_000_000], [599_900, 100_000_000]),
    levels([600_000, 50_000_000], [600_010, 100_000_000]),
  );
  const paper = createPaper(sim, { balances, clock });
  const read = reader(paper);
  await paper.connect();
  if (subscribe) {
    await paper.subscribe({ symbol: BTC, channels: ["book", "trades"], depth: 10 });
    await read.until((ev) => ev.kind === "BookSnapshot");
  }
  return { sim, paper, read };
}

const isBook = (ev: ExchangeEvent) => ev.kind === "BookSnapshot" || ev.kind === "BookUpdate";

Deno.test("paper: a resting order fills only when the live book crosses it, as maker at its own price", async () => {
  const { sim, paper, read } = await setup();
  assert(paper.paper);
  assertEquals(paper.venue, "sim");
  const order = await paper.placeOrder(limit(BTC, "buy", 599_950, 20_000_000, "rest"));
  assertEquals([order.status, order.filled], ["open", 0]);
  assertEquals(order.id.startsWith("PAPER-"), true);
  assertEquals((await read.queued()).map((e) => e.kind), ["OrderAccepted"]);
  // the live bids are hit: the book moves, but nothing crosses a bid of ours
  sim.takeLiquidity(BTC, "sell", 50_000_000);
  const quiet = await read.until(isBook);
  assertEquals(ofKind([...quiet, ...await read.queued()], "OrderFilled"), []);
  // the asks come down through our price: 0.1 there, then more
  sim.setBook(BTC, levels([599_800, 100_000_000]), levels([599_950, 10_000_000], [600_000, 100_000_000]));
  const first = [...await read.until(isBook), ...await read.queued()];
  sim.setBook(BTC, levels([599_800, 100_000_000]), levels([599_900, 100_000_000]));
  const second = [...await read.until(isBook), ...await read.queued()];
  const fills = ofKind([...first, ...second], "OrderFilled");
  assertEquals(fills.map((f) => [f.price, f.qty, f.liquidity, f.fee]), [
    [599_950, 10_000_000, "maker", "15.00"], // 5999.5 × 0.25 % = 14.99875, rounded up
    [599_950, 10_000_000, "maker", "15.00"], // 29.9975 in all -> 30.00
  ]);
  assertEquals(fills[1]!.order.status, "filled");
  assertEquals(ofKind(second, "WalletChanged").length, 1);
  assertEquals(await paper.balances(), { USD: "87971.00", BTC: "2.20000000" });
  assertEquals(await paper.openOrders(BTC), []);
  await paper.close();
});

Deno.test("paper: a crossing order takes the live asks at their prices, and never the same liquidity twice", async () => {
  const { sim, paper, read } = await setup(true, { USD: "200000", BTC: "0" });
  const a = await paper.placeOrder(limit(BTC, "buy", 600_010, 80_000_000, "a"));
  assertEquals([a.status, a.filled], ["filled", 80_000_000]);
  const fills = ofKind(await read.queued(), "OrderFilled");
  assertEquals(fills.map((f) => [f.price, f.qty, f.liquidity]), [[600_000, 50_000_000, "taker"], [
    600_010,
    30_000_000,
    "taker",
  ]]);
  const b = await paper.placeOrder(limit(BTC, "buy", 600_010, 100_000_000, "b"));
  assertEquals([b.status, b.filled], ["open", 70_000_000], "0.7 left at 60001.0; 60000.0 already taken");
  assertEquals((await sim.book(BTC, 1)).asks, levels([600_000, 50_000_000]), "the live book is untouched");
  await read.queued();
  // someone really buys 1: 60000.0 goes, 60001.0 shrinks to 0.5, which paper already took
  sim.takeLiquidity(BTC, "buy", 100_000_000);
  const after = [...await read.until(isBook), ...await read.queued()];
  assertEquals(ofKind(after, "OrderFilled"), []);
  assertEquals((await paper.openOrders(BTC)).map((o) => [o.clientId, o.filled]), [["b", 70_000_000]]);
  await paper.close();
});

Deno.test("paper: market orders fill against the live book, the rest canceled; with no book they are refused", async () => {
  const bare = await setup(false);
  await assertRejects(
    () => bare.paper.placeOrder(market(BTC, "sell", 10_000_000)),
    InvalidOrder,
    "no live bids to fill a paper market order against",
  );
  await bare.paper.close();
  const { paper, read } = await setup();
  const o = await paper.placeOrder(market(BTC, "sell", 200_000_000, "dump"));
  assertEquals([o.status, o.filled], ["canceled", 150_000_000]);
  const evs = await read.queued();
  assertEquals(evs.map((e) => e.kind), [
    "OrderAccepted",
    "OrderFilled",
    "OrderFilled",
    "OrderCanceled",
    "WalletChanged",
  ]);
  await assertRejects(() => paper.placeOrder(limit(BTC, "sell", 700_000, 300_000_000)), InsufficientFunds);
  await paper.close();
});

Deno.test("paper: cancel, lookup and validate; unknown ids are not found", async () => {
  const { paper, read } = await setup();
  const preview = await paper.placeOrder(
    { ...limit(BTC, "buy", 590_000, 10_000_000, "v"), validate: true } as SubmitOrder,
  );
  assertEquals([preview.status, preview.id], ["pending", ""]);
  await paper.placeOrder(limit(BTC, "buy", 590_000, 10_000_000, "c1"));
  const canceled = await paper.cancelOrder("c1");
  assertEquals(canceled.status, "canceled");
  assertEquals((await paper.queryOrder({ symbol: "ETH/BTC", clientId: "c1" }))?.status, "canceled");
  assertEquals(await paper.queryOrder({ symbol: "ETH/BTC", clientId: "nope" }), null);
  await assertRejects(() => paper.cancelOrder("c1"), OrderNotFound);
  assertEquals(paper.availableBalances(), await paper.balances());
  assertEquals((await read.queued()).map((e) => e.kind), ["OrderAccepted", "OrderCanceled"]);
  await paper.close();
});

Deno.test("paper: the live venue's market data passes, its account events never do", async () => {
  const live = new ScriptedExchange();
  const paper = createPaper(live);
  const read = reader(paper);
  await paper.connect();
  const order = {
    id: "OREAL",
    clientId: "",
    symbol: "ETH/BTC",
    side: "buy" as const,
    type: "limit" as const,
    price: 1,
    qty: 1,
    filled: 0,
    status: "open" as const,
    time: 0,
  };
  live.stream.push({ kind: "OrderAccepted", order });
  live.stream.push({ kind: "WalletChanged", balances: { BTC: "5" }, time: 0 });
  live.stream.push({ kind: "OrderRejected", clientId: "x", reason: "no", time: 0 });
  live.stream.push({ kind: "TickerChanged", symbol: "ETH/BTC", bid: 1, ask: 2, last: 1, volume: 0, time: 0 });
  const evs = await read.until((ev) => ev.kind === "TickerChanged");
  assertEquals(evs.map((e) => e.kind), ["TickerChanged"]);
  assertEquals(await paper.balances(), {
    USD: "10000.00",
    EUR: "10000.00",
    BTC: "1.00000000",
    ETH: "10.00000000",
  });
  assert(canResync(paper), "the live venue's resync passes through");
  await paper.close();
  assertEquals((await read.queued()).length, 0);
});

Deno.test("paper: the order engine journals paper orders as paper and reconciles them", async () => {
  const { paper, read } = await setup();
  const journal = Journal.memory();
  const instrument = (await paper.instruments()).find((i) => i.symbol === BTC)!;
  const engine = new OrderEngine({ exchange: paper, instrument, journal, balances: () => null });
  assertEquals(engine.paper, true);
  const { clientId, settled } = engine.submit({ side: "buy", price: "59000.0", volume: "0.1" });
  assertEquals((await settled).paper, true);
  assertEquals(journal.get(clientId)!.paper, true);
  assertEquals(journal.live("sim", BTC, false), [], "paper orders never mix with real ones");
  const other = new OrderEngine({ exchange: paper, instrument, journal });
  await other.reconcile();
  assertEquals(other.orders().map((o) => [o.clientId, o.owner, o.paper]), [[clientId, "ui", true]]);
  await read.queued();
  journal.close();
  await paper.close();
});

Deno.test("paper: through the Trader, a crossing buy fills against the live book and the wallet follows", async () => {
  const { sim, clock } = quietSim();
  sim.setBook(BTC, levels([599_990, 50_000_000]), levels([600_000, 50_000_000]));
  const trader = new Trader(createPaper(sim, { balances: { USD: "10000", BTC: "0" }, clock }), {
    symbol: BTC,
    depth: 10,
    timeframe: 15,
    clock,
  });
  await trader.start();
  const engine = trader.engine!;
  await eventually(() => trader.state.bookStatus === "ok", "the book");
  const { settled } = engine.submit({ side: "buy", price: "60000.0", volume: "0.1" });
  assertEquals((await settled).status, "filled");
  await eventually(() => trader.state.balances?.BTC === "0.10000000", "the new balance");
  assertEquals(trader.state.balances, { USD: "3976.00", BTC: "0.10000000" }); // 6000 + 0.40 % taker fee
  await trader.stop();
});

/** Paper over a scripted venue: the test pushes its book and trades; ETH/BTC, 5 price and 8 volume decimals. */
async function scripted(depth = 10) {
  const live = new ScriptedExchange();
  const paper = createPaper(live, { balances: { BTC: "10", ETH: "10" }, idPrefix: "P-" });
  const read = reader(paper);
  await paper.connect();
  await paper.subscribe({ symbol: ETH, channels: ["book", "trades"], depth });
  const push = async (ev: ExchangeEvent) => {
    live.stream.push(ev);
    return [...await read.until((e) => e.kind === ev.kind), ...await read.queued()];
  };
  const book = (bids: [number, number][], asks: [number, number][]) =>
    push({ kind: "BookSnapshot", symbol: ETH, bids: levels(...bids), asks: levels(...asks), time: 0 });
  const update = (bids: [number, number][], asks: [number, number][]) =>
    push({ kind: "BookUpdate", symbol: ETH, bids: levels(...bids), asks: levels(...asks), time: 0 });
  const trade = (side: "buy" | "sell", price: number, qty: number) =>
    push({ kind: "TradePrinted", symbol: ETH, side, price, qty, time: 0 });
  return { paper, read, book, update, trade };
}

const ETH = "ETH/BTC";
const fillsOf = (evs: ExchangeEvent[]) =>
  ofKind(evs, "OrderFilled").map((f) => [f.order.clientId, f.price, f.qty, f.liquidity]);

Deno.test("paper: a resting order waits for the volume ahead of it; trades at its price fill past it, a trade through it fills all", async () => {
  const s = await scripted();
  await s.book([[5_000, 100_000_000], [4_990, 200_000_000]], [[5_010, 100_000_000]]);
  const o = await s.paper.placeOrder(limit(ETH, "buy", 5_000, 50_000_000, "q"));
  assertEquals([o.status, o.id], ["open", "P-000001"]);
  await s.read.queued();
  // 0.6 of the 1.0 ahead is traded: nothing reaches us
  assertEquals(fillsOf(await s.trade("sell", 5_000, 60_000_000)), []);
  // the level shows 0.3 now: at most that is still ahead (the rest left from ahead of us)
  assertEquals(fillsOf(await s.update([[5_000, 30_000_000]], [])), []);
  // 0.5 traded at our price: 0.3 ahead, 0.2 reach us
  assertEquals(fillsOf(await s.trade("sell", 5_000, 50_000_000)), [["q", 5_000, 20_000_000, "maker"]]);
  // a trade below our price: the whole level was eaten, the rest of ours with it
  const through = await s.trade("sell", 4_990, 1_000_000);
  assertEquals(fillsOf(through), [["q", 5_000, 30_000_000, "maker"]]);
  assertEquals(ofKind(through, "OrderFilled")[0]!.order.status, "filled");
  assertEquals(ofKind(through, "WalletChanged").length, 1);
  await s.paper.close();
});

Deno.test("paper: own orders at one price queue in the order they were placed; a buy trade fills sells at or below it", async () => {
  const s = await scripted();
  await s.book([[4_990, 100_000_000]], [[5_010, 100_000_000], [5_020, 100_000_000]]);
  await s.paper.placeOrder(limit(ETH, "sell", 5_010, 40_000_000, "first"));
  await s.update([], [[5_010, 150_000_000]]); // 0.5 more arrives behind "first"
  await s.paper.placeOrder(limit(ETH, "sell", 5_010, 40_000_000, "second"));
  await s.paper.placeOrder(limit(ETH, "sell", 5_005, 10_000_000, "inside")); // inside the spread: nothing ahead
  await s.read.queued();
  // 1.2 bought at 50.10: 1.0 ahead of "first", 0.2 for it; "second" has 1.5 ahead and "first" before it.
  // "inside" at 50.05 is below the traded price: traded through, filled in full.
  assertEquals(fillsOf(await s.trade("buy", 5_010, 120_000_000)), [
    ["inside", 5_005, 10_000_000, "maker"],
    ["first", 5_010, 20_000_000, "maker"],
  ]);
  // 0.7 more: 0.2 of "first" left, then 0.3 still ahead of "second" (1.5 - 1.2), then 0.2 for "second"
  assertEquals(fillsOf(await s.trade("buy", 5_010, 70_000_000)), [
    ["first", 5_010, 20_000_000, "maker"],
    ["second", 5_010, 20_000_000, "maker"],
  ]);
  // the opposite side coming to the price fills as before, whatever is ahead
  assertEquals(fillsOf(await s.update([[5_010, 100_000_000]], [[5_010, 0]])), [[
    "second",
    5_010,
    20_000_000,
    "maker",
  ]]);
  await s.paper.close();
});

Deno.test("paper: a level past the depth the book keeps is not taken for gone", async () => {
  const s = await scripted(2);
  await s.book([[5_000, 100_000_000], [4_990, 100_000_000]], [[5_010, 100_000_000]]);
  await s.paper.placeOrder(limit(ETH, "buy", 4_990, 10_000_000, "deep"));
  // a better bid pushes 49.90 out of the two levels kept: its volume is unknown, not gone
  await s.update([[5_005, 100_000_000]], []);
  assertEquals(fillsOf(await s.trade("sell", 4_990, 90_000_000)), []);
  assertEquals(fillsOf(await s.trade("sell", 4_990, 20_000_000)), [["deep", 4_990, 10_000_000, "maker"]]);
  await s.paper.close();
});
