/** The real program as cron runs it: a subprocess, stdin not a terminal, the passphrase from the environment. */

import { assertEquals, assertStringIncludes } from "../assert.ts";
import { krakenHome, PASSPHRASE } from "./account_helpers.ts";

/** The real program, as cron runs it. */
const MAIN = new URL("../../main.ts", import.meta.url).pathname;

interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** How long it takes (target ≤ 1 s for balance --json) is measured in tests/bench/balance_bench.ts. */
async function program(args: string[], cwd: string, env: Record<string, string> = {}): Promise<Ran> {
  const res = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", MAIN, ...args],
    cwd,
    env,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const dec = new TextDecoder();
  return { code: res.code, stdout: dec.decode(res.stdout), stderr: dec.decode(res.stderr) };
}

Deno.test("crontab-style: balance --json with PYTRADER_PASSPHRASE and no terminal; without it exit 3 and a hint", async () => {
  await using k = await krakenHome({ cheap: false });
  const args = ["balance", "--json", "--config", k.home.ini];
  const r = await program(args, k.home.dir, { PYTRADER_PASSPHRASE: PASSPHRASE });
  assertEquals(r.code, 0, r.stderr);
  const lines = r.stdout.trimEnd().split("\n");
  assertEquals(lines.length, 1, r.stdout);
  const v = JSON.parse(lines[0]!);
  assertEquals([v.ok, v.exchange, v.balances.BTC, v.balances.USD], [
    true,
    "kraken",
    "1011.1908877900",
    "171288.6158",
  ]);

  const locked = await program(args, k.home.dir);
  assertEquals(locked.code, 3);
  assertEquals(JSON.parse(locked.stdout), {
    ok: false,
    error: {
      kind: "PassphraseRequired",
      message: "Cannot unlock the kraken key: no passphrase given and stdin is not a terminal",
    },
  });
  const human = await program(["orders", "--config", k.home.ini], k.home.dir);
  assertEquals([human.code, human.stdout], [3, ""]);
  assertStringIncludes(human.stderr, "Set PYTRADER_PASSPHRASE, pass --passphrase-file FILE");
  const wrong = await program(args, k.home.dir, { PYTRADER_PASSPHRASE: "wrong" });
  assertEquals([wrong.code, JSON.parse(wrong.stdout).error.kind], [3, "WrongPassphrase"]);
});
