/** Main-log lines for order outcomes. */

import { assertEquals } from "../assert.ts";
import {
  canceledLine,
  cancelFailedLine,
  cancelingLine,
  describeRequest,
  sentLine,
  settledLine,
} from "../../lib/ui/order_text.ts";
import { ownOrder } from "./fake_engine.ts";
import { ETH_XBT } from "./fixtures.ts";

const o = ownOrder(ETH_XBT, "buy", "0.0209", "1.5", { id: "OX1" });

Deno.test("order log lines: sent, then open / filled / rejected with its reason / unknown", () => {
  assertEquals(sentLine(describeRequest("buy", "0.0209", "1.5", ETH_XBT), "ui-1"), {
    level: "info",
    message: "Order sent: buy 1.5 ETH at 0.0209 XBT (client id ui-1)",
  });
  assertEquals(describeRequest("sell", null, "2", ETH_XBT), "sell 2 ETH at market");
  assertEquals(settledLine(o, ETH_XBT).message, "Order open: buy 1.5 ETH at 0.0209 XBT (id OX1)");
  assertEquals(
    settledLine({ ...o, filled: 50_000_000 }, ETH_XBT).message,
    "Order open: buy 1.5 ETH at 0.0209 XBT (id OX1), 0.5 ETH filled",
  );
  assertEquals(settledLine({ ...o, status: "filled" }, ETH_XBT), {
    level: "info",
    message: "Order filled: buy 1.5 ETH at 0.0209 XBT",
  });
  assertEquals(settledLine({ ...o, status: "rejected", error: "EOrder:Insufficient funds" }, ETH_XBT), {
    level: "warn",
    message: "Order rejected: buy 1.5 ETH at 0.0209 XBT: EOrder:Insufficient funds",
  });
  assertEquals(settledLine({ ...o, status: "unknown", id: "" }, ETH_XBT), {
    level: "warn",
    message: "Order outcome unknown, awaiting reconciliation: buy 1.5 ETH at 0.0209 XBT",
  });
  assertEquals(
    settledLine({ ...o, type: "market", price: null, status: "filled" }, ETH_XBT).message,
    "Order filled: buy 1.5 ETH at market",
  );
});

Deno.test("order log lines: canceling, canceled, not canceled, cannot cancel", () => {
  const t = { id: "OX1", side: "buy" as const, price: o.price, qty: o.qty, filled: 0 };
  assertEquals(cancelingLine([t], ETH_XBT).message, "Canceling buy 1.5 ETH at 0.0209 XBT");
  assertEquals(cancelingLine([t, t], ETH_XBT).message, "Canceling 2 orders");
  assertEquals(
    canceledLine(t, { ...o, status: "canceled" }, ETH_XBT).message,
    "Order canceled: buy 1.5 ETH at 0.0209 XBT",
  );
  assertEquals(canceledLine(t, { ...o, status: "filled" }, ETH_XBT), {
    level: "warn",
    message: "Order not canceled, it is filled: buy 1.5 ETH at 0.0209 XBT",
  });
  assertEquals(cancelFailedLine(t, new Error("EOrder:Unknown order"), ETH_XBT), {
    level: "warn",
    message: "Cannot cancel buy 1.5 ETH at 0.0209 XBT: EOrder:Unknown order",
  });
});
