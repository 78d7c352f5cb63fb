import { assertEquals } from "../assert.ts";
import { orderVolume, zoneOf } from "../../strategies/level_trigger.ts";

Deno.test("buy zones: at or below the level triggers, within the alert distance above alerts", () => {
  assertEquals(zoneOf("buy", 99, 100, 5), "trigger");
  assertEquals(zoneOf("buy", 100, 100, 5), "trigger");
  assertEquals(zoneOf("buy", 105, 100, 5), "alert");
  assertEquals(zoneOf("buy", 105.01, 100, 5), "away");
});

Deno.test("sell zones: at or above the level triggers, within the alert distance below alerts", () => {
  assertEquals(zoneOf("sell", 101, 100, 5), "trigger");
  assertEquals(zoneOf("sell", 95, 100, 5), "alert");
  assertEquals(zoneOf("sell", 94, 100, 5), "away");
});

Deno.test("volumes: quote or base, 0 = the whole balance (a buy keeps the fee aside)", () => {
  const w = { quote: 1000, base: 2 };
  assertEquals(orderVolume("buy", 500, { volume: 100, unit: "quote", fee: 0.26 }, w), 0.2);
  assertEquals(orderVolume("buy", 500, { volume: 0.5, unit: "base", fee: 0.26 }, w), 0.5);
  assertEquals(orderVolume("buy", 500, { volume: 0, unit: "quote", fee: 0 }, w), 2);
  assertEquals(orderVolume("buy", 500, { volume: 0, unit: "quote", fee: 0.26 }, w), 1000 / (500 * 1.0026));
  assertEquals(orderVolume("sell", 500, { volume: 0, unit: "quote", fee: 0.26 }, w), 2);
  assertEquals(orderVolume("sell", 500, { volume: 250, unit: "quote", fee: 0.26 }, w), 0.5);
  assertEquals(orderVolume("sell", 500, { volume: 1, unit: "base", fee: 0.26 }, w), 1);
  assertEquals(orderVolume("buy", 0, { volume: 1, unit: "base", fee: 0 }, w), 0);
});
