/**
 * A strategy whose heap runs away beside one that behaves, in a process of its own so that no other test
 * moves the RSS: prints one JSON line with the termination line, what still runs, whether the other strategy
 * still gets ticks, and the RSS before and after. watchdog_test.ts runs it
 * (`deno run --allow-all tests/strategy/heap_probe.ts`).
 */
import { eventually } from "../eventually.ts";
import { fakeHost, strategyDir, waitForLine } from "./helpers.ts";

const MiB = 2 ** 20;
const files = await strategyDir({
  // Stops by itself near 1 GB, so that without the limit the probe fails instead of ending the machine.
  "hog.ts": `// @ts-nocheck
const a = [];
export default class {
  onStart() {
    for (let i = 1; i < 5_000; i++) clearInterval(i);
    setInterval(() => { if (a.length < 1_200) a.push(new Array(1e5).fill(Math.random())); }, 1);
  }
}
`,
  "counter.ts": `// @ts-nocheck
export default class Counter {
  n = 0;
  constructor(api) { this.api = api; }
  onTick(t) { this.n++; if (t.bid === 0.02) this.api.log("counter saw", this.n, "ticks, last", t.bid); }
}
`,
});
const { host, port, logs } = fakeHost({ cwd: files.dir, limits: { maxHeapBytes: 64 * MiB } });
try {
  const rssBefore = Deno.memoryUsage().rss;
  const loaded = (await host.load("hog,counter")).loaded;
  const line = await waitForLine(logs, /hog terminated/);
  const running = host.running;
  port.quote("0.02000", "0.02010");
  await waitForLine(logs, /counter saw 1 ticks, last 0.02/);
  // The hog's memory is given back: without termination it would grow to about 1 GB.
  const limit = rssBefore + 200 * MiB;
  await eventually(() => Deno.memoryUsage().rss < limit, "the hog's memory to return");
  console.log(JSON.stringify({
    loaded,
    line,
    running,
    rssBeforeMiB: Math.round(rssBefore / MiB),
    rssAfterMiB: Math.round(Deno.memoryUsage().rss / MiB),
  }));
} finally {
  await host.close();
  await files.remove();
}
