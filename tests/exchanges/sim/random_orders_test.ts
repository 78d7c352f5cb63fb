import { assert, assertEquals } from "../../assert.ts";
import {
  add,
  compare,
  type Decimal,
  formatDecimal,
  fromTicks,
  mul,
  parseDecimal,
  rescale,
  sub,
  ZERO,
} from "../../../lib/core/decimal.ts";
import { type ExchangeEvent, InsufficientFunds, InvalidOrder, OrderNotFound } from "../../../lib/core/mod.ts";
import { SIM_MARKETS } from "../../../exchanges/sim/mod.ts";
import { assetDecimals } from "../../../exchanges/sim/instruments.ts";
import { Rng } from "../../../exchanges/sim/prng.ts";
import { drain, limit, market, quietSim } from "./helpers.ts";

const START = { USD: "3000", BTC: "0.05", ETH: "1" };

function nonNegative(balances: Readonly<Record<string, string>>, what: string): void {
  for (const [asset, text] of Object.entries(balances)) {
    assert(parseDecimal(text).units >= 0n, `${what}: ${asset} is ${text}`);
  }
}

/**
 * Balances implied by the starting ones and every fill reported. The quote moves in whole units of its decimals,
 * on each order's running totals: a buy pays cost and fees rounded up, a sale gets proceeds less fees rounded down.
 */
function expectedFromFills(events: readonly ExchangeEvent[]): Record<string, Decimal> {
  const out: Record<string, Decimal> = {};
  for (const [asset, text] of Object.entries(START)) out[asset] = parseDecimal(text);
  const orders = new Map<string, { cost: Decimal; fees: Decimal; settled: Decimal }>();
  for (const ev of events) {
    if (ev.kind !== "OrderFilled") continue;
    const inst = SIM_MARKETS.find((m) => m.instrument.symbol === ev.order.symbol)!.instrument;
    const decimals = assetDecimals(inst.quote);
    const qty = fromTicks(ev.qty, inst.qtyPrecision);
    const o = orders.get(ev.order.id) ?? { cost: ZERO, fees: ZERO, settled: ZERO };
    orders.set(ev.order.id, o);
    o.cost = add(o.cost, mul(fromTicks(ev.price, inst.pricePrecision), qty));
    o.fees = add(o.fees, parseDecimal(ev.fee));
    if (ev.order.side === "buy") {
      const settled = rescale(add(o.cost, o.fees), decimals, "ceil");
      out[inst.quote] = sub(out[inst.quote]!, sub(settled, o.settled));
      o.settled = settled;
      out[inst.base] = add(out[inst.base]!, qty);
    } else {
      const net = rescale(sub(o.cost, o.fees), decimals, "floor");
      const settled = compare(net, o.settled) > 0 ? net : o.settled;
      out[inst.quote] = add(out[inst.quote]!, sub(settled, o.settled));
      o.settled = settled;
      out[inst.base] = sub(out[inst.base]!, qty);
    }
  }
  return out;
}

Deno.test("balances never go negative and always match the fills under random order sequences", async () => {
  for (let seed = 1; seed <= 4; seed++) {
    const { sim, clock } = quietSim({ seed, balances: START });
    const rng = new Rng(seed * 977);
    const events: ExchangeEvent[] = [];
    let placed = 0;
    let refused = 0;
    for (let op = 0; op < 1500; op++) {
      const { instrument: inst } = SIM_MARKETS[rng.chance(0.7) ? 0 : 2]!;
      const symbol = inst.symbol;
      const side = rng.chance(0.5) ? "buy" : "sell";
      const qty = inst.minQty * (1 + rng.int(rng.chance(0.75) ? 40 : 500));
      const r = rng.next();
      try {
        if (r < 0.35) {
          const top = await sim.book(symbol, 1);
          const ref = side === "buy" ? top.bids[0]!.price : top.asks[0]!.price;
          const price = Math.max(1, ref + (rng.int(41) - 20) * (side === "buy" ? 1 : -1));
          await sim.placeOrder(limit(symbol, side, price, qty));
          placed++;
        } else if (r < 0.45) {
          await sim.placeOrder(market(symbol, side, qty));
          placed++;
        } else if (r < 0.6) {
          const open = await sim.openOrders();
          const victim = open[rng.int(open.length)];
          if (victim) await sim.cancelOrder(rng.chance(0.5) ? victim.id : victim.clientId);
        } else {
          const n = 1 + rng.int(30);
          clock.advance(50 * n);
          sim.step(n);
        }
      } catch (e) {
        if (!(e instanceof InsufficientFunds || e instanceof InvalidOrder || e instanceof OrderNotFound)) {
          throw e;
        }
        refused++;
      }
      nonNegative(await sim.balances(), `seed ${seed} op ${op} total`);
      nonNegative(sim.availableBalances(), `seed ${seed} op ${op} available`);
      events.push(...await drain(sim));
    }
    assert(placed > 200 && refused > 10, `placed ${placed}, refused ${refused}`);
    assert(events.filter((e) => e.kind === "OrderFilled").length > 100, "too few fills to mean anything");
    for (const o of await sim.openOrders()) await sim.cancelOrder(o.id);
    events.push(...await drain(sim));
    const totals = await sim.balances();
    assertEquals(sim.availableBalances(), totals, "nothing held once no order is open");
    const expected = expectedFromFills(events);
    for (const asset of Object.keys(START)) {
      const decimals = assetDecimals(asset);
      assertEquals(
        formatDecimal(rescale(parseDecimal(totals[asset]!), decimals)),
        formatDecimal(parseDecimal(totals[asset]!)),
        `seed ${seed}: ${asset} has more than ${decimals} decimals`,
      );
      assertEquals(
        formatDecimal(parseDecimal(totals[asset]!)),
        formatDecimal(expected[asset]!),
        `seed ${seed}: ${asset} does not match the fills`,
      );
    }
    await sim.close();
  }
});
