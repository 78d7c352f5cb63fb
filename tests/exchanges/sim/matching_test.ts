import { assert, assertEquals, assertRejects } from "../../assert.ts";
import { InsufficientFunds, InvalidOrder, OrderNotFound } from "../../../lib/core/mod.ts";
import { drain, levels, limit, market, ofKind, quietSim } from "./helpers.ts";

const BTC = "BTC/USD";

/** A BTC/USD market with a known book: bids 59999.0 × 0.5, 59998.0 × 1; asks 60000.0 × 0.5, 60001.0 × 1, 60005.0 × 2. */
async function scenario(balances: Record<string, string> = { USD: "100000", BTC: "2" }) {
  const { sim, clock } = quietSim({ balances });
  sim.setBook(
    BTC,
    levels([599_990, 50_000_000], [599_980, 100_000_000]),
    levels([600_000, 50_000_000], [600_010, 100_000_000], [600_050, 200_000_000]),
  );
  await sim.connect();
  await sim.subscribe({ symbol: BTC, channels: ["book", "trades"] });
  await drain(sim);
  return { sim, clock };
}

Deno.test("a crossing limit buy fills at the resting ask prices, walking levels, with taker fees", async () => {
  const { sim } = await scenario();
  const order = await sim.placeOrder(limit(BTC, "buy", 601_000, 60_000_000, "walk"));
  assertEquals(order.status, "filled");
  assertEquals(order.filled, 60_000_000);
  assertEquals(order.clientId, "walk");
  assertEquals(order.id, "OSIM-000001");
  const evs = await drain(sim);
  assertEquals(evs.map((e) => e.kind), [
    "OrderAccepted",
    "BookUpdate",
    "TradePrinted",
    "TradePrinted",
    "OrderFilled",
    "OrderFilled",
    "WalletChanged",
  ]);
  const fills = ofKind(evs, "OrderFilled");
  assertEquals(fills.map((f) => [f.price, f.qty, f.fee, f.liquidity]), [
    [600_000, 50_000_000, "78.00", "taker"], // 0.5 × 60000.0 = 30000, × 0.26 % = 78
    [600_010, 10_000_000, "15.61", "taker"], // 0.1 × 60001.0 = 6000.1, 93.60026 in all -> 93.61
  ]);
  assertEquals(ofKind(evs, "TradePrinted").map((t) => [t.price, t.qty, t.side]), [
    [600_000, 50_000_000, "buy"],
    [600_010, 10_000_000, "buy"],
  ]);
  // 100000 - 30000 - 78 - 6000.1 - 15.61
  assertEquals(await sim.balances(), { USD: "63906.29", BTC: "2.60000000" });
  assertEquals(sim.availableBalances(), { USD: "63906.29", BTC: "2.60000000" });
  const book = await sim.book(BTC, 1);
  assertEquals(book.asks, levels([600_010, 90_000_000]));
  assertEquals(ofKind(evs, "BookUpdate")[0]!.asks, levels([600_000, 0], [600_010, 90_000_000]));
  await sim.close();
});

Deno.test("a partial fill leaves the rest resting at the limit with the right filled amount", async () => {
  const { sim } = await scenario();
  const order = await sim.placeOrder(limit(BTC, "buy", 600_005, 100_000_000, "part"));
  assertEquals([order.status, order.filled, order.qty, order.price], [
    "open",
    50_000_000,
    100_000_000,
    600_005,
  ]);
  assertEquals(await sim.openOrders(BTC), [order]);
  const book = await sim.book(BTC, 1);
  assertEquals(book.bids, levels([600_005, 50_000_000]));
  assertEquals(book.asks, levels([600_010, 100_000_000]));
  // held: 1 × 60000.5 + 156.01 (0.26 % rounded up) = 60156.51, of which the fill used 30078
  assertEquals(sim.availableBalances().USD, "39843.49");
  assertEquals((await sim.balances()).USD, "69922.00");
  await drain(sim);
  const canceled = await sim.cancelOrder("part");
  assertEquals([canceled.status, canceled.filled], ["canceled", 50_000_000]);
  assertEquals(sim.availableBalances(), await sim.balances());
  const evs = await drain(sim);
  assertEquals(evs.map((e) => e.kind), ["BookUpdate", "OrderCanceled"]);
  assertEquals(ofKind(evs, "BookUpdate")[0]!.bids, levels([600_005, 0]));
  await sim.close();
});

