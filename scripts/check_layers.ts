/**
 * The layer check of `deno task check`: every relative import in lib/, exchanges/ and strategies/ must be
 * allowed by the "imports" column of the folder table in docs/architecture.md. A folder the table does not
 * list fails too, so a new venue folder comes with its row.
 */

/** What a folder may import: other folders, and folders it may import types from only. */
export interface Rule {
  readonly may: ReadonlySet<string>;
  readonly types: ReadonlySet<string>;
}

export interface Violation {
  readonly file: string;
  readonly line: number;
  readonly target: string;
  readonly reason: string;
}

/** Folders whose imports are checked; main.ts, scripts/ and tests/ may import anything. */
const CHECKED = /^(lib\/[^/]+|exchanges\/[^/]+|exchanges|strategies)\//;

/**
 * Reads the folder table of docs/architecture.md: rows `| \`lib/engine\` | ... | \`core\`, \`book\` (types) |`.
 * A short name means `lib/<name>` when that is a lib folder, else `exchanges/<name>`.
 */
export function parseRules(markdown: string, libFolders: ReadonlySet<string>): Map<string, Rule> {
  const rules = new Map<string, Rule>();
  for (const row of markdown.split("\n")) {
    const cells = row.split("|").slice(1, -1).map((c) => c.trim());
    if (cells.length < 3) continue;
    const folder = /^`([a-z_/]+)`$/.exec(cells[0]!)?.[1];
    if (
      !folder || !(folder.startsWith("lib/") || folder.startsWith("exchanges") || folder === "strategies/")
    ) {
      continue;
    }
    const may = new Set<string>();
    const types = new Set<string>();
    const imports = cells[cells.length - 1]!;
    for (const m of imports.matchAll(/`([a-z_/]+)`( \(types\))?/g)) {
      const name = m[1]!;
      const full = name.includes("/") ? name : libFolders.has(name) ? `lib/${name}` : `exchanges/${name}`;
      (m[2] ? types : may).add(full);
    }
    rules.set(folder.replace(/\/$/, ""), { may, types });
  }
  return rules;
}

/** The folder a repo path belongs to for the rules: `lib/engine`, `exchanges/kraken`, `exchanges`, `strategies`. */
export function folderOf(path: string): string | null {
  const m = CHECKED.exec(path);
  if (!m) return null;
  const parts = path.split("/");
  if (parts[0] === "exchanges" && parts.length === 2) return "exchanges";
  return m[1]!;
}

interface Import {
  readonly target: string;
  readonly line: number;
  readonly typeOnly: boolean;
}

/** Relative imports and re-exports of a file (static and dynamic), resolved to repo paths. */
export function importsOf(path: string, text: string): Import[] {
  const out: Import[] = [];
  const dir = path.split("/").slice(0, -1);
  const re =
    /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^;"']*?\s+from\s+)?["'](\.[^"']+)["']|import\(\s*["'](\.[^"']+)["']\s*\)/g;
  for (const m of text.matchAll(re)) {
    const spec = m[3] ?? m[4]!;
    const line = text.slice(0, m.index! + m[0].search(/\S/)).split("\n").length;
    out.push({ target: resolve(dir, spec), line, typeOnly: Boolean(m[2]) });
  }
  return out;
}

function resolve(dir: readonly string[], spec: string): string {
  const parts = [...dir];
  for (const p of spec.split("/")) {
    if (p === "..") parts.pop();
    else if (p !== ".") parts.push(p);
  }
  return parts.join("/");
}

/** Every import of `files` (repo path -> text) that the rules do not allow. */
export function checkLayers(
  files: ReadonlyMap<string, string>,
  rules: ReadonlyMap<string, Rule>,
): Violation[] {
  const out: Violation[] = [];
  for (const [file, text] of files) {
    const from = folderOf(file);
    if (from === null) continue;
    const rule = rules.get(from);
    for (const imp of importsOf(file, text)) {
      const to = folderOf(imp.target) ?? imp.target.split("/")[0]!;
      if (to === from) continue;
      if (!rule) {
        out.push({ ...imp, file, reason: `docs/architecture.md has no row for ${from}` });
        break;
      }
      if (rule.may.has(to) || (imp.typeOnly && rule.types.has(to))) continue;
      const why = rule.types.has(to)
        ? `${from} may import only types from ${to}`
        : `${from} may not import ${to} (docs/architecture.md)`;
      out.push(
        { file, line: imp.line, target: imp.target, typeOnly: imp.typeOnly, reason: why } as Violation,
      );
    }
  }
  return out;
}

/** Every .ts file under the checked folders, by repo path. */
export async function readTree(root: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const walk = async (dir: string): Promise<void> => {
    for await (const e of Deno.readDir(`${root}/${dir}`)) {
      const path = `${dir}/${e.name}`;
      if (e.isDirectory) await walk(path);
      else if (e.name.endsWith(".ts")) files.set(path, await Deno.readTextFile(`${root}/${path}`));
    }
  };
  for (const top of ["lib", "exchanges", "strategies"]) await walk(top);
  return files;
}

export async function libFolders(root: string): Promise<Set<string>> {
  const out = new Set<string>();
  for await (const e of Deno.readDir(`${root}/lib`)) if (e.isDirectory) out.add(e.name);
  return out;
}

if (import.meta.main) {
  const root = new URL("..", import.meta.url).pathname.replace(/\/$/, "");
  const rules = parseRules(await Deno.readTextFile(`${root}/docs/architecture.md`), await libFolders(root));
  const violations = checkLayers(await readTree(root), rules);
  for (const v of violations) console.error(`${v.file}:${v.line}: imports ${v.target}: ${v.reason}`);
  if (violations.length > 0) {
    console.error(
      `Layer check failed: ${violations.length} import(s) break the rules of docs/architecture.md`,
    );
    Deno.exit(1);
  }
}
