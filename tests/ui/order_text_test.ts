/** Main-log lines for order outcomes. */

import { assertEquals } from "../assert.ts";
import { canceledLine, cancelFailedLine, cancelingLine, describeRequest } from "../../lib/ui/order_text.ts";
import { ownOrder } from "./fake_engine.ts";
import { ETH_XBT } from "./fixtures.ts";

const o = ownOrder(ETH_XBT, "buy", "0.0209", "1.5", { id: "OX1" });

Deno.test("order descriptions: as typed, and market orders", () => {
  assertEquals(describeRequest("buy", "0.0209", "1.5", ETH_XBT), "buy 1.50000000 ETH at 0.02090 XBT");
  assertEquals(describeRequest("sell", null, "2", ETH_XBT), "sell 2.00000000 ETH at market");
});

Deno.test("order log lines: canceling, canceled, not canceled, cannot cancel", () => {
  const t = { id: "OX1", side: "buy" as const, price: o.price, qty: o.qty, filled: 0 };
  assertEquals(cancelingLine([t], ETH_XBT).message, "Canceling buy 1.50000000 ETH at 0.02090 XBT");
  assertEquals(cancelingLine([t, t], ETH_XBT).message, "Canceling 2 orders");
  assertEquals(canceledLine(t, { ...o, status: "canceled" }, ETH_XBT), null, "the engine logs it");
  assertEquals(canceledLine(t, { ...o, status: "filled" }, ETH_XBT), {
    level: "warn",
    message: "Order not canceled, it is filled: buy 1.50000000 ETH at 0.02090 XBT",
  });
  assertEquals(cancelFailedLine(t, new Error("EOrder:Unknown order"), ETH_XBT), {
    level: "warn",
    message: "Cannot cancel buy 1.50000000 ETH at 0.02090 XBT: EOrder:Unknown order",
  });
});
