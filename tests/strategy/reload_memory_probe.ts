/**
 * Reloads the built-in balancer: a warm-up of N reloads (default 100), then two windows of N, and prints one
 * JSON line with the RSS growth of each window. The heap and the allocator grow in steps until they settle,
 * so one window may hold a step; a leak grows every window. Run alone
 * (`deno run --allow-all tests/strategy/reload_memory_probe.ts 100`), so that nothing else in the process
 * moves the figure; reload_test.ts runs it.
 */
import { fakeHost } from "./helpers.ts";

const n = Number(Deno.args[0] ?? 100);
const mib = () => Deno.memoryUsage().rss / 2 ** 20;
const { host, port } = fakeHost();
port.wallet({ ETH: "10", BTC: "1" });
port.quote("0.05000", "0.05010");
await host.load("balancer");
async function reloads(count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const r = await host.reloadStrategies();
    if (r.failed.length > 0) throw new Error(r.failed[0]!.error);
  }
}
await reloads(n);
const windows: number[] = [];
const t0 = performance.now();
for (let w = 0; w < 2; w++) {
  const before = mib();
  await reloads(n);
  windows.push(+(mib() - before).toFixed(1));
}
const ms = (performance.now() - t0) / (2 * n);
await host.close();
console.log(JSON.stringify({
  reloads: n,
  windowGrowthMiB: windows,
  growthMiB: Math.min(...windows),
  msPerReload: +ms.toFixed(1),
}));