Deno.test("resting orders fill as maker, in price-time priority behind liquidity already there", async () => {
  const { sim } = await scenario();
  // joins the 0.5 BTC of synthetic bids at 59999.0
  const buy = await sim.placeOrder(limit(BTC, "buy", 599_990, 20_000_000, "join"));
  assertEquals(buy.status, "open");
  sim.takeLiquidity(BTC, "sell", 50_000_000);
  assertEquals((await sim.openOrders())[0]!.filled, 0);
  await drain(sim);
  sim.takeLiquidity(BTC, "sell", 30_000_000);
  const evs = await drain(sim);
  const fill = ofKind(evs, "OrderFilled");
  assertEquals(fill.map((f) => [f.price, f.qty, f.fee, f.liquidity, f.order.status]), [
    [599_990, 20_000_000, "19.20", "maker", "filled"], // 0.2 × 59999.0 = 11999.8, × 0.16 % = 19.19968 -> 19.20
  ]);
  assertEquals(ofKind(evs, "TradePrinted").map((t) => [t.price, t.qty, t.side]), [
    [599_990, 20_000_000, "sell"],
    [599_980, 10_000_000, "sell"],
  ]);
  assertEquals(await sim.balances(), { USD: "87981.00", BTC: "2.20000000" }); // 100000 - 11999.8 - 19.2
  await sim.close();
});

Deno.test("maker fees round up over the order's running total", async () => {
  const { sim } = await scenario();
  await sim.placeOrder(limit(BTC, "sell", 600_005, 20_000_000, "ask"));
  assertEquals((await sim.book(BTC, 2)).asks, levels([600_000, 50_000_000], [600_005, 20_000_000]));
  sim.takeLiquidity(BTC, "buy", 60_000_000);
  sim.takeLiquidity(BTC, "buy", 10_000_000);
  const fills = ofKind(await drain(sim), "OrderFilled");
  // 0.1 × 60000.5 = 6000.05 twice: exact fees 9.60008 each, 19.20016 in all -> 19.21
  assertEquals(fills.map((f) => [f.price, f.qty, f.fee, f.liquidity]), [
    [600_005, 10_000_000, "9.61", "maker"],
    [600_005, 10_000_000, "9.60", "maker"],
  ]);
  assertEquals(await sim.balances(), { USD: "111980.89", BTC: "1.80000000" });
  await sim.close();
});

Deno.test("orders at one price fill first come, first served", async () => {
  const { sim } = await scenario();
  await sim.placeOrder(limit(BTC, "sell", 599_995, 10_000_000, "first"));
  await sim.placeOrder(limit(BTC, "sell", 599_995, 10_000_000, "second"));
  sim.takeLiquidity(BTC, "buy", 15_000_000);
  const fills = ofKind(await drain(sim), "OrderFilled");
  assertEquals(fills.map((f) => [f.order.clientId, f.qty, f.order.status]), [
    ["first", 10_000_000, "filled"],
    ["second", 5_000_000, "open"],
  ]);
  await sim.close();
});

Deno.test("a market order takes what the book has and cancels the rest", async () => {
  const { sim } = await scenario();
  const sell = await sim.placeOrder(market(BTC, "sell", 200_000_000, "dump"));
  assertEquals([sell.status, sell.filled, sell.price], ["canceled", 150_000_000, null]);
  const evs = await drain(sim);
  assertEquals(evs.map((e) => e.kind), [
    "OrderAccepted",
    "BookUpdate",
    "TradePrinted",
    "TradePrinted",
    "OrderFilled",
    "OrderFilled",
    "OrderCanceled",
    "WalletChanged",
  ]);
  assertEquals(ofKind(evs, "OrderFilled").map((f) => [f.price, f.qty, f.fee]), [
    [599_990, 50_000_000, "78.00"], // 29999.5 × 0.26 % = 77.9987 -> 78.00
    [599_980, 100_000_000, "156.00"], // 59998 × 0.26 % = 155.9948, 233.9935 in all -> 234.00
  ]);
  // the unsold 0.5 BTC is released: 2 - 1.5 = 0.5 BTC; USD 100000 + 29999.5 + 59998 - 234
  assertEquals(await sim.balances(), { USD: "189763.50", BTC: "0.50000000" });
  assertEquals(sim.availableBalances(), await sim.balances());
  assertEquals((await sim.book(BTC, 5)).bids, []);
  sim.step(200); // the market refills the empty side
  assert((await sim.book(BTC, 5)).bids.length > 0);
  await sim.close();
});

