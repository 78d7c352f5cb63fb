import { assert, assertEquals } from "../../assert.ts";
import { minuteActivity, stretchVolume } from "../../../exchanges/sim/history.ts";
import { SIM_MARKETS } from "../../../exchanges/sim/instruments.ts";
import { Rng } from "../../../exchanges/sim/prng.ts";

const HOUR = 3_600_000;
const START = Date.UTC(2026, 0, 5, 13);

Deno.test("an hour's minute volumes add up to the hour's volume, which one draw gives without the minutes", () => {
  for (const market of SIM_MARKETS) {
    for (let seed = 1; seed <= 200; seed++) {
      const end = START + (seed % 7 === 0 ? 60_000 * (seed % 59) : HOUR);
      const a = minuteActivity(new Rng(seed), market.params, START, end);
      assertEquals(a.total, stretchVolume(new Rng(seed), market.params, START, end));
      assertEquals(a.volumes.reduce((s, v) => s + v, 0), a.total, `${market.instrument.symbol} seed ${seed}`);
      assert(a.volumes.every((v) => Number.isInteger(v) && v >= 1), "every minute traded something");
      assert(a.trades.every((n) => Number.isInteger(n) && n >= 1));
      if (end > START) assertEquals(a.times[a.times.length - 1], end - 60_000, "the last minute trades");
    }
  }
});

Deno.test("an empty stretch trades nothing", () => {
  const a = minuteActivity(new Rng(1), SIM_MARKETS[0]!.params, START, START);
  assertEquals([a.total, a.times.length], [0, 0]);
});
