/**
 * Cold start of one-shot commands: wall time of `pytrader --version`, and of `ticker --json`, `book --depth 5
 * --json` and `balance --json` on sim, each a fresh process, against `deno run` of an empty module as the
 * baseline (target: within 2x). Each command runs twice: as `deno task start` runs it (the start task's `deno
 * run` flags, which make dynamic imports load only when they run) and as a plain `deno run -A main.ts`.
 * Dependencies are cached by a first run.
 *
 *   deno run -A tests/bench/startup_bench.ts [ROUNDS]   interleaved rounds (default 21, after 2 warm-up
 *                                                       rounds), medians and ratios; for a loaded machine
 *   deno run -A tests/bench/startup_bench.ts [ROUNDS] --against DIR
 *                                                       also the task cases of another checkout (e.g. main
 *                                                       before a change, from `git archive`), interleaved
 *                                                       with these: before and after in the same run
 *   deno run -A tests/bench/startup_bench.ts --modules [ROUNDS]
 *                                                       what single imports cost: each the only import of
 *                                                       a fresh deno run, interleaved likewise
 *   deno bench -A tests/bench/startup_bench.ts          the same commands as Deno.bench, one after another
 */
const main = new URL("../../main.ts", import.meta.url).pathname;
const config = new URL("../../deno.json", import.meta.url).pathname;
const dir = await Deno.makeTempDir({ prefix: "pytrader-startup-" });
const empty = `${dir}/empty.ts`;
await Deno.writeTextFile(empty, "");
const ini = `${dir}/pytrader.ini`;

async function run(args: readonly string[]): Promise<number> {
  const t0 = performance.now();
  const res = await new Deno.Command(Deno.execPath(), { args: [...args], stdout: "null", stderr: "null" })
    .output();
  const ms = performance.now() - t0;
  if (!res.success) throw new Error(`deno ${args.join(" ")} exited ${res.code}`);
  return ms;
}

/** The start task's command line, minus `deno` and `main.ts`: `run --quiet --allow-all ...`. */
const taskFlags = (JSON.parse(await Deno.readTextFile(config)) as { tasks: { start: string } }).tasks.start
  .split(/\s+/).filter((w) => w !== "deno" && w !== "main.ts");
const task = (...args: string[]) => [...taskFlags, "--config", config, main, ...args];
const againstAt = Deno.args.indexOf("--against");
const against = againstAt >= 0 ? Deno.args[againstAt + 1] : undefined;
if (againstAt >= 0 && !against) {
  throw new Error("Cannot compare: --against needs the other checkout's folder");
}
const args = againstAt >= 0 ? Deno.args.toSpliced(againstAt, 2) : Deno.args;
const plain = (...args: string[]) => ["run", "--config", config, "-A", main, ...args];

const COMMANDS: readonly (readonly [string, readonly string[]])[] = [
  ["--version", ["--version"]],
  ["ticker --json (sim)", ["ticker", "--json", "--config", ini]],
  ["book --depth 5 --json (sim)", ["book", "--depth", "5", "--json", "--config", ini]],
  ["balance --json (sim)", ["balance", "--json", "--config", ini]],
];

const CASES: readonly { readonly name: string; readonly args: readonly string[] }[] = [
  { name: "deno run of an empty module", args: ["run", "--config", config, "-A", empty] },
  ...COMMANDS.map(([name, args]) => ({ name: `pytrader ${name}, task`, args: task(...args) })),
  ...COMMANDS.map(([name, args]) => ({ name: `pytrader ${name}, deno run -A`, args: plain(...args) })),
  ...(against === undefined ? [] : COMMANDS.map(([name, args]) => ({
    name: `pytrader ${name}, task, --against`,
    args: [...taskFlags, "--config", `${against}/deno.json`, `${against}/main.ts`, ...args],
  }))),
];

/** Modules the one-shot path used to load, or still does, each imported alone. */
const MODULES: readonly string[] = [
  "commander",
  "node:path",
  "node:crypto",
  "../../lib/cli/program.ts",
  "../../lib/cli/mod.ts",
  "../../lib/config/mod.ts",
  "../../exchanges/mod.ts",
  "../../exchanges/sim/mod.ts",
  "../../exchanges/kraken/mod.ts",
];

async function moduleCases(): Promise<{ name: string; args: string[] }[]> {
  const out = [{ name: "deno run of an empty module", args: ["run", "--config", config, "-A", empty] }];
  for (const [i, m] of MODULES.entries()) {
    const file = `${dir}/import_${i}.ts`;
    const specifier = m.startsWith(".") ? new URL(m, import.meta.url).href : m;
    await Deno.writeTextFile(file, `import ${JSON.stringify(specifier)};\n`);
    out.push({
      name: `import ${m.replace(/^(\.\.\/)+/, "")}`,
      args: ["run", "--config", config, "-A", file],
    });
  }
  return out;
}

const modules = args[0] === "--modules";
const cases: readonly { readonly name: string; readonly args: readonly string[] }[] = modules
  ? await moduleCases()
  : CASES;

// Writes the ini and caches every module the commands load.
for (const c of cases) await run(c.args);

for (const [i, c] of cases.entries()) {
  Deno.bench(c.name, { group: "startup", baseline: i === 0, n: 20, warmup: 2 }, async () => {
    await run(c.args);
  });
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function lowerQuartile(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 4)]!;
}

/** Every case once per round, in turn, so that a change in the machine's load hits all of them alike. */
async function interleaved(rounds: number): Promise<void> {
  const load = Deno.loadavg();
  const times = cases.map(() => [] as number[]);
  for (let r = -2; r < rounds; r++) {
    for (const [i, c] of cases.entries()) {
      const ms = await run(c.args);
      if (r >= 0) times[i]!.push(ms);
    }
  }
  const base = median(times[0]!);
  const baseQ1 = lowerQuartile(times[0]!);
  console.log(`${rounds} interleaved rounds; load average before ${fmt(load)}, after ${fmt(Deno.loadavg())}`);
  for (const [i, c] of cases.entries()) {
    const m = median(times[i]!);
    const q1 = lowerQuartile(times[i]!);
    const sorted = [...times[i]!].sort((a, b) => a - b);
    const spread = `${sorted[0]!.toFixed(0)}-${sorted[sorted.length - 1]!.toFixed(0)}`;
    // The lower quartile's ratio: the other agents' load only ever adds time, so it moves less.
    console.log(
      `${c.name.padEnd(58)} median ${m.toFixed(1).padStart(6)} ms  (${spread.padStart(9)})  ${
        (m / base).toFixed(2)
      }x  ${m - base >= 0 ? "+" : ""}${(m - base).toFixed(1)} ms  q1 ${(q1 / baseQ1).toFixed(2)}x`,
    );
  }
}

function fmt(load: number[]): string {
  return load.map((l) => l.toFixed(1)).join(" ");
}

if (import.meta.main) await interleaved(Number(args[modules ? 1 : 0] ?? 21));
