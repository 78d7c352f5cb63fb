import { assertEquals } from "../assert.ts";
import type { Order } from "../../lib/core/mod.ts";
import { KnownOrders } from "../../lib/core/known_orders.ts";

const order = (id: string, o: Partial<Order> = {}): Order => ({
  id,
  clientId: "",
  symbol: "BTC/USD",
  side: "buy",
  type: "limit",
  price: 100,
  qty: 10,
  filled: 0,
  status: "open",
  time: 1,
  ...o,
});

Deno.test("known orders: by venue id and by client id (an empty client id names none)", () => {
  const k = new KnownOrders();
  k.set(order("A", { clientId: "c1" }));
  k.set(order("B"));
  assertEquals(k.get("A")?.clientId, "c1");
  assertEquals(k.byClientId("c1")?.id, "A");
  assertEquals(k.byClientId(""), undefined);
  assertEquals(k.get("C"), undefined);
});

Deno.test("known orders: a REST answer is kept unless the stream knows more", () => {
  const k = new KnownOrders();
  k.set(order("A", { filled: 4, clientId: "" }));
  const kept = k.remember(order("A", { filled: 2, clientId: "c1" }));
  assertEquals(
    [kept.filled, kept.clientId],
    [4, "c1"],
    "a fill the answer did not see stays; its client id is taken",
  );
  k.set(order("B", { status: "canceled" }));
  assertEquals(k.remember(order("B")).status, "canceled", "an end stays");
  assertEquals(k.remember(order("B", { status: "filled", filled: 10 })).status, "filled", "a later end wins");
  assertEquals(k.remember(order("C", { filled: 1 })).filled, 1, "an order not known is taken as it is");
  assertEquals(k.remember(order("A", { filled: 6 })).filled, 6, "an answer knowing more wins");
});

Deno.test("known orders: past 10,000 the oldest finished are forgotten, open ones kept", () => {
  const k = new KnownOrders();
  k.set(order("open-0"));
  for (let i = 1; i < 10_000; i++) k.set(order(`done-${i}`, { status: "filled" }));
  assertEquals(k.get("done-1")?.status, "filled", "10,000 orders: nothing forgotten yet");
  k.remember(order("open-1"));
  assertEquals(k.get("open-0")?.status, "open");
  assertEquals(k.get("open-1")?.status, "open");
  assertEquals(k.get("done-1"), undefined, "the oldest finished are gone");
  assertEquals(k.get("done-9999")?.status, "filled", "the newest stay");
});
