/**
 * The README's recipes, run verbatim as a newcomer would (issue 17): each `<!-- recipe: NAME -->` block's
 * commands, one after the other with `sh`, in a fresh copy of the committed tree (`git archive HEAD`), on the
 * built-in sim market, offline. A command that keeps running (`run --strategy`) is stopped with Ctrl-C
 * (SIGINT) once its strategy has loaded, and must then exit 0.
 */
import { assert, assertEquals } from "./assert.ts";
import { eventually } from "./eventually.ts";

const ROOT = new URL("../", import.meta.url).pathname;

/** The commands of each recipe block of a README, comments dropped. */
export function recipes(readme: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of readme.matchAll(/<!-- recipe: ([\w-]+) -->\s*```sh\n([\s\S]*?)```/g)) {
    const lines = m[2]!.split("\n").map((l) => l.replace(/\s+#\s.*$/, "").trim()).filter((l) => l !== "");
    out.set(m[1]!, lines);
  }
  return out;
}

async function freshCopy(): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "pytrader-readme-" });
  const archive = new Deno.Command("git", { args: ["-C", ROOT, "archive", "HEAD"], stdout: "piped" }).spawn();
  const untar = new Deno.Command("tar", { args: ["-x", "-C", dir], stdin: "piped" }).spawn();
  await archive.stdout.pipeTo(untar.stdin);
  assert((await archive.status).success && (await untar.status).success, "git archive HEAD | tar -x failed");
  return dir;
}

const ENV = {
  PATH: `${Deno.execPath().replace(/\/[^/]*$/, "")}:${Deno.env.get("PATH") ?? ""}`,
  NO_COLOR: "1",
};

async function oneShot(dir: string, command: string): Promise<string> {
  const out = await new Deno.Command("sh", {
    args: ["-c", command],
    cwd: dir,
    env: ENV,
    stdout: "piped",
    stderr: "piped",
  })
    .output();
  const text = new TextDecoder().decode(out.stdout);
  assertEquals(out.code, 0, `${command}\n${text}${new TextDecoder().decode(out.stderr)}`);
  return text;
}

/** Runs until `ready` shows on stdout, then Ctrl-C; returns stdout. */
async function untilReady(dir: string, command: string, ready: RegExp): Promise<string> {
  // exec: the signal goes to deno itself, as Ctrl-C in a terminal would.
  const child = new Deno.Command("sh", {
    args: ["-c", `exec ${command}`],
    cwd: dir,
    env: ENV,
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let text = "";
  let err = "";
  const reading = Promise.all([
    child.stdout.pipeThrough(new TextDecoderStream()).pipeTo(
      new WritableStream({ write: (c) => void (text += c) }),
    ),
    child.stderr.pipeThrough(new TextDecoderStream()).pipeTo(
      new WritableStream({ write: (c) => void (err += c) }),
    ),
  ]);
  try {
    await eventually(() => ready.test(text), `${ready} from "${command}" (so far: ${text}${err})`);
  } finally {
    child.kill("SIGINT");
  }
  const status = await child.status;
  await reading;
  assertEquals(status.code, 0, `${command} after Ctrl-C\n${text}${err}`);
  return text;
}

Deno.test("README recipes, verbatim in a fresh copy of the repository", async (t) => {
  const dir = await freshCopy();
  try {
    const all = recipes(await Deno.readTextFile(`${dir}/README.md`));
    assertEquals([...all.keys()], ["arguments", "backtest", "strategy"]);

    await t.step("arguments: a one-shot command through the task and through main.ts", async () => {
      for (const command of all.get("arguments")!) {
        const text = await oneShot(dir, command);
        assert(/BTC\/USD/.test(text) && text.trim().split("\n").length >= 10, `${command}:\n${text}`);
      }
    });

    await t.step(
      "backtest: the sim recorded, its balancer settings written, the recording backtested",
      async () => {
        const [record, settings, backtest, ...rest] = all.get("backtest")!;
        assertEquals(rest, []);
        assert(/Recorded \d+ frames/.test(await oneShot(dir, record!)), record);
        await oneShot(dir, settings!);
        const text = await oneShot(dir, backtest!);
        assert(/^Backtest of sim\.ndjson: sim BTC\/USD/.test(text), text);
        assert(/\nPnL -?\d+\.\d+ USD/.test(text) && /balancer +[1-9]/.test(text), text);
      },
    );

    await t.step("strategy: the skeleton copied and run by its name", async () => {
      const [copy, run, ...rest] = all.get("strategy")!;
      assertEquals(rest, []);
      await oneShot(dir, copy!);
      const text = await untilReady(dir, run!, /mystrat loaded/);
      assert(/strategy\.mystrat: mystrat started on BTC\/USD, fresh start/.test(text), text);
      assert(!/Cannot load/.test(text), text);
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
