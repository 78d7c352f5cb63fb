/**
 * Measures the live screen: the real program (blessed, the Trader, sim streaming `--rate` book updates a
 * second) in a real terminal (tmux, 200x60) for `--seconds`. The program records every frame's time
 * itself (PYTRADER_FRAME_STATS, lib/ui/frame_stats.ts) and writes them when it quits; this script samples
 * its CPU time each second and its RSS from /proc, and measures the time from launch to the first frame
 * with a book.
 *
 * Baseline in the same run and on the same load: a bare blessed full-screen repaint (every cell changes,
 * 20 frames a second, the same size; blessed's diff and output built in the frame, written on the next
 * tick) in a second tmux session beside the app, timed alike. Frame times are wall time (what the
 * target is about) and the process's CPU time during the frame (all threads; the gap between the two is
 * the machine making the frame wait).
 *
 *   deno run -A scripts/measure_ui.ts [--rate 5000] [--seconds 60] [--warmup 10] [--cpu-prof DIR] [--frames FILE]
 *
 * `--cpu-prof DIR` runs the app with `deno run --cpu-prof --cpu-prof-dir DIR` (a V8 .cpuprofile on quit).
 * `--frames FILE` keeps the app's frame timings (JSON columns: at, ms, heapBefore, heapAfter).
 * `--baseline-child FILE` is the baseline process itself (started by this script).
 */
import blessed from "blessed";
import process from "node:process";
import { FRAME_STATS_ENV } from "../lib/ui/frame_stats.ts";

const arg = (name: string, def: string): string => {
  const i = Deno.args.indexOf(`--${name}`);
  return i >= 0 ? Deno.args[i + 1]! : def;
};
const W = 200;
const H = 60;

if (Deno.args.includes("--baseline-child")) {
  await baselineChild(arg("baseline-child", ""));
  Deno.exit(0);
}

const rate = Number(arg("rate", "5000"));
const seconds = Number(arg("seconds", "60"));
const warmup = Number(arg("warmup", "10"));
const cpuProf = arg("cpu-prof", "");
const keepFrames = arg("frames", "");
const root = new URL("..", import.meta.url).pathname;
const dir = await Deno.makeTempDir({ prefix: "pytrader-measure-" });
const ini = `${dir}/pytrader.ini`;
const appStats = `${dir}/app.json`;
const baseStats = `${dir}/baseline.json`;
await Deno.writeTextFile(ini, `[pytrader]\nexchange = sim\n\n[sim]\nupdates_per_second = ${rate}\n`);
const socket = `pytrader-measure-${Deno.pid}`;
const ticksPerSecond = 100; // USER_HZ on Linux

async function tmux(...args: string[]): Promise<string> {
  const out = await new Deno.Command("tmux", {
    args: ["-L", socket, ...args],
    stdout: "piped",
    stderr: "piped",
  })
    .output();
  if (!out.success) throw new Error(`tmux ${args.join(" ")}: ${new TextDecoder().decode(out.stderr)}`);
  return new TextDecoder().decode(out.stdout);
}

async function cpuTicks(pid: number): Promise<number> {
  const stat = await Deno.readTextFile(`/proc/${pid}/stat`);
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[11]) + Number(fields[12]); // utime + stime
}

