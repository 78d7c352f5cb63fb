/**
 * Builds dist/pytrader with `deno compile` (`--output FILE` for another place). Exits 1, saying why, when it
 * cannot build: a module it must embed is missing, or deno compile fails (for instance because Deno's
 * `denort` runtime is not in the Deno cache and cannot be downloaded: CI checks `denortZip()` first).
 */

const ROOT = new URL("..", import.meta.url).pathname;

/** Deno's cache folder. */
function denoDir(): string {
  return Deno.env.get("DENO_DIR") ?? `${Deno.env.get("HOME")}/.cache/deno`;
}

/** Where Deno keeps the `denort` runtime that deno compile needs (the path .ci/run checks too). */
export function denortZip(version = Deno.version.deno): string {
  return `${denoDir()}/dl/release/v${version}/denort-x86_64-unknown-linux-gnu.zip`;
}

/**
 * What deno compile cannot find by following main.ts's imports: the built-in strategies are read as files
 * (the loader reads every strategy, it never imports one), and the SDK is imported only for its types. The
 * worker's entry modules are imported by lib/strategy/entry.ts; they are listed too, so that a rename
 * breaks the build here rather than a strategy in the binary.
 */
export const INCLUDES: readonly string[] = [
  "lib/strategy/lockdown.ts",
  "lib/strategy/runtime.ts",
  "lib/strategy/sdk.ts",
  "strategies",
];

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}

function fail(why: string): never {
  console.error(`compile: cannot build: ${why}`);
  Deno.exit(1);
}

async function main(): Promise<void> {
  const at = Deno.args.indexOf("--output");
  const output = at >= 0 ? Deno.args[at + 1] ?? fail("--output needs a file") : `${ROOT}dist/pytrader`;
  for (const path of ["main.ts", ...INCLUDES]) {
    if (!(await exists(ROOT + path))) fail(`${ROOT}${path} is missing`);
  }
  const args = [
    "compile",
    "--allow-all",
    "--unstable-unsafe-proto",
    "--unstable-worker-options",
    "--exclude-unused-npm",
    "--deny-import",
    ...INCLUDES.flatMap((path) => ["--include", ROOT + path]),
    // blessed ships an example file that breaks deno compile; nothing uses it.
    "--exclude",
    `${denoDir()}/npm/registry.npmjs.org/blessed/0.1.81/example`,
    "--output",
    output,
    `${ROOT}main.ts`,
  ];
  const zip = denortZip();
  const haveRuntime = await exists(zip);
  if (!haveRuntime) {
    console.error(`compile: ${zip} is not in the Deno cache; deno compile will try to download it`);
  }
  await Deno.remove(output).catch(() => {});
  const res = await new Deno.Command(Deno.execPath(), { args, stdout: "inherit", stderr: "piped" }).output();
  const err = new TextDecoder().decode(res.stderr).trim();
  if (!res.success) {
    if (err) console.error(err);
    fail(
      haveRuntime
        ? `deno compile exited ${res.code}`
        : `deno compile exited ${res.code}; the denort runtime for Deno ${Deno.version.deno} is not in the cache (${zip}) and could not be downloaded`,
    );
  }
  if (!(await exists(output))) fail(`deno compile succeeded but ${output} is not there`);
  console.log(`compile: built ${output}`);
}

if (import.meta.main) await main();
