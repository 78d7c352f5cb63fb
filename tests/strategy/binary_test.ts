/**
 * One executable (issue 15): `deno task compile` builds dist/pytrader, or exits non-zero saying why; the
 * built binary answers `--version` and `ticker --json` on sim and runs a user strategy that imports a sibling
 * file, reloading it after an edit. The same run goes through `deno run main.ts`, which takes the same path.
 * The binary is built only when Deno's `denort` runtime is in the cache (as .ci/run checks): it cannot be
 * downloaded on our machines.
 */
import { assert, assertEquals, assertMatch } from "../assert.ts";
import { eventually } from "../eventually.ts";
import { denortZip } from "../../scripts/compile.ts";
import { strategyDir } from "./helpers.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const ZIP = denortZip();
const canBuild = await Deno.stat(ZIP).then(() => true, () => false);
if (!canBuild) {
  console.log(
    `binary_test: skipping the built binary: ${ZIP} is not in the Deno cache and cannot be downloaded here`,
  );
}

const MAIN = `import type { StrategyApi } from "../lib/strategy/sdk.ts";
import { version } from "./sibling.ts";

export default class {
  onStart(api: StrategyApi): void {
    api.log(\`mystrat \${version()} \${api.reloaded ? "reloaded" : "fresh"}\`);
  }
}
`;
const sibling = (v: string) => `export const version = (): string => "${v}";\n`;

Deno.test("deno task compile exits non-zero and says why when it cannot build", async () => {
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-all",
      `${ROOT}scripts/compile.ts`,
      "--output",
      "/proc/pytrader-cannot-write/pytrader",
    ],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert(!out.success, "compile exited 0");
  assertMatch(new TextDecoder().decode(out.stderr), /compile: cannot build: /);
  if (canBuild) return;
  // Here the runtime cannot be had: the build fails, and says so (it used to exit 0 with an empty dist/).
  const dir = await Deno.makeTempDir({ prefix: "pytrader-binary-" });
  try {
    const res = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--allow-all", `${ROOT}scripts/compile.ts`, "--output", `${dir}/pytrader`],
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert(!res.success, "compile exited 0 without the denort runtime");
    assertMatch(new TextDecoder().decode(res.stderr), /compile: cannot build: .*the denort runtime/);
    assertEquals([...Deno.readDirSync(dir)], []);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

/** Runs `pytrader` (the binary, or deno run main.ts) through the one-shot commands and a strategy run. */
async function exercise(pytrader: string[]): Promise<void> {
  const files = await strategyDir({ "mystrat.ts": MAIN, "sibling.ts": sibling("v1") });
  const ini = files.path("pytrader.ini");
  const run = (args: string[]) =>
    new Deno.Command(pytrader[0]!, { args: [...pytrader.slice(1), ...args], cwd: files.dir, stdout: "piped" })
      .output();
  try {
    const version = await run(["--version"]);
    assert(version.success);
    assertMatch(new TextDecoder().decode(version.stdout), /^\d+\.\d+\.\d+/);
    const ticker = await run(["ticker", "--json", "--config", ini]);
    assert(ticker.success);
    const t = JSON.parse(new TextDecoder().decode(ticker.stdout));
    assertEquals([t.ok, t.exchange], [true, "sim"]);

    const child = new Deno.Command(pytrader[0]!, {
      args: [...pytrader.slice(1), "run", "--strategy=mystrat", "--config", ini],
      cwd: files.dir,
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    let text = "";
    const reading = child.stdout.pipeThrough(new TextDecoderStream()).pipeTo(
      new WritableStream({ write: (chunk) => void (text += chunk) }),
    );
    try {
      await eventually(
        () => text.includes("strategy.mystrat: mystrat v1 fresh"),
        "the strategy's first start",
      );
      await files.write("sibling.ts", sibling("v2"));
      child.kill("SIGHUP");
      await eventually(
        () => text.includes("strategy.mystrat: mystrat v2 reloaded"),
        "the reload of the sibling",
      );
    } finally {
      child.kill("SIGTERM");
      const status = await child.status;
      await reading;
      await child.stderr.cancel();
      assertEquals(status.code, 0, text);
    }
  } finally {
    await files.remove();
  }
}

Deno.test("deno run main.ts: one-shot commands and a user strategy with a sibling import, reloaded on SIGHUP", async () => {
  await exercise([
    Deno.execPath(),
    "run",
    "--quiet",
    "--config",
    `${ROOT}deno.json`,
    "--allow-all",
    "--deny-import",
    `${ROOT}main.ts`,
  ]);
});

Deno.test({
  name:
    "the compiled binary: one-shot commands and a user strategy with a sibling import, reloaded on SIGHUP",
  ignore: !canBuild,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "pytrader-binary-" });
    try {
      const out = await new Deno.Command(Deno.execPath(), {
        args: ["run", "--allow-all", `${ROOT}scripts/compile.ts`, "--output", `${dir}/pytrader`],
      }).output();
      assert(out.success, "deno task compile failed although the denort runtime is cached");
      await exercise([`${dir}/pytrader`]);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