Deno.test("a market buy is checked against what walking the book would cost", async () => {
  const { sim } = await scenario({ USD: "30000", BTC: "0" });
  // 0.5 BTC at 60000.0 costs 30000 + 78 fee: too much
  await assertRejects(
    () => sim.placeOrder(market(BTC, "buy", 50_000_000)),
    InsufficientFunds,
    'Cannot place order on "BTC/USD": needs 30078.00 USD, 30000.00 USD available',
  );
  const ok = await sim.placeOrder(market(BTC, "buy", 40_000_000));
  assertEquals(ok.status, "filled");
  assertEquals(await sim.balances(), { USD: "5937.60", BTC: "0.40000000" }); // 24000 + 62.40
  await sim.close();
});

Deno.test("insufficient funds and bad orders are refused and send nothing", async () => {
  const { sim } = quietSim();
  await sim.connect();
  await sim.subscribe({ symbol: BTC, channels: ["book", "trades"] });
  await drain(sim);
  const before = await sim.book(BTC, 10_000);
  await assertRejects(
    () => sim.placeOrder(limit(BTC, "buy", 600_000, 100_000_000)),
    InsufficientFunds,
    'Cannot place order on "BTC/USD": needs 60156.00 USD, 10000.00 USD available',
  );
  await assertRejects(
    () => sim.placeOrder(limit(BTC, "sell", 700_000, 200_000_000)),
    InsufficientFunds,
    'Cannot place order on "BTC/USD": needs 2.00000000 BTC, 1.00000000 BTC available',
  );
  await assertRejects(
    () => sim.placeOrder(limit(BTC, "buy", 500_000, 1_000)),
    InvalidOrder,
    'Cannot place order on "BTC/USD": volume 0.00001 is below the minimum 0.0001',
  );
  await assertRejects(
    () => sim.placeOrder(market(BTC, "sell", 9_999)),
    InvalidOrder,
    "volume 0.00009999 is below the minimum 0.0001",
  );
  await assertRejects(
    () => sim.placeOrder(limit("ETH/BTC", "buy", 1, 200_000)),
    InvalidOrder,
    'Cannot place order on "ETH/BTC": cost 0.00000002 is below the minimum 0.00002',
  );
  await assertRejects(
    () => sim.placeOrder({ ...limit(BTC, "buy", 0, 100_000), price: null }),
    InvalidOrder,
    "a limit order needs a positive price",
  );
  await assertRejects(() => sim.placeOrder(limit(BTC, "buy", 500_000, 0)), InvalidOrder, "volume must be");
  await sim.placeOrder(limit(BTC, "buy", 500_000, 100_000, "dup"));
  await assertRejects(
    () => sim.placeOrder(limit(BTC, "buy", 500_000, 100_000, "dup")),
    InvalidOrder,
    'client id "dup" is already used by open order OSIM-000001',
  );
  await sim.cancelOrder("dup");
  const evs = await drain(sim);
  assertEquals(evs.map((e) => e.kind), ["OrderAccepted", "BookUpdate", "BookUpdate", "OrderCanceled"]);
  assertEquals(await sim.book(BTC, 10_000), before);
  assertEquals(await sim.balances(), { USD: "10000.00", BTC: "1.00000000", ETH: "10.00000000" });
  assertEquals(await sim.openOrders(), []);
  await sim.close();
});

Deno.test("a validate-only order is checked and answered but not placed", async () => {
  const { sim } = quietSim();
  const preview = await sim.placeOrder({ ...limit(BTC, "buy", 500_000, 100_000, "v"), validate: true });
  assertEquals([preview.id, preview.status, preview.clientId], ["", "pending", "v"]);
  assertEquals(await drain(sim), []);
  assertEquals(await sim.openOrders(), []);
  assertEquals(sim.availableBalances().USD, "10000.00");
  await assertRejects(
    () => sim.placeOrder({ ...limit(BTC, "buy", 600_000, 100_000_000), validate: true }),
    InsufficientFunds,
  );
});

