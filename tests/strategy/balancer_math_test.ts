/** seed/inventory.md §6.1 worked example: W_q 10, W_b 1000, fee 0.16 %, bid 0.0099, ask 0.0101, 5/5 %, margin 1 %. */
import { assert, assertEquals } from "../assert.ts";
import {
  buyAt,
  ceil8,
  centre,
  compensateFee,
  type LevelParams,
  planOrders,
  rebalance,
  simulateFill,
} from "../../strategies/balancer_math.ts";

const H = { quote: 10, base: 1000 };
const P: LevelParams = {
  distance: 5,
  distanceSell: 5,
  fee: 0.16,
  compensateFees: true,
  correctionMargin: 1,
  minAmount: 0.1,
  forced: [],
};

function near(actual: number, expected: number, what: string): void {
  assert(Math.abs(actual - expected) <= 1e-8, `${what}: ${actual} is not within 1e-8 of ${expected}`);
}

Deno.test("worked example: centre and raw levels", () => {
  near(centre(H)!, 0.01, "centre");
  near(ceil8(0.01 * 1.05), 0.0105, "raw sell");
  near(ceil8(0.01 / 1.05), 0.00952381, "raw buy");
});

Deno.test("worked example: fee-compensated levels", () => {
  near(compensateFee(0.0105, 0.16, H), 0.01053369, "sell after fees");
  near(compensateFee(0.00952381, 0.16, H), 0.00949327, "buy after fees");
});

Deno.test("worked example: the plan's levels and amounts", () => {
  const plan = planOrders(H, 0.0099, 0.0101, P)!;
  near(plan.centre, 0.01, "centre");
  near(plan.nextSell, 0.01053369, "next sell");
  near(plan.nextBuy, 0.00949327, "next buy");
  near(plan.sellAmount, 25.33252830, "sell amount");
  near(plan.buyAmount, 26.68890698, "buy amount");
  assertEquals(plan.notes, []);
});

Deno.test("worked example: with ask 0.012 the sell is corrected to 0.01212 for 87.45874587", () => {
  const plan = planOrders(H, 0.0099, 0.012, P)!;
  near(plan.nextSell, 0.01212, "corrected sell");
  near(plan.sellAmount, 87.45874587, "corrected amount");
  near(plan.nextBuy, 0.00949327, "buy unchanged");
  assertEquals(plan.notes.length, 1);
  const note = plan.notes[0]!;
  assertEquals([note.kind, note.side], ["corrected", "sell"]);
  near(note.kind === "corrected" ? note.price : NaN, 0.01212, "the note's price");
});

Deno.test("worked example: r with bid 0.0119 and ask 0.0121 sells 79.83193277 at market", () => {
  const r = rebalance(H, 0.0119, 0.0121)!;
  assertEquals(r.side, "sell");
  near(r.volume, 79.83193277, "market sell volume");
});

Deno.test("buyAt is positive below the centre and negative above it", () => {
  assert(buyAt(0.009, H) > 0);
  assert(buyAt(0.011, H) < 0);
  near(buyAt(0.01, H), 0, "at the centre");
});

Deno.test("r buys at the ask when the price fell below the centre", () => {
  const r = rebalance(H, 0.0079, 0.0081)!;
  assertEquals(r.side, "buy");
  near(r.volume, buyAt(0.0081, H), "volume at the ask");
  assertEquals(rebalance(H, 0, 0.0081), null);
});

Deno.test("no centre without both assets (the original returned non-prices)", () => {
  assertEquals(centre({ quote: 0, base: 10 }), null);
  assertEquals(centre({ quote: 10, base: 0 }), null);
  assertEquals(planOrders({ quote: 0, base: 10 }, 1, 2, P), null);
});

Deno.test("a buy level above the bid is corrected below it; margin 0 uses the price itself", () => {
  const plan = planOrders(H, 0.009, 0.0101, { ...P, correctionMargin: 0 })!;
  near(plan.nextBuy, 0.009, "buy at the bid");
  const withMargin = planOrders(H, 0.009, 0.0101, P)!;
  near(withMargin.nextBuy, 0.009 * 0.99, "buy 1 % under the bid");
});

Deno.test("forced levels win and skip fee compensation", () => {
  const plan = planOrders(H, 0.0099, 0.0101, { ...P, forced: [0.011, 0.0115, 0.009, 0.0093] })!;
  near(plan.nextSell, 0.011, "smallest forced price above the sell level");
  near(plan.nextBuy, 0.0093, "largest forced price below the buy level");
});

Deno.test("amounts below the minimum are raised to it, with a note", () => {
  const plan = planOrders({ quote: 0.01, base: 1 }, 0.0099, 0.0101, P)!;
  assertEquals(plan.sellAmount, 0.1);
  assertEquals(plan.buyAmount, 0.1);
  assertEquals(plan.notes.filter((n) => n.kind === "raised").map((n) => n.side), ["sell", "buy"]);
});

Deno.test("simulated fills charge the fee on both sides", () => {
  const sold = simulateFill(H, "sell", 0.0105, 10, 0.05);
  near(sold.quote, 10 + 10 * 0.0105 * 0.9995, "quote after a sell");
  near(sold.base, 990, "base after a sell");
  const bought = simulateFill(H, "buy", 0.0095, 10, 0.05);
  near(bought.quote, 10 - 0.095, "quote after a buy");
  near(bought.base, 1000 + 10 * 0.9995, "base after a buy");
});
