/** Throwing, blocking, flooding, garbage and slow strategies: none of them stops the host or the others. */
import { assert, assertEquals, assertMatch } from "../assert.ts";
import { countLines, fakeHost, lineMatching, ManualClock, strategyDir, waitForLine } from "./helpers.ts";
import { eventually } from "../eventually.ts";

const COUNTER = `// @ts-nocheck
export default class Counter {
  n = 0;
  constructor(api) { this.api = api; }
  onTick(t) { this.n++; if (t.bid === 0.02) this.api.log("counter saw", this.n, "ticks, last", t.bid); }
}
`;

Deno.test("a strategy that throws is logged with its stack and keeps getting events", async () => {
  const files = await strategyDir({
    "thrower.ts": `// @ts-nocheck
export default class Thrower {
  n = 0;
  constructor(api) { this.api = api; }
  onTick() { this.n++; throw new TypeError("bad tick " + this.n); }
  onKeypress(k) { this.api.log("still here after", this.n, "ticks"); }
}
`,
  });
  const { host, port, logs } = fakeHost({ cwd: files.dir });
  try {
    await host.load("thrower");
    port.quote("0.01000", "0.01010");
    await waitForLine(
      logs,
      /onTick failed: TypeError: bad tick 1\n\s+at Thrower\.onTick \(file:.*thrower\.ts:\d+:\d+\)/,
    );
    port.ticker("0.01001", "0.01010");
    await waitForLine(logs, /bad tick 2/);
    host.keypress("a");
    await waitForLine(logs, /still here after 2 ticks/);
    assertEquals(host.running, ["thrower"]);
  } finally {
    await host.close();
    await files.remove();
  }
});

Deno.test("a strategy that blocks is terminated by the watchdog; the others carry on", async () => {
  const files = await strategyDir({
    "blocker.ts": `// @ts-nocheck
export default class { onKeypress(k) { if (k === "b") while (true) {} } }
`,
    "counter.ts": COUNTER,
  });
  const clock = new ManualClock();
  const limits = { heartbeatMs: 20, deadlineMs: 1_000 };
  const { host, port, logs } = fakeHost({ cwd: files.dir, limits, clock });
  try {
    assertEquals((await host.load("blocker,counter")).loaded, ["blocker", "counter"]);
    host.keypress("b");
    clock.advance(20); // both are asked for a heartbeat, the blocker after its key
    port.quote("0.02000", "0.02010");
    // The counter answers the ping before it handles the tick (one queue): it is not blocked.
    await waitForLine(logs, /counter saw 1 ticks, last 0.02/);
    clock.advance(1_000);
    assertEquals(lineMatching(logs, /terminated/), undefined, "terminated before the deadline");
    clock.advance(1);
    assertEquals(
      lineMatching(logs, /terminated/),
      "error strategies: blocker terminated: no heartbeat for 1000 ms (blocked in a handler?)",
    );
    assertEquals(host.running, ["counter"]);
    port.quote("0.02000", "0.02010");
    await waitForLine(logs, /counter saw 2 ticks, last 0.02/);
  } finally {
    await host.close();
    await files.remove();
  }
});

Deno.test("a module that blocks while loading does not start, and says so", async () => {
  const files = await strategyDir({
    "stuck.ts": `// @ts-nocheck\nwhile (true) {}\nexport default class {}\n`,
  });
  const clock = new ManualClock();
  const { host, logs } = fakeHost({ cwd: files.dir, clock, limits: { loadTimeoutMs: 3_000 } });
  try {
    const loading = host.load("stuck");
    await eventually(() => clock.watching, "the Worker to be started");
    clock.advance(3_000);
    assertEquals(lineMatching(logs, /stuck/), undefined, "given up before the timeout");
    clock.advance(1);
    const report = await loading;
    assertEquals(report.loaded, []);
    assertEquals(report.failed[0]!.error, 'Cannot load strategy "stuck": did not start within 3000 ms');
    await waitForLine(logs, /Cannot load strategy "stuck": did not start within 3000 ms/);
  } finally {
    await host.close();
    await files.remove();
  }
});

