/**
 * `pytrader balance --json` as cron runs it: a new process (dependencies cached), the passphrase from
 * PYTRADER_PASSPHRASE, the default key derivation, one private REST call to the fake Kraken server in this
 * process. Target: ≤ 1 s. Baselines in the same run: `deno run` of an empty module and `pytrader --version`.
 */
import { krakenHome, PASSPHRASE } from "../cli/account_helpers.ts";

const main = new URL("../../main.ts", import.meta.url).pathname;
const empty = await Deno.makeTempFile({ suffix: ".ts" });
const k = await krakenHome({ cheap: false });

async function run(args: string[], env: Record<string, string> = {}): Promise<void> {
  const res = await new Deno.Command(Deno.execPath(), {
    args,
    cwd: k.home.dir,
    env,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!res.success) {
    throw new Error(`deno ${args.join(" ")} exited ${res.code}: ${new TextDecoder().decode(res.stderr)}`);
  }
}

const balance = ["run", "-A", main, "balance", "--json", "--config", k.home.ini];
await run(balance, { PYTRADER_PASSPHRASE: PASSPHRASE }); // the module graph compiled once

Deno.bench(
  "deno run of an empty module",
  { group: "one-shot", baseline: true, n: 5, warmup: 1 },
  async () => {
    await run(["run", "-A", empty]);
  },
);

Deno.bench("pytrader --version", { group: "one-shot", n: 5, warmup: 1 }, async () => {
  await run(["run", "-A", main, "--version"]);
});

Deno.bench(
  "pytrader balance --json (key derivation included)",
  { group: "one-shot", n: 5, warmup: 1 },
  async () => {
    await run(balance, { PYTRADER_PASSPHRASE: PASSPHRASE });
  },
);

globalThis.addEventListener("unload", () => {
  Deno.removeSync(empty);
  void k[Symbol.asyncDispose]();
});
