/** Halted means no order of the balancer's is left working: every way it halts cancels its own orders. */
import { assertEquals } from "../assert.ts";
import type { OrderChange, OrderView } from "../../lib/strategy/sdk.ts";
import Balancer, { defaults } from "../../strategies/balancer.ts";
import { handApi } from "./hand_api.ts";

const ORDER: OrderView = {
  id: "o1",
  clientId: "pt1",
  venueId: "V1",
  side: "sell",
  price: 63000,
  volume: 0.02,
  filled: 0,
  status: "open",
  mine: true,
};

/** A live balancer on BTC/USD over a hand-made api that counts cancelAll calls. */
function liveBalancer(config: Partial<typeof defaults>, orders: OrderView[] = []) {
  const lines: string[] = [];
  let cancels = 0;
  const api = handApi(lines, {
    name: "balancer",
    book: { bids: [], asks: [], bid: 59990, ask: 60010, owns: [] },
    wallet: { USD: 60000, BTC: 1 },
    hasAccount: true,
    orders,
    config: { ...defaults, simulate: false, ...config },
    buy: () => "b1",
    sell: () => "s1",
    cancelAll: () => cancels++,
  });
  const balancer = new Balancer(api);
  balancer.onStart(api, undefined);
  return { balancer, api, lines, cancels: () => cancels };
}

Deno.test("balancer: orders left from an earlier run are canceled at a halted start", () => {
  const b = liveBalancer({}, [ORDER]);
  assertEquals(b.cancels(), 1);
  assertEquals(b.lines.at(-1), "canceled 1 order left from the last run");
  assertEquals(liveBalancer({}).cancels(), 0, "nothing to cancel, nothing asked");
});

Deno.test("balancer: a balance at its limit halts and cancels; i then says halted", () => {
  const b = liveBalancer({ quote_limit: 70000 });
  b.balancer.onKeypress("p");
  const before = b.cancels();
  // One order left (the other filled), the new balance known: the check finds USD at the limit.
  b.api.orders = [ORDER];
  const filled: OrderChange = { order: { ...ORDER, id: "b1", side: "buy", status: "filled" }, filledNow: 0 };
  b.balancer.onOwnsChanged([ORDER], [filled]);
  assertEquals(b.cancels(), before + 1);
  assertEquals(b.lines.at(-1), "USD 60000.0 is below the minimum of 70000: halted, orders canceled");
  b.balancer.onKeypress("i");
  assertEquals(b.lines.some((l) => l.includes("; halted;")), true, b.lines.join("\n"));
});

Deno.test("balancer: a refused order halts it and cancels the other", () => {
  const b = liveBalancer({});
  b.balancer.onKeypress("p");
  const before = b.cancels();
  const refused = {
    ...ORDER,
    id: "b1",
    side: "buy" as const,
    status: "rejected" as const,
    error: "price band",
  };
  b.balancer.onOwnsChanged([ORDER], [{ order: refused, filledNow: 0 }]);
  assertEquals(b.cancels(), before + 1);
  assertEquals(b.lines.at(-1), "order b1 was refused (price band); halted, orders canceled");
});