async function rssMiB(pid: number): Promise<number> {
  const status = await Deno.readTextFile(`/proc/${pid}/status`);
  const kb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/** The machine's load while we measure: the 1-minute load average. */
async function loadAverage(): Promise<number> {
  return Number((await Deno.readTextFile("/proc/loadavg")).split(" ")[0]);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const q = (xs: number[], p: number): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
};
const round = (x: number, d = 2) => Number(x.toFixed(d));

const deno = Deno.execPath();
const prof = cpuProf ? `--cpu-prof --cpu-prof-dir='${cpuProf}' ` : "";
const started = performance.now();
await tmux(
  "new-session",
  "-d",
  "-s",
  "app",
  "-x",
  `${W}`,
  "-y",
  `${H}`,
  `exec env ${FRAME_STATS_ENV}='${appStats}' '${deno}' run ${prof}--quiet --allow-all --deny-import '${root}main.ts' --config '${ini}'`,
);
let firstFrame = NaN;
for (const deadline = started + 20_000; performance.now() < deadline;) {
  const screen = await tmux("capture-pane", "-p", "-t", "app");
  if (/Price: \d/.test(screen) && /\d+\.\d{8}/.test(screen)) {
    firstFrame = performance.now() - started;
    break;
  }
  await sleep(10);
}
const pid = Number((await tmux("display", "-p", "-t", "app", "#{pane_pid}")).trim());
await tmux(
  "new-session",
  "-d",
  "-s",
  "baseline",
  "-x",
  `${W}`,
  "-y",
  `${H}`,
  `exec '${deno}' run --quiet --allow-all '${root}scripts/measure_ui.ts' --baseline-child '${baseStats}'`,
);

/** RSS at these minutes after the first frame (those the run reaches), and the CPU share each second. */
const marks = [0, 1, 5, 10].filter((m) => m * 60 <= seconds);
const rss: Record<string, number> = {};
/** RSS every `--rss-every` seconds (default 10), to see whether it levels off. */
const rssEvery = Number(arg("rss-every", "10"));
const rssSeries: number[] = [];
const cpu: number[] = [];
const loads: number[] = [];
const t0 = performance.now();
let lastTicks = await cpuTicks(pid);
let lastAt = t0;
rss["0"] = round(await rssMiB(pid), 1);
for (let s = 1; s <= seconds; s++) {
  await sleep(Math.max(0, t0 + s * 1000 - performance.now()));
  const ticks = await cpuTicks(pid);
  const at = performance.now();
  cpu.push(((ticks - lastTicks) / ticksPerSecond) / ((at - lastAt) / 1000) * 100);
  lastTicks = ticks;
  lastAt = at;
  if (s % 10 === 0) loads.push(await loadAverage());
  if (s % rssEvery === 0) rssSeries.push(round(await rssMiB(pid), 1));
  if (marks.includes(s / 60)) rss[`${s / 60}`] = round(await rssMiB(pid), 1);
}
const rssEnd = round(await rssMiB(pid), 1);
await tmux("send-keys", "-t", "app", "q");
await tmux("send-keys", "-t", "baseline", "q");
for (const deadline = performance.now() + 20_000; performance.now() < deadline;) {
  const have = await Promise.all(
    [appStats, baseStats].map((f) => Deno.stat(f).then(() => true, () => false)),
  );
  if (have.every(Boolean)) break;
  await sleep(100);
}
await sleep(200);
await tmux("kill-server").catch(() => "");

interface Stats {
  at: number[];
  ms: number[];
  cpu?: number[];
  heapBefore: number[];
  heapAfter: number[];
}
const readStats = async (file: string): Promise<Stats> => JSON.parse(await Deno.readTextFile(file));
const app = await readStats(appStats);
if (keepFrames) await Deno.copyFile(appStats, keepFrames);
const base = await readStats(baseStats);
await Deno.remove(dir, { recursive: true });

/** Frames after the warm-up: p50, p99, max; how many ran a GC (heap smaller after); bytes per frame. */
function summary(s: Stats) {
  const from = s.at[0]! + warmup * 1000;
  const ms: number[] = [];
  const cpu: number[] = [];
  const alloc: number[] = [];
  let gcFrames = 0;
  for (let i = 0; i < s.ms.length; i++) {
    if (s.at[i]! < from) continue;
    ms.push(s.ms[i]!);
    if (s.cpu) cpu.push(s.cpu[i]!);
    const d = s.heapAfter[i]! - s.heapBefore[i]!;
    if (d < 0) gcFrames++;
    else alloc.push(d);
  }
  return {
    frames: ms.length,
    p50: round(q(ms, 0.5), 3),
    p99: round(q(ms, 0.99), 3),
    max: round(Math.max(...ms), 3),
    ...(s.cpu ? { cpuP50: round(q(cpu, 0.5), 3), cpuP99: round(q(cpu, 0.99), 3) } : {}),
    framesWithGc: gcFrames,
    heapGrowthPerFrameKiB: round(q(alloc, 0.5) / 1024, 1),
  };
}

const a = summary(app);
const b = summary(base);
console.log(JSON.stringify(
  {
    size: `${W}x${H}`,
    updatesPerSecond: rate,
    seconds,
    warmupSeconds: warmup,
    firstFrameMs: Math.round(firstFrame),
    frameMs: a,
    baselineFullRepaintMs: b,
    p99VsBaseline: round(a.p99 / b.p99),
    rssMiB: { ...rss, end: rssEnd },
    rssEverySeconds: rssEvery,
    rssSeriesMiB: rssSeries,
    heapAfterFrameMiB: {
      first: round((app.heapAfter[0] ?? NaN) / 2 ** 20, 1),
      end: round((app.heapAfter[app.heapAfter.length - 1] ?? NaN) / 2 ** 20, 1),
    },
    cpuPercentMedian: round(q(cpu, 0.5), 1),
    cpuPercentMax: round(Math.max(...cpu), 1),
    loadAverage1m: { min: Math.min(...loads), max: Math.max(...loads) },
  },
  null,
  1,
));

/**
 * The baseline: blessed alone, the whole screen rewritten 20 times a second (every cell changes, two
 * pictures in turn), each frame timed like the app's; `q` writes the timings to `file` and quits.
 */
async function baselineChild(file: string): Promise<void> {
  // deno-lint-ignore no-explicit-any
  const screen = (blessed as any).screen({ terminal: "xterm-256color", smartCSR: true, warnings: false });
  const frames = {
    at: [] as number[],
    ms: [] as number[],
    cpu: [] as number[],
    heapBefore: [] as number[],
    heapAfter: [] as number[],
  };
  const pictures = ["0123456789", "abcdefghij"];
  let n = 0;
  const frame = () => {
    const heap = Deno.memoryUsage().heapUsed;
    const cpu = process.cpuUsage();
    const at = performance.now();
    const text = pictures[n++ % 2]!;
    const attr = (n % 2) ? (2 << 9) | 0x1ff : (1 << 9) | 0x1ff;
    for (const row of screen.lines) {
      for (let x = 0; x < row.length; x++) {
        row[x][0] = attr;
        row[x][1] = text[x % text.length];
      }
      row.dirty = true;
    }
    // blessed diffs and builds the output here, and writes it to the terminal on the next tick.
    screen.render();
    frames.ms.push(performance.now() - at);
    const used = process.cpuUsage(cpu);
    frames.cpu.push((used.user + used.system) / 1000);
    frames.at.push(at);
    frames.heapBefore.push(heap);
    frames.heapAfter.push(Deno.memoryUsage().heapUsed);
  };
  const timer = setInterval(frame, 50);
  await new Promise<void>((resolve) => screen.key(["q"], () => resolve()));
  clearInterval(timer);
  screen.destroy();
  await Deno.writeTextFile(file, JSON.stringify(frames));
}
