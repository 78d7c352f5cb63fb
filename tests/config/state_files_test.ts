/**
 * The files PyTrader keeps beside its ini: run from a clone with the default `pytrader.ini`, they land in the
 * repository's root. Git must ignore them and `deno fmt --check` / `deno lint` (so `.ci/run`) must skip them.
 */
import { assertEquals } from "../assert.ts";
import { logFilePath } from "../../lib/config/mod.ts";
import { journalPathFor } from "../../lib/engine/mod.ts";
import { statePrefix } from "../../lib/cli/context.ts";
import { stateFileFor } from "../../lib/strategy/state_store.ts";

const ROOT = new URL("../..", import.meta.url).pathname;
const INI = "pytrader.ini";
const journal = journalPathFor(INI);
const STATE_FILES = [
  INI,
  journal,
  `${journal}-wal`,
  `${journal}-shm`,
  stateFileFor(INI),
  logFilePath(INI, ""),
  // exchanges/mod.ts: the Kraken nonce file
  `${statePrefix(INI)}.kraken-nonce`,
  // lib/config/atomic_write.ts: the temp file an atomic save renames over the ini or the state file
  `.${INI}.1a2b3c4d.tmp`,
  `.${stateFileFor(INI)}.1a2b3c4d.tmp`,
];

async function run(cmd: string, args: string[], cwd: string): Promise<{ code: number; out: string }> {
  const r = await new Deno.Command(cmd, { args, cwd, stdin: "null", stdout: "piped", stderr: "piped" })
    .output();
  const d = new TextDecoder();
  return { code: r.code, out: d.decode(r.stdout) + d.decode(r.stderr) };
}

const inGit = await run("git", ["-C", ROOT, "rev-parse", "--show-toplevel"], ROOT).then(
  (r) => r.code === 0,
  () => false,
);

Deno.test({
  name: "state files: git ignores every file PyTrader writes beside the default ini",
  ignore: !inGit,
  async fn() {
    const notIgnored: string[] = [];
    for (const name of STATE_FILES) {
      if ((await run("git", ["-C", ROOT, "check-ignore", "-q", "--no-index", name], ROOT)).code !== 0) {
        notIgnored.push(name);
      }
    }
    assertEquals(notIgnored, []);
  },
});

Deno.test("state files: deno fmt --check and deno lint skip them (deno.json excludes them)", async () => {
  // Only deno.json, no .gitignore and no git: the exclusion must hold on its own.
  const dir = await Deno.makeTempDir({ prefix: "pytrader-state-" });
  try {
    await Deno.copyFile(`${ROOT}/deno.json`, `${dir}/deno.json`);
    await Deno.writeTextFile(`${dir}/ok.ts`, "export const ok = 1;\n");
    for (const name of STATE_FILES) {
      await Deno.writeTextFile(`${dir}/${name}`, '{"balancer":{"running":true,"trades":3}}');
    }
    const fmt = await run(Deno.execPath(), ["fmt", "--check"], dir);
    assertEquals(fmt.code, 0, fmt.out);
    const lint = await run(Deno.execPath(), ["lint"], dir);
    assertEquals(lint.code, 0, lint.out);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
