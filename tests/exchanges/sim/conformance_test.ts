/** The venue conformance suite against the built-in simulated market. */
import { createPaper } from "../../../exchanges/paper/mod.ts";
import { createSim } from "../../../exchanges/sim/mod.ts";
import { type ConformanceRig, runConformance } from "../conformance.ts";

function simRig(): Promise<ConformanceRig> {
  const sim = createSim({ auto: false });
  const symbol = "BTC/USD";
  let foreign = 0;
  return Promise.resolve({
    exchange: sim,
    symbol,
    async serverBook(depth) {
      const { bids, asks } = await sim.book(symbol, depth);
      return { bids: [...bids], asks: [...asks] };
    },
    moveBook(n) {
      sim.step(n);
      return Promise.resolve();
    },
    breakBook: () => Promise.reject(new Error("opted out")),
    dropConnections: () => {
      throw new Error("opted out");
    },
    loseNextOrderAnswer: () => {
      throw new Error("opted out");
    },
    async placeForeign(side, price, qty) {
      // An order under a client id the journal never saw: another program's.
      await sim.placeOrder({
        kind: "SubmitOrder",
        clientId: `other-${++foreign}`,
        symbol,
        side,
        type: "limit",
        price,
        qty,
      });
    },
    venueOpenOrders: async () => (await sim.openOrders(symbol)).map((o) => o.clientId),
    close: () => sim.close(),
  });
}

runConformance({
  name: "sim",
  rig: simRig,
  paper: (live) => createPaper(live),
  optOut: {
    integrity: "the simulated market runs in the process: no message can be lost or corrupted",
    reconnect: "the simulated market has no connection to drop",
    "account feed drop": "the simulated market has no connection to drop",
    "lost answer": "the simulated market answers in the process: no answer can be lost",
  },
});
