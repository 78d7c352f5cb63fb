/** The order engine against the sim's real matching engine, wallet and fees (auto: false, fake clock). */
import { assertEquals, assertThrows } from "../assert.ts";
import { OrderBook } from "../../lib/book/mod.ts";
import {
  type Balances,
  type Exchange,
  OrderDenied,
  RequestTimeout,
  type SubmitOrder,
} from "../../lib/core/mod.ts";
import { Journal, OrderEngine } from "../../lib/engine/mod.ts";
import type { SimExchange } from "../../exchanges/sim/mod.ts";
import { drain, levels, quietSim } from "../exchanges/sim/helpers.ts";
import { tempJournalPath } from "./engine_helpers.ts";

const BTC = "BTC/USD";

async function market(journal = Journal.memory(), exchange?: (sim: SimExchange) => Exchange) {
  const { sim, clock } = quietSim({ balances: { USD: "10000", BTC: "1" } });
  sim.setBook(
    BTC,
    levels([599_990, 50_000_000], [599_900, 100_000_000]),
    levels([600_000, 50_000_000], [600_010, 100_000_000]),
  );
  await sim.connect();
  await sim.subscribe({ symbol: BTC, channels: ["book"] });
  const instrument = (await sim.instruments()).find((i) => i.symbol === BTC)!;
  const book = new OrderBook(instrument, 100);
  let balances: Balances | null = await sim.balances();
  const engine = new OrderEngine({
    exchange: exchange ? exchange(sim) : sim,
    instrument,
    journal,
    book,
    balances: () => balances,
    clock,
  });
  /** Applies what the sim has said so far, as the Trader would. */
  const pump = async () => {
    for (const ev of await drain(sim)) {
      if (ev.kind === "BookSnapshot") book.applySnapshot(ev.bids, ev.asks);
      else if (ev.kind === "BookUpdate") book.applyUpdate(ev.bids, ev.asks);
      else if (ev.kind === "WalletChanged") balances = ev.balances;
      engine.apply(ev);
    }
  };
  await pump();
  return { sim, engine, journal, pump };
}

Deno.test("sim: a resting limit order opens, holds funds, and fills when someone sells into it", async () => {
  const { sim, engine, journal, pump } = await market();
  const a = engine.submit({ side: "buy", price: "59950.0", volume: "0.1" });
  const open = await a.settled;
  assertEquals([open.status, open.id], ["open", "OSIM-000001"]);
  const e = assertThrows(() => engine.submit({ side: "buy", price: "59950.0", volume: "0.1" }), OrderDenied);
  assertEquals(
    e.message,
    'Cannot place order on "BTC/USD": needs 5995 USD, only 4005 USD is available (5995 USD held by open orders)',
  );
  sim.takeLiquidity(BTC, "sell", 160_000_000); // 0.5 at 59999.0, 1 at 59990.0, then ours
  await pump();
  assertEquals(engine.order(a.clientId)!.status, "filled");
  assertEquals(journal.get(a.clientId)!.filled, "0.10000000");
  assertEquals(engine.orders(), []);
  await sim.close();
  journal.close();
});

Deno.test("sim: a market buy fills at once against the asks", async () => {
  const { sim, engine, journal, pump } = await market();
  const m = engine.submit({ side: "buy", price: null, volume: "0.1" });
  const filled = await m.settled;
  assertEquals([filled.status, filled.filled, filled.type], ["filled", 10_000_000, "market"]);
  await pump();
  assertEquals(journal.get(m.clientId)!.status, "filled");
  await sim.close();
  journal.close();
});

Deno.test("sim: answers lost after the sim acted are reconciled to exactly one order each", async () => {
  let lose = true;
  const { sim, engine, journal } = await market(Journal.memory(), (sim) =>
    new Proxy(sim, {
      get(target, prop) {
        if (prop === "placeOrder") {
          return async (cmd: SubmitOrder) => {
            const o = await target.placeOrder(cmd);
            if (lose) throw new RequestTimeout("Cannot place order on sim: no answer");
            return o;
          };
        }
        const v = Reflect.get(target, prop, target);
        return typeof v === "function" ? v.bind(target) : v;
      },
    }));
  const resting = engine.submit({ side: "sell", price: "60100.0", volume: "0.2" });
  const taken = engine.submit({ side: "buy", price: null, volume: "0.1" });
  assertEquals([(await resting.settled).status, (await taken.settled).status], ["unknown", "unknown"]);
  lose = false;
  await engine.reconcile();
  assertEquals(engine.order(resting.clientId)!.status, "open");
  assertEquals([engine.order(taken.clientId)!.status, engine.order(taken.clientId)!.filled], [
    "filled",
    10_000_000,
  ]);
  assertEquals((await sim.openOrders(BTC)).length, 1);
  assertEquals(engine.orders().map((o) => o.clientId), [resting.clientId]);
  await sim.close();
  journal.close();
});

Deno.test("sim: after a restart the new engine finds its order at the venue as its own and cancels it", async () => {
  const { dir, path } = tempJournalPath();
  const first = await market(Journal.open(path));
  const a = first.engine.submit({ side: "sell", price: "60100.0", volume: "0.2", owner: "strategy:sell" });
  await a.settled;
  first.journal.close();
  const journal = Journal.open(path);
  const instrument = (await first.sim.instruments()).find((i) => i.symbol === BTC)!;
  const second = new OrderEngine({ exchange: first.sim, instrument, journal });
  await second.reconcile();
  assertEquals(second.orders().map((o) => [o.clientId, o.owner, o.status]), [[
    a.clientId,
    "strategy:sell",
    "open",
  ]]);
  assertEquals(await second.cancelAll({ owner: "strategy:sell" }), { canceled: 1, failed: [] });
  assertEquals(await first.sim.openOrders(BTC), []);
  await first.sim.close();
  journal.close();
  Deno.removeSync(dir, { recursive: true });
});
