/**
 * Reloads the built-in balancer N times (default 100) after a warm-up and prints one JSON line with the RSS
 * growth. Run alone (`deno run --allow-all tests/strategy/reload_memory_probe.ts 100`), so that nothing
 * else in the process moves the figure; reload_test.ts runs it.
 */
import { fakeHost } from "./helpers.ts";

const n = Number(Deno.args[0] ?? 100);
const mib = () => Deno.memoryUsage().rss / 2 ** 20;
const { host, port } = fakeHost();
port.wallet({ ETH: "10", BTC: "1" });
port.quote("0.05000", "0.05010");
await host.load("balancer");
for (let i = 0; i < 20; i++) await host.reload();
const before = mib();
const t0 = performance.now();
for (let i = 0; i < n; i++) {
  const r = await host.reloadStrategies();
  if (r.failed.length > 0) throw new Error(r.failed[0]!.error);
}
const ms = (performance.now() - t0) / n;
const after = mib();
await host.close();
console.log(JSON.stringify({
  reloads: n,
  rssBeforeMiB: +before.toFixed(1),
  rssAfterMiB: +after.toFixed(1),
  growthMiB: +(after - before).toFixed(1),
  msPerReload: +ms.toFixed(1),
}));
