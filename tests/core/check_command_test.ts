import { assertThrows } from "../assert.ts";
import { InvalidOrder, type SubmitOrder } from "../../lib/core/mod.ts";
import { checkCommand } from "../../lib/core/check_command.ts";

const cmd = (o: Partial<SubmitOrder>): SubmitOrder => ({
  kind: "SubmitOrder",
  clientId: "",
  symbol: "BTC/USD",
  side: "buy",
  type: "limit",
  price: 100,
  qty: 1,
  ...o,
});

Deno.test("check command: what no venue could take is refused before anything is sent", () => {
  checkCommand(cmd({}), "place");
  checkCommand(cmd({ type: "market", price: null }), "place");
  const cases: [Partial<SubmitOrder>, string][] = [
    [{ side: "hold" as never }, 'Cannot place: side must be buy or sell, got "hold"'],
    [{ type: "stop" as never }, 'Cannot place: type must be limit or market, got "stop"'],
    [{ qty: 0 }, "Cannot place: volume must be a positive amount"],
    [{ qty: 1.5 }, "Cannot place: volume must be a positive amount"],
    [{ price: null }, "Cannot place: a limit order needs a positive price"],
    [{ price: -1 }, "Cannot place: a limit order needs a positive price"],
  ];
  for (const [o, message] of cases) assertThrows(() => checkCommand(cmd(o), "place"), InvalidOrder, message);
});