Deno.test("a strategy that floods is terminated", async () => {
  const files = await strategyDir({
    "flood.ts": `// @ts-nocheck
export default class { onStart(api) { api.setTimer(0, () => { for (let i = 0; i < 200; i++) api.log("spam", i); }, true); } }
`,
  });
  // The clock stands still: every message falls in the same second.
  const clock = new ManualClock();
  const { host, logs } = fakeHost({ cwd: files.dir, clock, limits: { messagesPerSecond: 500 } });
  try {
    await host.load("flood");
    const line = await waitForLine(logs, /flood terminated/);
    assertEquals(line, "error strategies: flood terminated: more than 500 messages in a second (flooding)");
    assertEquals(host.running, []);
    const spam = countLines(logs, /spam/);
    assert(spam > 400 && spam <= 500, `${spam} lines of spam got through`);
  } finally {
    await host.close();
    await files.remove();
  }
});

Deno.test("malformed messages are refused one by one, then the strategy is terminated", async () => {
  const files = await strategyDir({
    "garbage.ts": `// @ts-nocheck
const send = postMessage;
export default class {
  onStart(api) {
    send({ t: "order", id: "x", side: "buy", price: "1e5", volume: "1", validate: false });
    send({ t: "log", level: "info", text: "x".repeat(100000) });
    send({ t: "cancel", id: "../../etc" });
    send({ t: "nonsense" });
    send({ t: "order", id: api.name + ".1.1", side: "buy", price: "1", volume: "1", validate: false, extra: 1 });
    send("text");
    for (let i = 0; i < 10; i++) send({ t: "done", seq: 99 });
  }
}
`,
  });
  const { host, port, logs } = fakeHost({ cwd: files.dir });
  try {
    await host.load("garbage");
    await waitForLine(logs, /garbage terminated: 10 invalid messages/);
    const refused = logs.lines().filter((l) => l.includes("sent an invalid message"));
    assertMatch(refused[0]!, /order: bad price/);
    assertMatch(refused[1]!, /log: bad text/);
    assertMatch(refused[2]!, /cancel: bad id/);
    assertMatch(refused[3]!, /unknown type "nonsense"/);
    assertMatch(refused[4]!, /order: wrong fields/);
    assertEquals(port.engine.submitted, []);
  } finally {
    await host.close();
    await files.remove();
  }
});

Deno.test("a slow strategy gets the latest state, not a growing queue", async () => {
  const files = await strategyDir({
    "slow.ts": `// @ts-nocheck
export default class Slow {
  calls = 0;
  constructor(api) { this.api = api; }
  onTick(t) {
    this.calls++;
    const end = performance.now() + 20;
    while (performance.now() < end) {} // a handler that takes 20 ms
    if (t.bid === 0.01999) this.api.log("slow saw the last tick after", this.calls, "calls");
  }
}
`,
  });
  const { host, port, logs } = fakeHost({ cwd: files.dir });
  try {
    await host.load("slow");
    for (let i = 0; i < 1000; i++) {
      port.ticker((0.01 + i / 100_000).toFixed(5), "0.03000");
      if (i % 50 === 0) await new Promise((r) => setTimeout(r, 0));
    }
    const line = await waitForLine(logs, /slow saw the last tick after \d+ calls/);
    const calls = Number(/after (\d+) calls/.exec(line)![1]);
    assert(calls < 100, `${calls} calls for 1000 ticks: not coalesced`);
  } finally {
    await host.close();
    await files.remove();
  }
});

