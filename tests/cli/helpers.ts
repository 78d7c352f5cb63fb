import { runCli } from "../../lib/cli/mod.ts";
import { EXIT } from "../../lib/cli/mod.ts";
import { VENUE_DEPS } from "../fixtures/venues.ts";
import type { PromptIo } from "../../lib/secrets/mod.ts";

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the command line in-process with a config in a fresh temp dir (unless args name one). */
/** A prompt io for a run without a terminal: nothing to read. */
export const noTerminal: PromptIo = {
  isTerminal: false,
  write() {},
  out() {},
  readLine: () => Promise.resolve(undefined),
  readHidden: () => Promise.resolve(undefined),
};

export async function cli(args: string[], dir?: string, io?: PromptIo): Promise<CliResult & { dir: string }> {
  const home = dir ?? await Deno.makeTempDir({ prefix: "pytrader-cli-" });
  const out: string[] = [];
  const err: string[] = [];
  const withConfig = args.some((a) => a === "--config" || a === "-c" || a.startsWith("--config="))
    ? args
    : [...args, "--config", `${home}/pytrader.ini`];
  const code = await runCli(
    withConfig,
    { ...VENUE_DEPS, promptIo: () => io ?? noTerminal },
    () => Promise.resolve(EXIT.ok),
    { out: (t) => out.push(t), err: (t) => err.push(t) },
  );
  return { code, stdout: out.join("\n"), stderr: err.join("\n"), dir: home };
}

/** Runs the real program as a subprocess. */
export async function runMain(args: string[], cwd?: string): Promise<CliResult> {
  const main = new URL("../../main.ts", import.meta.url).pathname;
  const res = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", main, ...args],
    cwd,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const dec = new TextDecoder();
  return { code: res.code, stdout: dec.decode(res.stdout), stderr: dec.decode(res.stderr) };
}
