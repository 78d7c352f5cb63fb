/**
 * Reads a strategy and the local modules it imports, strips their types, checks them with the source guard
 * and links them into one module text (link.ts). Nothing is imported from disk: every load reads the files
 * afresh, under `deno run` and in a compiled binary alike.
 */

import { dirname, relative, sep as SEP } from "node:path";
import { pathToFileURL } from "node:url";
import { type Linked, linkModules, type SourceModule } from "./link.ts";
import { checkSources, type GuardOptions, localTarget } from "./source_guard.ts";
import { SourceSyntaxError, transpile, type Transpiled } from "./transpile.ts";

export interface LoadedStrategy extends Linked {
  /** The entry file's URL (symlinks resolved): errors name files relative to its folder. */
  readonly entryUrl: string;
  /** Every file read, entry first. */
  readonly files: readonly string[];
}

/** Throws an Error whose message says what is wrong and where (`SyntaxError: … at mine.ts:2:28`). */
export async function readStrategy(entry: string, options: GuardOptions): Promise<LoadedStrategy> {
  const real = (await options.realPath(entry)) ?? entry;
  const folder = dirname(real);
  const code = new Map<string, Transpiled>();
  const resolved = new Map<string, string>();
  let files: string[];
  try {
    files = await checkSources(real, {
      roots: [...options.roots, folder],
      realPath: async (p) => {
        const r = await options.realPath(p);
        if (r !== null) resolved.set(p, r);
        return r;
      },
      readText: async (p) => {
        const t = transpile(await options.readText(p), p);
        code.set(p, t);
        return t.code;
      },
    });
  } catch (e) {
    throw e instanceof SourceSyntaxError ? new Error(syntaxText(e, folder)) : e;
  }
  const modules: SourceModule[] = files.map((path) => ({
    path,
    url: pathToFileURL(path).href,
    code: code.get(path)!.code,
    map: code.get(path)!.map,
  }));
  let linked: Linked;
  try {
    linked = linkModules(modules, (spec, from) => {
      const target = localTarget(spec, from);
      return (target !== null ? resolved.get(target) : undefined) ?? `${from}: ${spec}`;
    });
  } catch (e) {
    throw e instanceof SourceSyntaxError ? new Error(syntaxText(e, folder)) : e;
  }
  return { ...linked, entryUrl: pathToFileURL(real).href, files };
}

function syntaxText(e: SourceSyntaxError, folder: string): string {
  const rel = relative(folder, e.file);
  const name = rel.startsWith("..") || rel.startsWith(SEP) ? e.file : rel;
  const head = `SyntaxError: ${e.detail} at ${name}:${e.line}:${e.column}`;
  return e.excerpt ? `${head}\n${e.excerpt}` : head;
}
