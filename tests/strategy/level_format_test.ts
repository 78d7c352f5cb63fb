/** The buy and sell strategies' log lines: prices and volumes in the pair's decimals. */
import { assertEquals } from "../assert.ts";
import type { Ticker } from "../../lib/strategy/sdk.ts";
import Buy from "../../strategies/buy.ts";
import Sell from "../../strategies/sell.ts";
import { levelDefaults } from "../../strategies/level_strategy.ts";
import { handApi } from "./hand_api.ts";

function levelStrategy(kind: "buy" | "sell", config: Partial<typeof levelDefaults>) {
  const lines: string[] = [];
  const api = handApi(lines, {
    name: kind,
    book: { bids: [], asks: [], bid: 60099.9, ask: 60100, owns: [] },
    wallet: { USD: 10000, BTC: 1 },
    hasAccount: true,
    config: { ...levelDefaults, ...config },
    buy: () => "b1",
    sell: () => "s1",
  });
  const s = kind === "buy" ? new Buy(api) : new Sell(api);
  s.onStart(api, undefined);
  return { s, lines };
}

const tick = (bid: number, ask: number): Ticker => ({ bid, ask, last: ask, volume: 0, time: 0 });

Deno.test("buy: objective, alert and the simulated order in the pair's decimals", () => {
  const { s, lines } = levelStrategy("buy", { level: 60000, alert: 200, volume: 1000 });
  assertEquals(lines, [
    "buy: buy level @ 60000.0 (alert: 60200.0); ask @ 60100.0; 1000.0 USD; simulation; armed " +
    "(key b shows it again)",
  ]);
  s.onTick!(tick(60099.9, 60100));
  s.onTick!(tick(59999.9, 60000));
  assertEquals(lines.slice(1), [
    "!!! buy ALERT: ask 60100.0 is within 200.0 of the level 60000.0",
    ">>> SIMULATION - would BUY 0.01666666 BTC @ 60000.0 (simulate = True)",
  ]);
});

Deno.test("sell: a fill is logged at the volume decimals; a base volume in base decimals", () => {
  const { s, lines } = levelStrategy("sell", {
    level: 60100,
    volume: 0.01,
    volume_in: "base",
    simulate: false,
  });
  assertEquals(
    lines[0],
    "sell: sell level @ 60100.0 (alert: 60100.0); bid @ 60099.9; 0.01000000 BTC; LIVE; armed " +
      "(key s shows it again)",
  );
  s.onTick!(tick(60100, 60100.1));
  assertEquals(lines.at(-1), ">>> SELL 0.01000000 BTC @ 60100.0, order s1");
  const order = {
    id: "s1",
    clientId: "pt1",
    venueId: "V1",
    side: "sell" as const,
    price: 60100,
    volume: 0.01,
    filled: 0.01,
    status: "filled" as const,
    mine: true,
  };
  s.onOwnsChanged!([], [{ order, filledNow: 0.01 }]);
  assertEquals(lines.at(-1), "sell: filled 0.01000000 BTC of s1");
});
