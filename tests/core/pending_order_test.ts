import { assertEquals } from "../assert.ts";
import { pendingOrder, type SubmitOrder } from "../../lib/core/mod.ts";

const cmd = (o: Partial<SubmitOrder>): SubmitOrder => ({
  kind: "SubmitOrder",
  clientId: "pt-1",
  symbol: "btc/usd",
  side: "buy",
  type: "limit",
  price: 30_000_0,
  qty: 5,
  ...o,
});

Deno.test("pending order: the submit as sent, under the venue's symbol, pending with nothing filled", () => {
  assertEquals(pendingOrder(cmd({}), "BTC/USD", 7), {
    id: "",
    clientId: "pt-1",
    symbol: "BTC/USD",
    side: "buy",
    type: "limit",
    price: 30_000_0,
    qty: 5,
    filled: 0,
    status: "pending",
    time: 7,
  });
  assertEquals(
    pendingOrder(cmd({ type: "market", price: 123 }), "BTC/USD", 7).price,
    null,
    "no price at market",
  );
});
