/**
 * Cold start of one-shot commands: wall time of `pytrader --version` and `pytrader ticker --json` on sim,
 * each a fresh `deno run`, against `deno run` of an empty module in the same run as the baseline (target:
 * within 2x). Dependencies are cached by a first run before the benches.
 */
const main = new URL("../../main.ts", import.meta.url).pathname;
const config = new URL("../../deno.json", import.meta.url).pathname;
const dir = await Deno.makeTempDir({ prefix: "pytrader-startup-" });
const empty = `${dir}/empty.ts`;
await Deno.writeTextFile(empty, "");
const ini = `${dir}/pytrader.ini`;

async function run(args: string[]): Promise<void> {
  const res = await new Deno.Command(Deno.execPath(), { args, stdout: "null", stderr: "null" }).output();
  if (!res.success) throw new Error(`deno ${args.join(" ")} exited ${res.code}`);
}

const pytrader = (...args: string[]) => run(["run", "--config", config, "-A", main, ...args]);
await pytrader("ticker", "--json", "--config", ini);

Deno.bench(
  "deno run of an empty module",
  { group: "startup", baseline: true, n: 20, warmup: 2 },
  async () => {
    await run(["run", "-A", empty]);
  },
);

Deno.bench("pytrader --version", { group: "startup", n: 20, warmup: 2 }, async () => {
  await pytrader("--version");
});

Deno.bench("pytrader ticker --json (sim)", { group: "startup", n: 20, warmup: 2 }, async () => {
  await pytrader("ticker", "--json", "--config", ini);
});

Deno.bench("pytrader book --depth 5 --json (sim)", { group: "startup", n: 20, warmup: 2 }, async () => {
  await pytrader("book", "--depth", "5", "--json", "--config", ini);
});
