import { assert, assertEquals } from "../assert.ts";
import { VirtualClock } from "../../lib/backtest/virtual_clock.ts";
import { Equity } from "../../lib/backtest/equity.ts";
import { chart } from "../../lib/backtest/chart.ts";

Deno.test("VirtualClock: tasks run in the order of their time, then of their setting; cleared ones never", () => {
  const clock = new VirtualClock(1_000);
  const ran: string[] = [];
  clock.setTimeout(() => ran.push("b@300"), 300);
  clock.setTimeout(() => ran.push("a@100"), 100);
  const gone = clock.setTimeout(() => ran.push("cleared"), 200);
  clock.setTimeout(() => {
    ran.push("c@300");
    clock.setTimeout(() => ran.push("d@300 set at 300"), 0);
  }, 300);
  clock.clearTimeout(gone);
  assertEquals(clock.nextAt(), 1_100);
  while (clock.runNext(1_250));
  assertEquals([ran, clock.now()], [["a@100"], 1_100]);
  clock.set(1_250);
  while (clock.runNext(2_000));
  assertEquals(ran, ["a@100", "b@300", "c@300", "d@300 set at 300"]);
  assertEquals([clock.now(), clock.nextAt()], [1_300, Infinity]);
  clock.set(900);
  assertEquals(clock.now(), 1_300, "the clock never goes back");
});

Deno.test("Equity: drawdown from the peak, time-weighted exposure, the curve in at most its buckets", () => {
  const e = new Equity(8);
  e.sample(0, 100, 1, 100); // 200, half in base
  e.sample(1_000, 120, 1, 100); // 220: the peak
  e.sample(3_000, 90, 1, 100); // 190: 30 below it
  e.sample(4_000, 100, 1, 100); // 200
  assertEquals(e.drawdown, { value: 30, fraction: 30 / 220, from: 1_000, to: 3_000 });
  const x = e.exposure;
  assertEquals([x.start, x.end, x.max], [0.5, 0.5, 120 / 220]);
  // 1 s at 0.5, 2 s at 120/220, 1 s at 90/190
  assertEquals(x.average, (0.5 * 1_000 + (120 / 220) * 2_000 + (90 / 190) * 1_000) / 4_000);
  for (let t = 5_000; t < 1_000_000; t += 1_000) e.sample(t, 100, 1, 100);
  const b = e.buckets();
  assert(b.length <= 8, `${b.length} buckets`);
  assertEquals([b[0]!.time, b[0]!.midHigh, b[0]!.midLow], [0, 120, 90]);
  assertEquals(b.at(-1)!.equityClose, 200);
});

Deno.test("chart: a step line (a column without a point keeps the last value), its jumps, marks, labels", () => {
  const lines = chart(
    [{ time: 0, value: 10 }, { time: 5, value: 12 }, { time: 9, value: 10 }],
    [{ time: 5, value: 12, ch: "S" }, { time: 0, value: 10, ch: "B" }],
    { width: 10, height: 3, format: (v) => v.toFixed(0), formatTime: (t) => `t${t}` },
  );
  assertEquals(lines, [
    "12 ┤     S•••",
    "   ┤     │   │",
    "10 ┤B••••    •",
    "   └──────────",
    "    t0      t9",
  ]);
});
