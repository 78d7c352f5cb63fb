/**
 * Measures the live screen on sim in a real terminal (tmux): time from launch to the first painted frame
 * with a book, and CPU use of the process while sim streams `--rate` book updates a second, sampled each
 * second from /proc for `--seconds`. Baseline in the same run: an idle `deno` process (sleep) sampled alike.
 *
 *   deno run -A scripts/measure_ui.ts [--rate 2000] [--seconds 30]
 */
const arg = (name: string, def: number) => {
  const i = Deno.args.indexOf(`--${name}`);
  return i >= 0 ? Number(Deno.args[i + 1]) : def;
};
const rate = arg("rate", 2000);
const seconds = arg("seconds", 30);
const root = new URL("..", import.meta.url).pathname;
const dir = await Deno.makeTempDir({ prefix: "pytrader-measure-" });
const ini = `${dir}/pytrader.ini`;
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

async function sample(pid: number): Promise<number[]> {
  const shares: number[] = [];
  let last = await cpuTicks(pid);
  let at = performance.now();
  for (let i = 0; i < seconds; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = await cpuTicks(pid);
    const t = performance.now();
    shares.push(((now - last) / ticksPerSecond) / ((t - at) / 1000) * 100);
    last = now;
    at = t;
  }
  return shares;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

const started = performance.now();
await tmux(
  "new-session",
  "-d",
  "-x",
  "200",
  "-y",
  "60",
  `exec '${Deno.execPath()}' run -A '${root}main.ts' --config '${ini}'`,
);
let firstFrame = NaN;
for (const deadline = started + 10_000; performance.now() < deadline;) {
  const screen = await tmux("capture-pane", "-p");
  if (/Price: \d/.test(screen) && /\d+\.\d{8}/.test(screen)) {
    firstFrame = performance.now() - started;
    break;
  }
  await new Promise((r) => setTimeout(r, 10));
}
const pid = Number((await tmux("display", "-p", "#{pane_pid}")).trim());
const app = await sample(pid);
await tmux("send-keys", "q");
await new Promise((r) => setTimeout(r, 500));
await tmux("kill-server").catch(() => "");

const idle = new Deno.Command(Deno.execPath(), {
  args: ["eval", "setTimeout(() => {}, 600000)"],
  stdout: "null",
  stderr: "null",
}).spawn();
const base = await sample(idle.pid);
idle.kill();
await idle.status;
await Deno.remove(dir, { recursive: true });

console.log(JSON.stringify({
  updatesPerSecond: rate,
  seconds,
  firstFrameMs: Math.round(firstFrame),
  cpuPercentMedian: Number(median(app).toFixed(1)),
  cpuPercentMax: Number(Math.max(...app).toFixed(1)),
  idleDenoCpuPercentMedian: Number(median(base).toFixed(1)),
}));
