/**
 * Wall time of `pytrader --version` (target ≤ 300 ms with cached dependencies), against the same
 * `deno run` of an empty module in the same run as the baseline.
 */
const main = new URL("../../main.ts", import.meta.url).pathname;
const empty = await Deno.makeTempFile({ suffix: ".ts" });

async function run(args: string[]): Promise<void> {
  const res = await new Deno.Command(Deno.execPath(), { args, stdout: "null", stderr: "null" }).output();
  if (!res.success) throw new Error(`deno ${args.join(" ")} exited ${res.code}`);
}

Deno.bench(
  "deno run of an empty module",
  { group: "startup", baseline: true, n: 20, warmup: 2 },
  async () => {
    await run(["run", "-A", empty]);
  },
);

Deno.bench("pytrader --version", { group: "startup", n: 20, warmup: 2 }, async () => {
  await run(["run", "-A", main, "--version"]);
});
