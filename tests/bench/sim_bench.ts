/**
 * How cheap a simulated market step is (the UI may run 2,000 a second). Baseline: a step nobody watches;
 * the others add what a subscriber costs (book diffs, events) and own-order round trips.
 */
import { createSim } from "../../exchanges/sim/mod.ts";
import type { SubmitOrder } from "../../lib/core/mod.ts";

let time = Date.UTC(2024, 4, 1);
const clock = { now: () => time };

const quiet = createSim({ auto: false, clock });
Deno.bench("sim step, unwatched", { group: "step", baseline: true }, () => {
  time += 1;
  quiet.step();
});

async function watched(depth?: number) {
  const sim = createSim({ auto: false, clock });
  await sim.connect();
  await sim.subscribe({ symbol: "BTC/USD", channels: ["book", "trades", "ticker", "candles"], depth });
  const it = sim.events()[Symbol.asyncIterator]();
  return { sim, it };
}

const full = await watched();
Deno.bench("sim step, full book watched, events taken", { group: "step" }, async () => {
  time += 1;
  full.sim.step();
  for (let n = full.sim.events().size; n > 0; n--) await full.it.next();
});

const top = await watched(25);
Deno.bench("sim step, 25 levels watched, events taken", { group: "step" }, async () => {
  time += 1;
  top.sim.step();
  for (let n = top.sim.events().size; n > 0; n--) await top.it.next();
});

const trader = createSim({ auto: false, clock, balances: { USD: "1000000000", BTC: "1000" } });
let id = 0;
Deno.bench("sim place + cancel a resting limit order", { group: "orders" }, async () => {
  const bid = (await trader.book("BTC/USD", 1)).bids[0]!.price;
  const cmd: SubmitOrder = {
    kind: "SubmitOrder",
    clientId: `b${++id}`,
    symbol: "BTC/USD",
    side: "buy",
    type: "limit",
    price: bid - 10,
    qty: 100_000,
  };
  await trader.placeOrder(cmd);
  await trader.cancelOrder(cmd.clientId);
});