Deno.test("orders: ids at once, owner tagged, cancel only own, denied orders come back as rejected", async () => {
  const files = await strategyDir({
    "trader.ts": `// @ts-nocheck
export default class {
  constructor(api) { this.api = api; }
  onKeypress(k) {
    const api = this.api;
    if (k === "b") api.log("ids", api.buy(0.01, 2), api.sell("0.02000", "1.5"), api.buy(null, 0.5));
    if (k === "d") api.log("denied id", api.buy(0.01, 1));
    if (k === "c") { api.cancel(api.orders[0].id); api.cancel("f1"); }
    if (k === "a") api.cancelAll();
    if (k === "x") { try { api.buy(0.01, -1); } catch (e) { api.log("refused", e.message); } }
    if (k === "z") { try { api.buy(0, 1); } catch (e) { api.log("refused", e.message); } }
  }
  onOwnsChanged(orders, changes) {
    this.api.log("owns", orders.map((o) => o.id + "=" + o.status).join(" "), "|", changes.map((c) => c.order.id + ":" + c.order.status + (c.order.error ? "(" + c.order.error + ")" : "")).join(" "));
  }
}
`,
  });
  const { host, port, logs } = fakeHost({ cwd: files.dir });
  try {
    const foreign = port.engine.foreign({ price: 1000 });
    await host.load("trader");
    host.keypress("b");
    await waitForLine(logs, /ids trader\.1\.1 trader\.1\.2 trader\.1\.3/);
    await eventually(() => port.engine.submitted.length === 3, "three orders");
    assertEquals(port.engine.submitted.map((r) => [r.side, r.price, r.volume, r.owner]), [
      ["buy", "0.01000", "2.00000000", "strategy:trader"],
      ["sell", "0.02000", "1.5", "strategy:trader"],
      ["buy", null, "0.50000000", "strategy:trader"],
    ]);
    port.engine.set("c2", { status: "open", id: "V2" });
    await waitForLine(logs, /trader\.1\.2:open/);
    port.engine.denyNext = "volume 1 is below the minimum 5";
    host.keypress("d");
    await waitForLine(logs, /trader\.1\.4:rejected\(volume 1 is below the minimum 5\)/);
    host.keypress("c");
    await waitForLine(logs, /Cannot cancel order "f1": not a working order of this strategy/);
    await eventually(() => port.engine.canceled.length === 1, "one cancel");
    assertEquals(port.engine.canceled, ["c1"]);
    host.keypress("a");
    await eventually(() => port.engine.canceled.length === 3, "cancel all");
    assertEquals(port.engine.orders().find((o) => o.clientId === foreign.clientId)!.status, "open");
    host.keypress("x");
    await waitForLine(logs, /refused Cannot use -1 as an amount/);
    host.keypress("z");
    await waitForLine(logs, /refused Cannot buy at a price of 0: use null for a market order/);
  } finally {
    await host.close();
    await files.remove();
  }
});

Deno.test("a strategy whose heap grows past the limit is terminated; the host and the others carry on", async () => {
  // In a process of its own: the RSS it measures is the hog's and the host's, not other tests'.
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", new URL("./heap_probe.ts", import.meta.url).pathname],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stderr = new TextDecoder().decode(out.stderr);
  assert(out.success, `the probe failed: ${stderr}`);
  const r = JSON.parse(new TextDecoder().decode(out.stdout).trim().split("\n").pop()!);
  assertEquals(r.loaded, ["hog", "counter"]);
  assertMatch(r.line, /^error strategies: hog terminated: heap \d+ MB is above the limit of 64 MB$/);
  const mb = Number(/heap (\d+) MB/.exec(r.line)![1]);
  assert(mb > 64 && mb < 400, r.line);
  assertEquals(r.running, ["counter"]);
  assert(
    r.rssAfterMiB < r.rssBeforeMiB + 200,
    `RSS ${r.rssBeforeMiB} MiB before, ${r.rssAfterMiB} MiB after`,
  );
});

Deno.test("a strategy that writes its log too fast has lines dropped, with one line a second saying how many", async () => {
  const files = await strategyDir({
    "chatty.ts": `// @ts-nocheck
export default class {
  constructor(api) { this.api = api; }
  onStart(api) { for (let i = 0; i < 800; i++) api.log("line", i, "x".repeat(1000)); }
  onKeypress(k) { this.api.log("alive", k); }
}
`,
  });
  const limits = { logBytesPerSecond: 16 * 1024, logBurstBytes: 32 * 1024 };
  const clock = new ManualClock();
  const { host, logs } = fakeHost({ cwd: files.dir, limits, clock });
  const kept = () => countLines(logs, /^info strategy\.chatty: line /);
  const reports = /chatty: \d+ log lines dropped/;
  try {
    await host.load("chatty");
    host.keypress("a"); // handled after onStart: once its line is here, so are the 800 before it
    await waitForLine(logs, /alive a/);
    assertEquals(kept(), 32, "the 32 KiB burst holds 32 lines of 1 KiB, written at one instant");
    clock.advance(999);
    assertEquals(lineMatching(logs, reports), undefined, "a report before a second has passed");
    clock.advance(1);
    const line = lineMatching(logs, reports)!;
    assertMatch(line, /^warn strategies: chatty: \d+ log lines dropped \(over 16 KiB\/s\)$/);
    const dropped = Number(/(\d+) log lines/.exec(line)![1]);
    assertEquals(kept() + dropped, 800);
    clock.advance(1_000); // nothing dropped since: no second report
    host.keypress("b");
    await waitForLine(logs, /alive b/);
    clock.advance(1_000);
    assertEquals(countLines(logs, /log lines dropped/), 1);
    assertEquals(host.running, ["chatty"]);
  } finally {
    await host.close();
    await files.remove();
  }
});
