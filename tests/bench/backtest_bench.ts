/**
 * `pytrader backtest` (issue 14): balancer, buy and sell on a recording of 200,000 Kraken book messages at
 * depth 100 (the replay bench's stream: tests/bench/kraken_frames.ts), against `pytrader replay` of the same
 * file in the same run (the baseline: the frame loop alone, no strategies, no paper, no Trader), and the
 * same backtest with one strategy that has no handlers (the pipeline without deliveries to Workers).
 *
 *   deno run -A --v8-flags=--expose-gc tests/bench/backtest_bench.ts [messages] [runs]
 *
 * prints one JSON object: wall and CPU time (all threads: the three strategy Workers included) of the
 * backtest and of the replay, in process (median of `runs`, interleaved), their ratio, the fills, the heap
 * after a full collection at every tenth of the file during one backtest, and `pytrader backtest FILE --json`
 * as a new process (wall time and peak RSS from /proc).
 */
import process from "node:process";
import { runBacktest } from "../../lib/backtest/mod.ts";
import { Logger } from "../../lib/log/mod.ts";
import { replayFile } from "../../lib/record/mod.ts";
import { createKrakenDecoder } from "../../exchanges/kraken/mod.ts";
import { paperOver } from "../../exchanges/mod.ts";
import { stream, writeRecording } from "./kraken_frames.ts";

const MESSAGES = Number(Deno.args[0] ?? 200_000);
const RUNS = Number(Deno.args[1] ?? 3);
const ROOT = new URL("../..", import.meta.url).pathname;

/** The strategies set to trade on this stream (bid and ask wander around 30000). */
const SECTIONS: Record<string, Record<string, string>> = {
  balancer: {
    simulate: "False",
    autostart: "True",
    distance: "0.01",
    distance_sell: "0.01",
    compensate_fees: "False",
    min_amount: "0.001",
  },
  buy: { simulate: "False", level: "30005", volume: "0.01", volume_in: "base", repeat: "True" },
  sell: { simulate: "False", level: "30009", volume: "0.01", volume_in: "base", repeat: "True" },
};

const gc = (globalThis as unknown as { gc?: () => void }).gc;

function cpuMs(since: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
}

async function timed<T>(run: () => Promise<T>): Promise<{ wallMs: number; cpuMs: number; value: T }> {
  gc?.();
  await new Promise((r) => setTimeout(r, 50));
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await run();
  return { wallMs: performance.now() - t0, cpuMs: cpuMs(c0), value };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.floor(s.length / 2)]! * 10) / 10;
}

const dir = await Deno.makeTempDir({ prefix: "pytrader-backtest-bench-" });
try {
  const file = `${dir}/rec.ndjson`;
  const s = stream(100, MESSAGES);
  await writeRecording(file, 100, [s.snapshot, ...s.updates]);
  const size = (await Deno.stat(file)).size;
  const decoderFor = (v: string) => (v === "kraken" ? createKrakenDecoder() : undefined);
  await Deno.writeTextFile(`${dir}/idle.ts`, "export default {};\n");
  const backtest = (onProgress?: (read: number) => void, strategies = "balancer,buy,sell") =>
    runBacktest({
      file,
      decoderFor,
      paper: paperOver,
      strategies,
      balances: { BTC: "1", USD: "30000" },
      makerFee: "0.10",
      takerFee: "0.10",
      timeframe: 15,
      depth: 100,
      logger: new Logger(),
      config: { section: (name) => Promise.resolve(SECTIONS[name] ?? {}) },
      cwd: dir,
      onProgress,
    });

  const bt: { wallMs: number; cpuMs: number }[] = [];
  const rp: { wallMs: number; cpuMs: number }[] = [];
  const idle: { wallMs: number; cpuMs: number }[] = [];
  let fills = 0;
  let json = "";
  for (let r = 0; r < RUNS; r++) {
    const replay = await timed(() => replayFile(file, decoderFor));
    rp.push(replay);
    idle.push(await timed(() => backtest(undefined, "idle")));
    const run = await timed(() => backtest());
    bt.push(run);
    fills = run.value.fills.length;
    const text = JSON.stringify(run.value);
    if (json !== "" && text !== json) throw new Error("Two backtests of one file differ");
    json = text;
  }

  // Memory: the heap after a full collection at every tenth of the file.
  const heapMB: number[] = [];
  let next = 0;
  await backtest((read) => {
    if (read < next) return;
    next += size / 10;
    gc?.();
    heapMB.push(Math.round(Deno.memoryUsage().heapUsed / 1e5) / 10);
  });

  // The command as a user runs it.
  const ini = `${dir}/pytrader.ini`;
  await Deno.writeTextFile(
    ini,
    Object.entries(SECTIONS).map(([n, kv]) =>
      `[strategy.${n}]\n${Object.entries(kv).map(([k, v]) => `${k} = ${v}`).join("\n")}`
    ).join("\n\n"),
  );
  const args = [
    "run",
    "-A",
    `${ROOT}main.ts`,
    "backtest",
    file,
    "--strategy",
    "balancer,buy,sell",
    "--balances",
    "BTC=1,USD=30000",
    "--fee-bps",
    "10",
    "--json",
    "--config",
    ini,
  ];
  const t0 = performance.now();
  const child = new Deno.Command(Deno.execPath(), { args, cwd: ROOT, stdout: "piped", stderr: "piped" })
    .spawn();
  let peakRssMB = 0;
  const watch = setInterval(async () => {
    try {
      const status = await Deno.readTextFile(`/proc/${child.pid}/status`);
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      peakRssMB = Math.max(peakRssMB, Math.round(kb / 1024));
    } catch { /* ended */ }
  }, 100);
  const out = await child.output();
  clearInterval(watch);
  const commandWallMs = Math.round(performance.now() - t0);
  if (!out.success) throw new Error(new TextDecoder().decode(out.stderr));

  const backtestWall = median(bt.map((x) => x.wallMs));
  const replayWall = median(rp.map((x) => x.wallMs));
  const backtestCpu = median(bt.map((x) => x.cpuMs));
  const replayCpu = median(rp.map((x) => x.cpuMs));
  console.log(JSON.stringify(
    {
      messages: MESSAGES,
      fileMB: Math.round(size / 1e5) / 10,
      runs: RUNS,
      fills,
      backtest: {
        wallMs: backtestWall,
        cpuMs: backtestCpu,
        usPerMessage: Math.round(backtestWall / MESSAGES * 1e4) / 10,
      },
      replay: {
        wallMs: replayWall,
        cpuMs: replayCpu,
        usPerMessage: Math.round(replayWall / MESSAGES * 1e4) / 10,
      },
      withoutDeliveries: {
        wallMs: median(idle.map((x) => x.wallMs)),
        cpuMs: median(idle.map((x) => x.cpuMs)),
      },
      ratio: {
        wall: Math.round(backtestWall / replayWall * 10) / 10,
        cpu: Math.round(backtestCpu / replayCpu * 10) / 10,
      },
      heapAfterGcMB: gc ? heapMB : "run with --v8-flags=--expose-gc",
      command: { wallMs: commandWallMs, peakRssMB },
      loadAverage: Deno.loadavg(),
    },
    null,
    1,
  ));
} finally {
  await Deno.remove(dir, { recursive: true });
}
