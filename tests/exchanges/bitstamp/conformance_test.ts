/** The venue conformance suite against the Bitstamp adapter and its fake, in both book modes, and paper over it. */
import { createPaper } from "../../../exchanges/paper/mod.ts";
import { type Exchange, formatTicks } from "../../../lib/core/mod.ts";
import { FakeBitstamp } from "../../fakes/bitstamp/server.ts";
import { type ConformanceRig, runConformance } from "../conformance.ts";
import { fastAdapter } from "./helpers.ts";

function bitstampRig(
  mode: "top" | "diff",
  wrap: (live: Exchange) => Exchange = (x) => x,
): Promise<ConformanceRig> {
  const server = FakeBitstamp.start({ seed: mode === "top" ? 31 : 37 });
  const live = fastAdapter(server);
  const exchange = wrap(live);
  return Promise.resolve({
    exchange,
    symbol: "BTC/USD",
    serverBook: (depth) => Promise.resolve(server.top(depth)),
    moveBook(n) {
      server.moveBook(n);
      return Promise.resolve();
    },
    breakBook() {
      // Bitstamp's own ways to lose a book: a crossed order_book frame (the docs warn of them), a lost diff.
      if (mode === "top") server.crossNextTop();
      else server.dropNextDiff();
      return Promise.resolve();
    },
    dropConnections: () => server.dropConnections(),
    loseNextOrderAnswer() {
      // Bitstamp carries the buy out, then the connection breaks before the answer.
      server.privateRest.faults.push({ endpoint: "buy/btcusd", drop: true });
    },
    placeForeign(side, price, qty) {
      server.account.place(
        side,
        "limit",
        new URLSearchParams({
          price: formatTicks(price, server.pricePrecision),
          amount: formatTicks(qty, server.qtyPrecision),
        }),
      );
      return Promise.resolve();
    },
    async venueOpenOrders() {
      if (exchange !== live) return (await exchange.openOrders("BTC/USD")).map((o) => o.clientId);
      return server.account.open().map((o) => o.clientId ?? "");
    },
    async close() {
      await exchange.close();
      await server.close();
    },
  });
}

runConformance({
  name: "bitstamp",
  rig: () => bitstampRig("top"),
  paper: (live) => createPaper(live),
  optOut: {
    "account feed drop": "the account channels share the market data socket: no socket of their own to drop",
  },
});

const ONCE = "the same in both book modes: run by the bitstamp (top 100) suite";
runConformance({
  name: "bitstamp diff books",
  depth: 500,
  rig: () => bitstampRig("diff"),
  paper: (live) => createPaper(live),
  optOut: {
    instruments: ONCE,
    "account feed drop": ONCE,
    candles: ONCE,
    trades: ONCE,
    balances: ONCE,
    orders: ONCE,
    "lost answer": ONCE,
    "foreign orders": ONCE,
  },
});

runConformance({
  name: "paper over bitstamp",
  rig: () => bitstampRig("top", (live) => createPaper(live)),
  optOut: {
    "account feed drop": "the account channels share the market data socket: no socket of their own to drop",
    "lost answer": "paper orders never leave the process: no answer can be lost",
    "foreign orders": "a paper account has no orders placed elsewhere",
    paper: "this is the paper venue already",
  },
});