Deno.test("cancel releases held funds, by venue id or client id; unknown ids are OrderNotFound", async () => {
  const { sim } = quietSim();
  const a = await sim.placeOrder(limit(BTC, "buy", 500_000, 10_000_000, "a")); // 0.1 × 50000.0
  const b = await sim.placeOrder(limit(BTC, "sell", 700_000, 50_000_000, "b"));
  // 5000 + 13.00 fee held; 0.5 BTC held
  assertEquals(sim.availableBalances(), { USD: "4987.00", BTC: "0.50000000", ETH: "10.00000000" });
  assertEquals(await sim.balances(), { USD: "10000.00", BTC: "1.00000000", ETH: "10.00000000" });
  assertEquals((await sim.cancelOrder(a.id)).status, "canceled");
  assertEquals(sim.availableBalances().USD, "10000.00");
  assertEquals((await sim.cancelOrder("b")).id, b.id);
  assertEquals(sim.availableBalances(), await sim.balances());
  await assertRejects(
    () => sim.cancelOrder("a"),
    OrderNotFound,
    'Cannot cancel order "a" on sim: no open order has this id',
  );
  await assertRejects(() => sim.cancelOrder("OSIM-999999"), OrderNotFound);
});

Deno.test("a tiny fill never costs a seller more than it brings in", async () => {
  const { sim } = quietSim({ balances: { USD: "0", BTC: "1" } });
  sim.setBook(BTC, levels([599_990, 100_000_000]), levels([600_100, 100_000_000]));
  await sim.placeOrder(limit(BTC, "sell", 600_000, 10_000, "tiny"));
  sim.takeLiquidity(BTC, "buy", 1); // one satoshi: 0.0006 USD
  assertEquals((await sim.balances()).USD, "0.00");
  sim.takeLiquidity(BTC, "buy", 9_999);
  const fees = ofKind(await drain(sim), "OrderFilled").map((f) => f.fee);
  assertEquals(fees, ["0.0006", "0.0094"]); // 0.01 in all: 0.0096 rounded up
  assertEquals(await sim.balances(), { USD: "5.99", BTC: "0.99990000" });
});

Deno.test("own orders trading with each other pay both fees", async () => {
  const { sim } = await scenario();
  await sim.placeOrder(limit(BTC, "sell", 599_995, 10_000_000, "mine"));
  await sim.placeOrder(limit(BTC, "buy", 599_995, 10_000_000, "me"));
  const fills = ofKind(await drain(sim), "OrderFilled");
  assertEquals(fills.map((f) => [f.order.clientId, f.fee, f.liquidity]), [
    ["mine", "9.60", "maker"], // 5999.5 × 0.16 % = 9.5992
    ["me", "15.60", "taker"], // 5999.5 × 0.26 % = 15.5987
  ]);
  assertEquals(await sim.balances(), { USD: "99974.80", BTC: "2.00000000" });
});

Deno.test("resting own orders fill when the simulated market trades through them", async () => {
  const { sim, clock } = quietSim({ seed: 4 });
  await sim.connect();
  const book = await sim.book(BTC, 1);
  const price = book.bids[0]!.price;
  await sim.placeOrder(limit(BTC, "buy", price, 10_000, "patient"));
  let fills: ReturnType<typeof ofKind<"OrderFilled">> = [];
  for (let i = 0; i < 20_000 && fills.length === 0; i++) {
    clock.advance(50);
    sim.step();
    fills = ofKind(await drain(sim), "OrderFilled");
  }
  assert(fills.length > 0, "never filled");
  assertEquals([fills[0]!.price, fills[0]!.liquidity], [price, "maker"]);
  await sim.close();
});

Deno.test("USD settles in whole cents: a sale is credited rounded down, a purchase debited rounded up", async () => {
  const { sim } = await scenario({ USD: "10000", BTC: "1" });
  // 0.0001 BTC at 59999.0 brings 5.99990; fee 0.26 % = 0.0155997 -> 0.02; 5.9799 is credited as 5.97
  await sim.placeOrder(market(BTC, "sell", 10_000, "small-sell"));
  assertEquals(await sim.balances(), { USD: "10005.97", BTC: "0.99990000" });
  // 0.0001 BTC at 60000.0 costs 6.00000 exactly, fee 0.0156 -> 0.02: 6.02 in all
  await sim.placeOrder(market(BTC, "buy", 10_000, "small-buy"));
  assertEquals(await sim.balances(), { USD: "9999.95", BTC: "1.00000000" });
  // 0.00012345 BTC at 59999.0 costs 7.40687655 -> 7.41, fee 0.0192578... -> 0.02: 7.43
  await sim.placeOrder(limit(BTC, "buy", 599_990, 12_345, "odd-buy"));
  assertEquals(sim.availableBalances().USD, "9992.52");
  await sim.close();
});
