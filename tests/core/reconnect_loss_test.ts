import { assertEquals } from "../assert.ts";
import { reconnectLoss } from "../../lib/core/reconnect_loss.ts";

Deno.test("reconnect loss: the book lost with its connection, and why", () => {
  assertEquals(reconnectLoss("BTC/USD", "the market data connection", "connection closed (1006)", 5), {
    kind: "BookIntegrityLost",
    symbol: "BTC/USD",
    reason: "reconnect",
    detail:
      "the market data connection was lost (connection closed (1006)); the book comes again after the reconnect",
    time: 5,
  });
});
