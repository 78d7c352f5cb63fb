/**
 * Strategy host figures, each with a baseline from the same run.
 *
 * `deno run -A tests/bench/strategy_bench.ts [seconds]`:
 *  - event to handler: exchange events at 2,000/s (½ book updates, ¼ tickers, ¼ trades) through the real
 *    Trader, bridge and host into three loaded strategies; latency from the event's creation to the start of
 *    onTick/onTrade in the worker (p50/p99/max). Baseline: the same rate posted straight to three bare Workers.
 *  - reload of three strategies (balancer, buy, sell): host.reload(), 20 times after 3 warm-ups. Baseline:
 *    starting three bare permissionless Workers until their first message.
 *
 * `deno bench -A tests/bench/strategy_bench.ts` runs the reload part as Deno.bench entries.
 */
import type { ExchangeEvent, PriceLevel } from "../../lib/core/mod.ts";
import { Trader } from "../../lib/engine/mod.ts";
import { Logger } from "../../lib/log/mod.ts";
import { MemoryStateStore, StrategyHost, TraderPort } from "../../lib/strategy/mod.ts";
import { ScriptedExchange } from "../engine/scripted_exchange.ts";
import { FakePort } from "../strategy/helpers.ts";

const RATE = 2_000;
const now = () => performance.timeOrigin + performance.now();

const BENCH_STRATEGY = `// @ts-nocheck
export default class Probe {
  lat = [];
  onTick(t) { this.lat.push(performance.timeOrigin + performance.now() - t.time); }
  onTrade(t) { this.lat.push(performance.timeOrigin + performance.now() - t.time); }
  onBookChanged(b) { this.best = b.bid; }
  onBeforeUnload() { return { lat: this.lat }; }
}
`;

const BARE_WORKER = `
const lat = [];
onmessage = (e) => {
  if (e.data === "done") { postMessage(lat); return; }
  lat.push(performance.timeOrigin + performance.now() - e.data.time);
};
postMessage("ready");
`;

