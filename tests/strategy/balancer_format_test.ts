import { assertEquals } from "../assert.ts";
import Balancer, { defaults, fixed } from "../../strategies/balancer.ts";
import { handApi } from "./hand_api.ts";

/** A balancer in simulation on BTC/USD (prices to 0.1, volumes to 8 decimals), its log lines collected. */
function simBalancer(
  config: Partial<typeof defaults>,
  book = { bid: 59990, ask: 60010 },
): { balancer: Balancer; lines: string[] } {
  const lines: string[] = [];
  const api = handApi(lines, {
    name: "balancer",
    book: { bids: [], asks: [], ...book, own: [] },
    wallet: {},
    hasAccount: false,
    config: { ...defaults, ...config },
    buy: () => "",
    sell: () => "",
  });
  const balancer = new Balancer(api);
  balancer.onStart(api, undefined);
  lines.length = 0;
  return { balancer, lines };
}

Deno.test("balancer: i shows prices, volumes and amounts in the pair's decimals, as they would be sent", () => {
  const { balancer, lines } = simBalancer({ simulate_quote: 60000.1, simulate_base: 1 });
  balancer.onKeypress("i");
  // 60000.1 USD and 1 BTC at 59990/60010: 0.1 USD to spare is 0.00000083 BTC; each amount is volume x price
  assertEquals(lines.slice(0, 4), [
    "SIMULATION - center is 60000.1",
    "BTC difference at current price: 0.00000083",
    "ask: 0.02428559 BTC @ 63063.2 = 1531.5 USD",
    "bid: 0.02552592 BTC @ 57085.8 = 1457.2 USD",
  ]);
});

Deno.test("balancer: the simulated orders of p are logged as they would be sent", () => {
  const { balancer, lines } = simBalancer({ simulate_quote: 60000.1, simulate_base: 1 });
  balancer.onKeypress("p");
  assertEquals(lines.filter((l) => l.includes("new ")), [
    "SIMULATION - new buy order 0.02552592 at 57085.8 for 1457.2 USD",
    "SIMULATION - new sell order 0.02428559 at 63063.2 for 1531.5 USD",
  ]);
});

Deno.test("balancer: fixed rounds prices to the nearest (half to even) and cuts volumes", () => {
  assertEquals(fixed(60000.05, 1, "nearest"), "60000.0");
  assertEquals(fixed(60000.15, 1, "nearest"), "60000.2");
  assertEquals(fixed(0.29, 1, "down"), "0.2");
  assertEquals(fixed(0.0243999, 4, "down"), "0.0243");
  assertEquals(fixed(1e-9, 8, "down"), "0.00000000");
  assertEquals(fixed(-0.000012345, 8, "down"), "-0.00001234");
  assertEquals(fixed(1e21, 0, "nearest"), "1000000000000000000000");
  assertEquals(fixed(5, 2, "down"), "5.00");
});

Deno.test("balancer: corrections, raised amounts and the simulated wallet are logged in the pair's decimals", () => {
  // The sell level (the centre, distance 0) is below the ask: it is moved 1 % above the ask, 60600.505.
  const { balancer, lines } = simBalancer(
    { simulate_quote: 60000.1, simulate_base: 1, distance_sell: 0, compensate_fees: false, min_amount: 0.5 },
    { bid: 59990, ask: 60000.5 },
  );
  balancer.onKeypress("p");
  assertEquals(lines.filter((l) => l.startsWith("corrected") || l.includes("raised")), [
    "corrected next sell at 60600.5 instead of 60000.1, ask price at 60000.5",
    "sell amount 0.00495379 raised to the minimum 0.50000000",
    "buy amount 0.02499999 raised to the minimum 0.50000000",
  ]);
  lines.length = 0;
  balancer.onKeypress("o");
  assertEquals(lines[0], "simulated sell 0.50000000 @ 60600.5 = 30300.2 USD");
  lines.length = 0;
  balancer.onKeypress("s");
  balancer.onKeypress("s");
  assertEquals(lines.at(-1), "SIMULATION mode, wallet 60000.1 USD and 1.00000000 BTC; p to start");
});

Deno.test("balancer: counts say trade / trades", () => {
  const { balancer, lines } = simBalancer({ simulate_quote: 70000, simulate_base: 1 });
  balancer.onKeypress("i");
  assertEquals(lines.at(-1), "trade fee: 0.05%; halted; 0 trades");
  balancer.onKeypress("r");
  balancer.onKeypress("i");
  assertEquals(lines.at(-1), "trade fee: 0.05%; halted; 1 trade");
});
