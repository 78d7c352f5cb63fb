import { assertEquals } from "../../assert.ts";
import { BookSide } from "../../../exchanges/sim/book_side.ts";
import { levels, limit, market, quietSim } from "./helpers.ts";

const BTC = "BTC/USD";

Deno.test("sim: queryOrder finds open and closed orders by client id or venue id; null for none", async () => {
  const { sim } = quietSim({ balances: { USD: "100000", BTC: "1" } });
  sim.setBook(BTC, levels([599_990, 50_000_000]), levels([600_000, 50_000_000]));
  const resting = await sim.placeOrder(limit(BTC, "buy", 590_000, 10_000_000, "rest"));
  const taken = await sim.placeOrder(market(BTC, "buy", 10_000_000, "take"));
  assertEquals((await sim.queryOrder({ clientId: "rest" }))?.status, "open");
  assertEquals((await sim.queryOrder({ clientId: "take" }))?.status, "filled");
  assertEquals((await sim.queryOrder({ clientId: "", venueId: taken.id }))?.clientId, "take");
  await sim.cancelOrder(resting.id);
  assertEquals((await sim.queryOrder({ clientId: "rest" }))?.status, "canceled");
  assertEquals(await sim.queryOrder({ clientId: "never" }), null);
  await sim.close();
});

Deno.test("book side: setSynth sets a level's synthetic quantity, 0 removes it", () => {
  const side = new BookSide<never>(false);
  side.setSynth(100, 5);
  side.setSynth(101, 7);
  side.setSynth(100, 3);
  assertEquals(side.levels.map((l) => [l.price, l.qty]), [[100, 3], [101, 7]]);
  side.setSynth(100, 0);
  assertEquals(side.levels.map((l) => [l.price, l.qty]), [[101, 7]]);
});

Deno.test("sim: ordersByClientId answers the ids it knows, open or closed", async () => {
  const { sim } = quietSim({ balances: { USD: "100000", BTC: "1" } });
  sim.setBook(BTC, levels([599_990, 50_000_000]), levels([600_000, 50_000_000]));
  await sim.placeOrder(limit(BTC, "buy", 590_000, 10_000_000, "one"));
  await sim.placeOrder(market(BTC, "buy", 10_000_000, "two"));
  const found = await sim.ordersByClientId(["two", "none", "one"]);
  assertEquals(found.map((o) => [o.clientId, o.status]), [["two", "filled"], ["one", "open"]]);
  await sim.close();
});
