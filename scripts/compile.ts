/**
 * Builds dist/pytrader with `deno compile`. Deno needs its `denort` runtime for that, downloaded once into
 * the Deno cache; where it is missing and cannot be downloaded this says so and exits 0 with "skipped".
 */
const version = Deno.version.deno;
const denoDir = Deno.env.get("DENO_DIR") ?? `${Deno.env.get("HOME")}/.cache/deno`;
const runtime = `${denoDir}/dl/release/v${version}/denort-x86_64-unknown-linux-gnu.zip`;
const strict = Deno.args.includes("--require-runtime");

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}

const root = new URL("..", import.meta.url).pathname;
const args = [
  "compile",
  "--allow-all",
  "--unstable-unsafe-proto",
  "--unstable-worker-options",
  "--exclude-unused-npm",
  "--deny-import",
  // strategy workers start from these files, and the built-in strategies are loaded by path
  "--include",
  `${root}lib/strategy/lockdown.ts`,
  "--include",
  `${root}lib/strategy/runtime.ts`,
  "--include",
  `${root}strategies`,
  // blessed ships an example file that breaks deno compile; nothing uses it.
  "--exclude",
  `${denoDir}/npm/registry.npmjs.org/blessed/0.1.81/example`,
  "--output",
  `${root}dist/pytrader`,
  `${root}main.ts`,
];
const haveRuntime = await exists(runtime);
if (!haveRuntime) {
  console.error(`compile: ${runtime} is not in the Deno cache; deno compile will try to download it`);
}
const res = await new Deno.Command(Deno.execPath(), { args, stdout: "inherit", stderr: "piped" }).output();
const err = new TextDecoder().decode(res.stderr);
if (res.success) {
  console.log(`compile: built ${root}dist/pytrader`);
} else if (!haveRuntime && !strict && /denort|download|dns|network|connect/i.test(err)) {
  console.log(`compile: skipped: the denort runtime for Deno ${version} cannot be downloaded here`);
} else {
  console.error(err);
  Deno.exit(1);
}
