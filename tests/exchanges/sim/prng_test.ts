import { assert, assertEquals, assertNotEquals } from "../../assert.ts";
import { deriveSeed, Rng } from "../../../exchanges/sim/prng.ts";

const draw = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.next());

Deno.test("the PRNG repeats its sequence for a seed and differs between seeds", () => {
  assertEquals(draw(new Rng(42), 100), draw(new Rng(42), 100));
  assertNotEquals(draw(new Rng(42), 100), draw(new Rng(43), 100));
});

Deno.test("PRNG values are uniform in [0, 1) and normals look standard", () => {
  const rng = new Rng(7);
  const xs = draw(rng, 100_000);
  assert(xs.every((x) => x >= 0 && x < 1));
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  assert(Math.abs(mean - 0.5) < 0.01, `mean ${mean}`);
  const ns = Array.from({ length: 100_000 }, () => rng.normal());
  const m = ns.reduce((a, b) => a + b, 0) / ns.length;
  const sd = Math.sqrt(ns.reduce((a, b) => a + (b - m) ** 2, 0) / ns.length);
  assert(Math.abs(m) < 0.02 && Math.abs(sd - 1) < 0.02, `normal mean ${m} sd ${sd}`);
});

Deno.test("derived seeds depend on both the seed and the label", () => {
  assertEquals(deriveSeed(1, "BTC/USD book"), deriveSeed(1, "BTC/USD book"));
  assertNotEquals(deriveSeed(1, "BTC/USD book"), deriveSeed(2, "BTC/USD book"));
  assertNotEquals(deriveSeed(1, "BTC/USD book"), deriveSeed(1, "ETH/USD book"));
  assertNotEquals(deriveSeed(0, "x"), deriveSeed(2 ** 32, "x"));
});