interface Stats {
  readonly n: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

function stats(xs: number[]): Stats {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
  return { n: s.length, p50: at(0.5), p99: at(0.99), max: s[s.length - 1] ?? NaN };
}

/** Calls `emit(i)` RATE times a second for `seconds`, catching up on every timer turn. */
/** Generous load and unload bounds: beside other work a start can take long, and the bench measures it. */
const PATIENT = { loadTimeoutMs: 120_000, unloadTimeoutMs: 30_000, deadlineMs: 60_000 };

async function paced(seconds: number, emit: (i: number) => void): Promise<number> {
  const start = performance.now();
  let sent = 0;
  const total = RATE * seconds;
  while (sent < total) {
    await new Promise((r) => setTimeout(r, 1));
    const due = Math.min(total, Math.floor((performance.now() - start) * RATE / 1000));
    while (sent < due) emit(sent++);
  }
  return (performance.now() - start) / 1000;
}

function level(price: number, qty: number): PriceLevel {
  return { price, qty };
}

/** Event i of the stream: book updates near the top, tickers and trades, stamped with their creation time. */
function event(i: number): ExchangeEvent {
  const time = now();
  const k = i % 4;
  if (k === 1) {
    return { kind: "TickerChanged", symbol: "ETH/BTC", bid: 2099, ask: 2101, last: 2100, volume: 0, time };
  }
  if (k === 3) {
    return { kind: "TradePrinted", symbol: "ETH/BTC", price: 2101, qty: 1_000_000, side: "buy", time };
  }
  const q = 100_000_000 + (i % 97) * 1_000_000;
  return k === 0
    ? { kind: "BookUpdate", symbol: "ETH/BTC", bids: [level(2099 - (i % 5), q)], asks: [], time }
    : { kind: "BookUpdate", symbol: "ETH/BTC", bids: [], asks: [level(2101 + (i % 5), q)], time };
}

async function strategyLatency(seconds: number): Promise<Stats & { rate: number }> {
  const ex = new ScriptedExchange();
  const trader = new Trader(ex, { symbol: "ETH/BTC", depth: 100, timeframe: 15 });
  await trader.start();
  const levels = (from: number, step: number) =>
    Array.from({ length: 50 }, (_, j) => level(from + step * j, 1e8));
  ex.stream.push({
    kind: "BookSnapshot",
    symbol: "ETH/BTC",
    bids: levels(2099, -1),
    asks: levels(2101, 1),
    time: now(),
  });
  const dir = await Deno.makeTempDir({ prefix: "pytrader-bench-" });
  for (const n of ["probe_a", "probe_b", "probe_c"]) {
    await Deno.writeTextFile(`${dir}/${n}.ts`, BENCH_STRATEGY);
  }
  const store = new MemoryStateStore();
  const host = new StrategyHost({
    port: new TraderPort(trader),
    log: new Logger().log("bench"),
    store,
    cwd: dir,
    limits: PATIENT,
  });
  const report = await host.load("probe_a,probe_b,probe_c");
  if (report.failed.length > 0) throw new Error(report.failed[0]!.error);
  const elapsed = await paced(seconds, (i) => ex.stream.push(event(i)));
  await new Promise((r) => setTimeout(r, 100));
  await host.close();
  await trader.stop();
  await Deno.remove(dir, { recursive: true });
  const lat = [...store.states.values()].flatMap((s) => (s as { lat: number[] }).lat);
  return { ...stats(lat), rate: (RATE * seconds) / elapsed };
}

async function bareLatency(seconds: number): Promise<Stats> {
  const url = `data:application/javascript;base64,${btoa(BARE_WORKER)}`;
  const workers = await Promise.all([0, 1, 2].map(() =>
    new Promise<Worker>((resolve) => {
      const w = new Worker(url, { type: "module", deno: { permissions: "none" } });
      w.onmessage = () => resolve(w);
    })
  ));
  await paced(seconds, (i) => {
    const ev = event(i);
    if (ev.kind === "TickerChanged" || ev.kind === "TradePrinted") {
      for (const w of workers) w.postMessage(ev);
    }
  });
  const lat = await Promise.all(workers.map((w) =>
    new Promise<number[]>((resolve) => {
      w.onmessage = (e) => resolve(e.data);
      w.postMessage("done");
    })
  ));
  for (const w of workers) w.terminate();
  return stats(lat.flat());
}

async function reloadHost() {
  const port = new FakePort();
  port.wallet({ ETH: "10", BTC: "1" });
  port.quote("0.05000", "0.05010");
  const host = new StrategyHost({ port, log: new Logger().log("bench"), limits: PATIENT });
  const report = await host.load("balancer,buy,sell");
  if (report.failed.length > 0) throw new Error(report.failed[0]!.error);
  return host;
}

async function bareStart(): Promise<void> {
  const url = `data:application/javascript;base64,${btoa('postMessage("up");')}`;
  const workers = await Promise.all([0, 1, 2].map(() =>
    new Promise<Worker>((resolve) => {
      const w = new Worker(url, { type: "module", deno: { permissions: "none" } });
      w.onmessage = () => resolve(w);
    })
  ));
  for (const w of workers) w.terminate();
}

async function timed(n: number, fn: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

if (import.meta.main) {
  const seconds = Number(Deno.args[0] ?? 5);
  const base = await bareLatency(seconds);
  const host = await strategyLatency(seconds);
  const hot = await reloadHost();
  await timed(3, () => hot.reload());
  const reloads = stats(await timed(20, () => hot.reload()));
  await hot.close();
  await timed(3, bareStart);
  const bare = stats(await timed(20, bareStart));
  const ms = (x: number) => `${x.toFixed(3)} ms`;
  console.log(
    `event to handler, ${RATE} events/s for ${seconds} s, three strategies (${host.n} handler calls, ` +
      `${host.rate.toFixed(0)} events/s achieved)`,
  );
  console.log(`  baseline, bare Workers: p50 ${ms(base.p50)}  p99 ${ms(base.p99)}  max ${ms(base.max)}`);
  console.log(`  strategy host:          p50 ${ms(host.p50)}  p99 ${ms(host.p99)}  max ${ms(host.max)}`);
  console.log(`reload of balancer, buy and sell (20 after 3 warm-ups)`);
  console.log(`  baseline, 3 bare Workers started: p50 ${ms(bare.p50)}  max ${ms(bare.max)}`);
  console.log(`  host.reload():                    p50 ${ms(reloads.p50)}  max ${ms(reloads.max)}`);
  console.log(JSON.stringify({ base, host, reloads, bareStart: bare }));
} else {
  let host: StrategyHost | null = null;
  Deno.bench("start three bare Workers", { group: "reload", baseline: true, n: 20, warmup: 3 }, bareStart);
  Deno.bench("reload balancer, buy and sell", { group: "reload", n: 20, warmup: 3 }, async () => {
    host ??= await reloadHost();
    await host.reload();
  });
  globalThis.addEventListener("unload", () => void host?.close());
}
