/** The venue conformance suite against the Kraken adapter and its fake, and paper trading over it. */
import { createKraken } from "../../../exchanges/kraken/mod.ts";
import { createPaper } from "../../../exchanges/paper/mod.ts";
import { type Exchange, formatTicks } from "../../../lib/core/mod.ts";
import { FAKE_KEY, FakeKraken } from "../../fakes/kraken/server.ts";
import { type ConformanceRig, runConformance } from "../conformance.ts";
import { eventually } from "../../eventually.ts";

async function krakenRig(wrap: (live: Exchange) => Exchange = (x) => x): Promise<ConformanceRig> {
  const server = FakeKraken.start({ heartbeatMs: 1_000 });
  const dir = await Deno.makeTempDir({ prefix: "pytrader-kraken-conformance-" });
  const live = createKraken({
    rest_url: server.restUrl,
    ws_url: server.wsUrl,
    ws_auth_url: server.wsAuthUrl,
    backoff: { baseMs: 20, maxMs: 200 },
    restRate: { capacity: 1000, refillPerSecond: 1000 },
    privateRate: { capacity: 1000, refillPerSecond: 1000 },
    tradingRate: { capacity: 1000, refillPerSecond: 1000 },
    credentials: { key: () => FAKE_KEY.key, secret: () => FAKE_KEY.secret },
    nonceFile: `${dir}/pytrader.kraken-nonce`,
  });
  const exchange = wrap(live);
  return {
    exchange,
    symbol: "BTC/USD",
    serverBook: (depth) => Promise.resolve(server.book.top(depth)),
    async moveBook(n) {
      // after a resync or a reconnect the adapter subscribes again: changes need a subscriber to go to
      await eventually(() => server.bookDepths().length > 0, "a book subscriber at the fake");
      server.sendBookUpdates(n);
    },
    breakBook() {
      server.corruptNextChecksum();
      return Promise.resolve();
    },
    dropConnections: () => {
      server.dropConnections();
      server.accountFeed.drop();
    },
    dropAccountFeed: () => server.accountFeed.drop(),
    loseNextOrderAnswer() {
      // Kraken carries the AddOrder out, then the connection breaks before the answer.
      server.privateRest.faults.push({ method: "AddOrder", drop: true });
    },
    placeForeign(side, price, qty) {
      server.account.addOrder(
        new URLSearchParams({
          type: side,
          ordertype: "limit",
          price: formatTicks(price, server.pricePrecision),
          volume: formatTicks(qty, server.qtyPrecision),
        }),
      );
      return Promise.resolve();
    },
    async venueOpenOrders() {
      if (exchange !== live) return (await exchange.openOrders("BTC/USD")).map((o) => o.clientId);
      return [...server.account.orders.values()].filter((o) => o.status === "open").map((o) =>
        o.clOrdId ?? ""
      );
    },
    async close() {
      await exchange.close();
      await server.close();
      await Deno.remove(dir, { recursive: true });
    },
  };
}

runConformance({
  name: "kraken",
  rig: () => krakenRig(),
  paper: (live) => createPaper(live),
});

runConformance({
  name: "paper over kraken",
  rig: () => krakenRig((live) => createPaper(live)),
  optOut: {
    "lost answer": "paper orders never leave the process: no answer can be lost",
    "foreign orders": "a paper account has no orders placed elsewhere",
    paper: "this is the paper venue already",
  },
});
