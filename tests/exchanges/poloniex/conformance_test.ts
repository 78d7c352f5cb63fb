/** The venue conformance suite against the Poloniex adapter and its fake, and paper trading over it. */
import { createPaper } from "../../../exchanges/paper/mod.ts";
import { type Exchange, formatTicks } from "../../../lib/core/mod.ts";
import { FakePoloniex } from "../../fakes/poloniex/server.ts";
import { type ConformanceRig, runConformance } from "../conformance.ts";
import { fastAdapter } from "./setup.ts";

/** Paper balances for BTC/USDT (the default `[paper] balances` hold no USDT). */
const PAPER = { balances: { USDT: "100000", BTC: "1" } };

function poloniexRig(wrap: (live: Exchange) => Exchange = (x) => x): Promise<ConformanceRig> {
  const server = FakePoloniex.start();
  const live = fastAdapter(server);
  const exchange = wrap(live);
  return Promise.resolve({
    exchange,
    symbol: "BTC/USDT",
    serverBook: (depth) => Promise.resolve(server.book.top(depth)),
    moveBook(n) {
      server.sendBookUpdates(n);
      return Promise.resolve();
    },
    breakBook() {
      server.skipNextId();
      return Promise.resolve();
    },
    dropConnections: () => server.dropConnections(),
    dropAccountFeed: () => server.dropConnections("private"),
    loseNextOrderAnswer() {
      // Poloniex carries out the POST /orders, then the connection breaks before the answer.
      server.privateRest.faults.push({ method: "POST", path: "/orders", drop: true });
    },
    placeForeign(side, price, qty) {
      // At least the market's minimum amount (1 USDT), as the venue requires of any order.
      const least = Math.ceil(1e8 / price);
      const placed = server.account.place({
        symbol: "BTC_USDT",
        side: side === "buy" ? "BUY" : "SELL",
        type: "LIMIT",
        price: formatTicks(price, 2),
        quantity: formatTicks(Math.max(qty, least), 6),
      });
      if (!("order" in placed)) throw new Error(`The fake refused the foreign order: ${placed.message}`);
      return Promise.resolve();
    },
    async venueOpenOrders() {
      if (exchange !== live) return (await exchange.openOrders("BTC/USDT")).map((o) => o.clientId);
      return server.account.open().map((o) => o.clientOrderId);
    },
    async close() {
      await exchange.close();
      await server.close();
    },
  });
}

runConformance({
  name: "poloniex",
  rig: () => poloniexRig(),
  paper: (live) => createPaper(live, PAPER),
});

runConformance({
  name: "paper over poloniex",
  rig: () => poloniexRig((live) => createPaper(live, PAPER)),
  optOut: {
    "lost answer": "paper orders never leave the process: no answer can be lost",
    "foreign orders": "a paper account has no orders placed elsewhere",
    paper: "this is the paper venue already",
  },
});
