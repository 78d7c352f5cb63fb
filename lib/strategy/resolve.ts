/**
 * `--strategy=a,b,c`: paths (./mine.ts, /x/mine.ts) or names. A name is a file of that name (.ts, .mts, .js,
 * .mjs) in the working directory, else in the ini's folder, else a built-in (balancer, buy, sell, strategy):
 * your copy of a built-in, called like it, wins over the built-in.
 */

import { basename, dirname, extname, isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { strategySectionName } from "../config/strategy_config.ts";

/** The built-in strategies; their files must stay reachable for `deno compile` (--include them). */
export const BUILTIN_STRATEGIES: Readonly<Record<string, string>> = Object.freeze({
  balancer: fileURLToPath(new URL("../../strategies/balancer.ts", import.meta.url)),
  buy: fileURLToPath(new URL("../../strategies/buy.ts", import.meta.url)),
  sell: fileURLToPath(new URL("../../strategies/sell.ts", import.meta.url)),
  strategy: fileURLToPath(new URL("../../strategies/strategy.ts", import.meta.url)),
});

/** Folders every strategy may import from: the built-ins (shared helpers) and the SDK. */
export const SHARED_ROOTS: readonly string[] = Object.freeze([
  fileURLToPath(new URL("../../strategies", import.meta.url)),
  fileURLToPath(new URL(".", import.meta.url)).replace(/\/$/, ""),
]);

export interface StrategySpec {
  /** File name without extension: the log source and the ini section `[strategy.<name>]`. */
  readonly name: string;
  /** Absolute path of the module. */
  readonly path: string;
  readonly builtin: boolean;
}

export interface ResolveOptions {
  readonly cwd: string;
  /** Where names are looked up after the working directory (the ini's folder). */
  readonly folders?: readonly string[];
  isFile(path: string): boolean;
}

/** The folders names are looked up in after the working directory, for an ini at `configPath`. */
export function strategyFolders(configPath: string): string[] {
  return [dirname(resolve(configPath))];
}

const EXTENSIONS = [".ts", ".mts", ".js", ".mjs"];

/** Splits and resolves a comma-separated list; throws an Error naming the first that cannot be loaded. */
export function resolveStrategies(list: string, options: ResolveOptions): StrategySpec[] {
  const out: StrategySpec[] = [];
  for (const part of list.split(",").map((s) => s.trim()).filter((s) => s !== "")) {
    const spec = resolveStrategy(part, options);
    if (out.some((s) => s.name === spec.name)) {
      throw new Error(`Cannot load strategy "${spec.name}": it is in the list twice`);
    }
    out.push(spec);
  }
  return out;
}

export function resolveStrategy(text: string, options: ResolveOptions): StrategySpec {
  const fail = (why: string): never => {
    throw new Error(`Cannot load strategy "${text}": ${why}`);
  };
  const pathLike = text.includes("/") || text.includes("\\") || EXTENSIONS.includes(extname(text));
  if (pathLike) {
    const path = isAbsolute(text) ? text : resolve(options.cwd, text);
    if (!EXTENSIONS.includes(extname(path))) fail("only .ts and .js files can be strategies");
    if (!options.isFile(path)) fail(`${path} does not exist`);
    return { name: checkName(basename(path, extname(path)), text), path, builtin: false };
  }
  if (!/^[A-Za-z0-9_-]+$/.test(text)) fail("a name has only letters, digits, _ and -");
  const folders = [...new Set([options.cwd, ...(options.folders ?? []).map((f) => resolve(options.cwd, f))])];
  for (const folder of folders) {
    for (const ext of EXTENSIONS) {
      const path = join(folder, text + ext);
      if (options.isFile(path)) return { name: checkName(text, text), path, builtin: false };
    }
  }
  const builtin = BUILTIN_STRATEGIES[text];
  if (builtin !== undefined) return { name: text, path: builtin, builtin: true };
  const files = folders.map((f) => join(f, `${text}.ts`));
  const where = files.length === 1 ? `${files[0]} does not exist` : `neither ${files.join(" nor ")} exists`;
  return fail(`it is not a built-in (${Object.keys(BUILTIN_STRATEGIES).join(", ")}) and ${where}`);
}

function checkName(name: string, text: string): string {
  try {
    strategySectionName(name);
  } catch (e) {
    throw new Error(`Cannot load strategy "${text}": ${(e as Error).message}`);
  }
  return name;
}

/** isFile for ResolveOptions, on the real file system. */
export function isFileOnDisk(path: string): boolean {
  try {
    return Deno.statSync(path).isFile;
  } catch {
    return false;
  }
}
