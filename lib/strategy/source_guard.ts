/**
 * Checks a strategy's source files before its Worker starts. Deno loads a worker's imports with the whole
 * process's rights, whatever the worker's own permissions (denoland/deno#29503), so a strategy could import
 * from the network. The guard refuses that: strategies may import only local .ts/.js files inside their own
 * folder, the built-in strategies folder or the SDK folder, and only by a literal name.
 *
 * Local names are resolved as Deno resolves them (URL rules: `?query` and `#hash` dropped, %-escapes
 * decoded), and a local name whose file does not exist is refused: Deno might still load something for it
 * that the guard never saw.
 *
 * The scan is deliberately blunt: every `import` and `from` followed by a quoted name counts, in code,
 * strings and comments alike, so no trick with comments, escapes or regular expressions can hide an import.
 */

import { extname, sep as SEP } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const EXTENSIONS = new Set([".ts", ".mts", ".js", ".mjs"]);

export interface GuardOptions {
  /** Folders local imports must stay inside (absolute). */
  readonly roots: readonly string[];
  readText(path: string): Promise<string>;
  /** Absolute path with symlinks resolved, or null when the file does not exist. */
  realPath(path: string): Promise<string | null>;
}

/** The checked files, entry first; throws an Error saying which file imports what. */
export async function checkSources(entry: string, options: GuardOptions): Promise<string[]> {
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (seen.size > 200) throw new Error("it imports more than 200 files");
    const scan = scanImports(await options.readText(file));
    if (scan.computed) {
      throw new Error(`${file} uses import() with a computed name; only import("./file.ts") is allowed`);
    }
    for (const spec of scan.specifiers) {
      const target = localTarget(spec, file);
      if (target === null) {
        throw new Error(`${file} imports "${spec}": strategies may import only local .ts and .js files`);
      }
      const real = await options.realPath(target);
      if (real === null) {
        throw new Error(
          file === entry ? `${spec} does not exist` : `${file} imports "${spec}", which does not exist`,
        );
      }
      if (!EXTENSIONS.has(extname(real))) {
        throw new Error(`${file} imports "${spec}", which is not a .ts or .js file`);
      }
      if (
        !options.roots.some((root) =>
          real === root || real.startsWith(root.endsWith(SEP) ? root : root + SEP)
        )
      ) {
        throw new Error(`${file} imports "${spec}", which is outside the strategy's folder`);
      }
      queue.push(real);
    }
  }
  return [...seen];
}

/**
 * The file a local specifier names, resolved with URL rules like Deno does (so `./a.ts?v=1#x` is `a.ts`,
 * `./a%2e.ts` is `a..ts`, `.\\a.ts` is `./a.ts`), or null for anything else (data:, blob:, http(s):, npm:,
 * node:, bare names).
 */
export function localTarget(spec: string, from: string): string | null {
  const relative = /^\.{1,2}[/\\]/.test(spec) || /^[/\\](?![/\\])/.test(spec);
  if (!relative && !/^file:/i.test(spec)) return null;
  try {
    const url = new URL(spec, pathToFileURL(from));
    if (url.protocol !== "file:" || (url.host !== "" && url.host !== "localhost")) return null;
    url.search = "";
    url.hash = "";
    return fileURLToPath(url);
  } catch {
    return null;
  }
}

export interface ImportScan {
  readonly specifiers: string[];
  /** An import() whose argument is not a plain string literal. */
  readonly computed: boolean;
}

/** Every quoted name after `import` or `from`, and whether some import() takes a computed name. */
export function scanImports(src: string): ImportScan {
  const specifiers: string[] = [];
  let computed = false;
  const word = /(?<![\w$])(import|from)(?![\w$])/g;
  for (let m = word.exec(src); m !== null; m = word.exec(src)) {
    let i = skip(src, m.index + m[1]!.length);
    if (m[1] === "from") {
      const lit = literal(src, i);
      if (lit) specifiers.push(lit.text);
      continue;
    }
    const c = src[i];
    if (c === "(") {
      i = skip(src, i + 1);
      const lit = literal(src, i);
      const after = lit ? src[skip(src, lit.end)] : undefined;
      if (lit && (after === ")" || after === ",")) specifiers.push(lit.text);
      else computed = true;
    } else if (c === "'" || c === '"') {
      const lit = literal(src, i);
      specifiers.push(lit ? lit.text : src.slice(i, i + 40));
    }
  }
  return { specifiers, computed };
}

/** Skips whitespace and comments. */
function skip(src: string, i: number): number {
  for (;;) {
    while (i < src.length && /\s/.test(src[i]!)) i++;
    if (src.startsWith("//", i)) {
      const nl = src.indexOf("\n", i);
      i = nl < 0 ? src.length : nl + 1;
    } else if (src.startsWith("/*", i)) {
      const end = src.indexOf("*/", i + 2);
      i = end < 0 ? src.length : end + 2;
    } else return i;
  }
}

/** A '…' or "…" literal at i without escapes or line breaks (an escaped name could hide a URL). */
function literal(src: string, i: number): { text: string; end: number } | null {
  const q = src[i];
  if (q !== "'" && q !== '"') return null;
  const end = src.indexOf(q, i + 1);
  if (end < 0) return null;
  const text = src.slice(i + 1, end);
  if (/[\\\n\r]/.test(text)) return { text: "(escaped name)", end: end + 1 };
  return { text, end: end + 1 };
}
