/**
 * The host in lockstep (what `pytrader backtest` runs): every change a strategy handles is delivered and
 * answered before the recording moves on, timers and Date follow the recording's clock, and the engine
 * sees the strategies' orders in the same order in every run.
 */
import { assertEquals } from "../assert.ts";
import { VirtualClock } from "../../lib/backtest/virtual_clock.ts";
import { StrategyHost } from "../../lib/strategy/mod.ts";
import { eventually } from "../eventually.ts";
import { FakePort, memoryLogs, strategyDir, TEST_LIMITS } from "./helpers.ts";

const T0 = Date.UTC(2024, 0, 2, 3, 4, 5);

function lockstepHost(cwd: string, port = new FakePort()) {
  const clock = new VirtualClock(T0);
  const logs = memoryLogs();
  const host = new StrategyHost({
    port,
    log: logs.logger.log("strategies"),
    strategyLog: logs.logger.log("strategy"),
    cwd,
    limits: TEST_LIMITS,
    lockstep: { timers: clock },
  });
  /** The strategies' own lines, without the source. */
  const said = () => logs.records().filter((r) => r.source.startsWith("strategy.")).map((r) => r.message);
  /** Runs every task due up to `t` (settling after each), then moves the clock to `t`. */
  const advance = async (t: number) => {
    while (clock.runNext(t)) await host.settle();
    clock.set(t);
  };
  return { clock, logs, host, port, said, advance };
}

Deno.test("lockstep: every tick is delivered and answered before the next, at the recording's time", async () => {
  const files = await strategyDir({
    "ticks.ts": `// @ts-nocheck
export default class Ticks {
  constructor(api) { this.api = api; }
  onStart(api) { api.log("mode " + api.mode + " at " + new Date().toISOString()); }
  onTick(t) { this.api.log("tick " + t.bid + " " + (Date.now() - ${T0}) + " " + performance.now()); }
}
`,
  });
  const { host, port, clock, said } = lockstepHost(files.dir);
  try {
    assertEquals((await host.load("ticks")).loaded, ["ticks"]);
    await host.settle();
    for (let i = 1; i <= 50; i++) {
      clock.set(T0 + i * 10);
      port.quote(`0.0${1000 + i}`, "0.03000");
      await host.settle();
    }
    const lines = said();
    assertEquals(lines[0], `mode backtest at ${new Date(T0).toISOString()}`);
    // no tick coalesced away; each saw its own time on the recording's clock
    assertEquals(
      lines.slice(1),
      Array.from({ length: 50 }, (_, k) => {
        const i = k + 1;
        return `tick ${Number(`0.0${1000 + i}`)} ${i * 10} ${i * 10}`;
      }),
    );
  } finally {
    await host.close();
    await files.remove();
  }
});

Deno.test("lockstep: setTimer, setTimeout and setInterval run on the recording's clock, in time order", async () => {
  const files = await strategyDir({
    "timers.ts": `// @ts-nocheck
export default class Timers {
  constructor(api) { this.api = api; }
  onStart(api) {
    const t0 = Date.now();
    const say = (what) => api.log(what + " " + (Date.now() - t0));
    api.setTimer(1000, () => say("once"));
    const stop = api.setTimer(400, () => say("every"), true);
    setTimeout(() => say("global"), 250);
    const id = setInterval(() => { say("interval"); clearInterval(id); }, 300);
    const never = setTimeout(() => say("cleared"), 100);
    clearTimeout(never);
    api.setTimer(1300, () => { stop(); say("stopped"); });
  }
}
`,
  });
  const { host, said, advance } = lockstepHost(files.dir);
  try {
    await host.load("timers");
    await host.settle();
    await advance(T0 + 999);
    assertEquals(said(), ["global 250", "interval 300", "every 400", "every 800"]);
    await advance(T0 + 5_000);
    assertEquals(said().slice(4), ["once 1000", "every 1200", "stopped 1300"]);
  } finally {
    await host.close();
    await files.remove();
  }
});

Deno.test("lockstep: orders reach the engine strategy by strategy in the list's order, whoever answers first", async () => {
  // slow computes for a while before it orders (performance.now() stands still in a backtest handler, so a
  // loop of work, not a wait), so fast's answer comes first; the engine still sees slow's orders first.
  const strategy = (work: number) =>
    `// @ts-nocheck
export default class S {
  constructor(api) { this.api = api; }
  onTick(t) {
    let x = 0;
    for (let i = 0; i < ${work}; i++) x += i;
    this.x = x;
    this.api.buy(t.bid, 1);
    this.api.sell(t.ask, 1);
  }
}
`;
  const files = await strategyDir({ "slow.ts": strategy(30_000_000), "fast.ts": strategy(0) });
  const { host, port, clock } = lockstepHost(files.dir);
  try {
    assertEquals((await host.load("slow,fast")).loaded, ["slow", "fast"]);
    await host.settle();
    for (let i = 1; i <= 5; i++) {
      clock.set(T0 + i);
      port.quote(`0.0${1000 + i}`, `0.0${2000 + i}`);
      await host.settle();
    }
    const seen = port.engine.submitted.map((r) => `${r.owner} ${r.side}`);
    const round = ["strategy:slow buy", "strategy:slow sell", "strategy:fast buy", "strategy:fast sell"];
    assertEquals(seen, Array.from({ length: 5 }, () => round).flat());
  } finally {
    await host.close();
    await files.remove();
  }
});

Deno.test("lockstep: changes a strategy has no handler for wait; the next delivery carries the newest state", async () => {
  const files = await strategyDir({
    "trades.ts": `// @ts-nocheck
export default class T {
  constructor(api) { this.api = api; }
  onTrade(t) { this.api.log("trade " + t.price + " bid " + this.api.book.bid + " ticker " + this.api.ticker?.bid); }
}
`,
  });
  const { host, port, clock, said } = lockstepHost(files.dir);
  try {
    await host.load("trades");
    await host.settle();
    for (let i = 1; i <= 20; i++) {
      clock.set(T0 + i);
      port.quote(`0.0${1000 + i}`, "0.03000");
      await host.settle();
    }
    port.trade("0.02500", "1");
    await host.settle();
    assertEquals(said(), ["trade 0.025 bid 0.0102 ticker 0.0102"]);
  } finally {
    await host.close();
    await files.remove();
  }
});

Deno.test("api.mode: live by default, paper over a paper venue", async () => {
  const files = await strategyDir({
    "mode.ts": `// @ts-nocheck
export default { onStart(api) { api.log("mode " + api.mode); } };
`,
  });
  const logs = memoryLogs();
  const paper = Object.assign(new FakePort(), { mode: () => "paper" as const });
  const hosts = [new FakePort(), paper].map((port) =>
    new StrategyHost({ port, log: logs.logger.log("strategies"), cwd: files.dir, limits: TEST_LIMITS })
  );
  try {
    for (const h of hosts) await h.load("mode");
    assertEquals(hosts.map((h) => h.mode), ["live", "paper"]);
    const said = () => logs.lines().filter((l) => /: mode (live|paper)$/.test(l)).sort();
    await eventually(() => said().length === 2, "both strategies' onStart");
    assertEquals(said(), [
      "info strategies.mode: mode live",
      "info strategies.mode: mode paper",
    ]);
  } finally {
    for (const h of hosts) await h.close();
    await files.remove();
  }
});
