/**
 * Links a strategy's modules (JavaScript, types already stripped) into one module text, so the Worker runs
 * it from memory and never imports a file (a `deno compile`d binary cannot import files that were not there
 * at compile time, denoland/deno#18327).
 *
 * Each module becomes an async function in the text, its own lines kept where they were: its import and
 * export statements are blanked (spaces, line breaks kept), `export` keywords dropped, `export default` turned
 * into an assignment of the same length, `import("./x.ts")` into a call of the loader. So every position in
 * a module's code is the position in its file, one line offset apart, and a line table maps stack frames
 * back. Imports are bound when the importing module starts (after its imports have run): a `let` another
 * module reassigns later is not seen (export a function that reads it instead). Import cycles are refused.
 */

import { type Node, parse } from "acorn";
import { excerpt, type LineMap, SourceSyntaxError } from "./transpile.ts";

export interface SourceModule {
  /** The file (absolute, symlinks resolved): how imports name it. */
  readonly path: string;
  /** Its file: URL, for stack frames. */
  readonly url: string;
  readonly code: string;
  readonly map: LineMap | null;
}

/** Where a module's line 1 is in the linked text. */
export interface ModuleSpan {
  readonly url: string;
  /** 1-based line of the linked text holding the module's line 1. */
  readonly first: number;
  readonly lines: number;
  readonly map: LineMap | null;
}

export interface Linked {
  /** An ES module whose default export is the entry module's namespace. */
  readonly code: string;
  readonly modules: readonly ModuleSpan[];
}

/** The path an import specifier of `from` names (the source guard's resolution). */
export type Target = (specifier: string, from: string) => string;

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

type Export =
  | { readonly kind: "local"; readonly local: string }
  | { readonly kind: "from"; readonly dep: number; readonly name: string }
  | { readonly kind: "namespace"; readonly dep: number };

interface Binding {
  readonly local: string;
  /** "*" for the namespace. */
  readonly imported: string;
}

interface Analysed {
  readonly deps: number[];
  readonly imports: { dep: number; bindings: Binding[]; at: number }[];
  readonly exports: Map<string, Export>;
  readonly stars: number[];
  readonly edits: Edit[];
  /** `export default class {}` / `function () {}`: the value gets the name "default". */
  readonly anonymousDefault: boolean;
  readonly defaultVar: boolean;
}

const LINE_BREAK = /\r\n|\r|\n|\u2028|\u2029/;
const DEFAULT_VAR = "__pt_default";

/** `modules[0]` is the entry; every static or literal dynamic import must name one of `modules`. */
export function linkModules(modules: readonly SourceModule[], target: Target): Linked {
  const index = new Map(modules.map((m, i) => [m.path, i]));
  const depOf = (spec: string, from: SourceModule): number => {
    const i = index.get(target(spec, from.path));
    if (i === undefined) throw new Error(`${from.path} imports "${spec}", which was not read`);
    return i;
  };
  const analysed = modules.map((m) => analyse(m, (spec) => depOf(spec, m)));
  refuseCycles(modules, analysed);
  const names = exportNames(analysed);
  for (const [i, a] of analysed.entries()) {
    for (const imp of a.imports) {
      for (const b of imp.bindings) {
        if (b.imported !== "*" && !names[imp.dep]!.has(b.imported)) {
          throw new Error(
            `${modules[i]!.path} imports "${b.imported}" from ${
              modules[imp.dep]!.path
            }, which does not export it`,
          );
        }
      }
    }
  }

  const out: string[] = [PRELUDE];
  let line = 2;
  const spans: ModuleSpan[] = [];
  modules.forEach((m, i) => {
    const a = analysed[i]!;
    out.push(header(i, a, names));
    line++;
    const code = applyEdits(m.code, a.edits);
    const lines = code.split(LINE_BREAK).length;
    spans.push({ url: m.url, first: line, lines, map: m.map });
    out.push(code);
    line += lines;
    out.push(a.anonymousDefault ? `__pt_name(${DEFAULT_VAR}); };` : "};");
    line++;
  });
  out.push("export default await __pt_load(0);");
  return { code: out.join("\n") + "\n", modules: spans };
}

/** One line: the module registry and the loader (each module runs once, on first import). */
const PRELUDE = [
  "const __pt_def = [], __pt_run = [];",
  "const __pt_load = (i) => (__pt_run[i] ??= (async () => { const ns = Object.create(null); await __pt_def[i](ns); return ns; })());",
  'const __pt_exports = (ns, getters) => { for (const k of Object.keys(getters).sort()) Object.defineProperty(ns, k, { get: getters[k], enumerable: true }); Object.defineProperty(ns, Symbol.toStringTag, { value: "Module" }); Object.freeze(ns); };',
  'const __pt_name = (f) => { if (typeof f === "function" && f.name === "__pt_default") Object.defineProperty(f, "name", { value: "default" }); };',
].join(" ");

function header(i: number, a: Analysed, names: readonly Map<string, Export>[]): string {
  const parts: string[] = [`__pt_def[${i}] = async (__pt_ns) => {`];
  for (const dep of a.deps) parts.push(`const __pt_d${dep} = await __pt_load(${dep});`);
  for (const imp of a.imports) {
    for (const b of imp.bindings) {
      parts.push(
        b.imported === "*"
          ? `const ${b.local} = __pt_d${imp.dep};`
          : `const ${b.local} = __pt_d${imp.dep}[${JSON.stringify(b.imported)}];`,
      );
    }
  }
  if (a.defaultVar) parts.push(`let ${DEFAULT_VAR};`);
  const getters = [...names[i]!].map(([name, e]) => `[${JSON.stringify(name)}]: () => ${valueOf(e)}`);
  parts.push(`__pt_exports(__pt_ns, { ${getters.join(", ")} });`);
  return parts.join(" ");
}

function valueOf(e: Export): string {
  switch (e.kind) {
    case "local":
      return e.local;
    case "from":
      return `__pt_d${e.dep}[${JSON.stringify(e.name)}]`;
    case "namespace":
      return `__pt_d${e.dep}`;
  }
}

// deno-lint-ignore no-explicit-any
type AnyNode = Node & Record<string, any>;

function analyse(m: SourceModule, depOf: (spec: string) => number): Analysed {
  let ast: AnyNode;
  try {
    ast = parse(m.code, { ecmaVersion: "latest", sourceType: "module", allowHashBang: true }) as AnyNode;
  } catch (e) {
    const err = e as SyntaxError & { loc?: { line: number; column: number } };
    const detail = err.message.replace(/ \(\d+:\d+\)$/, "");
    if (!err.loc) throw new Error(`Cannot read ${m.path}: ${detail}`);
    const { line, column } = err.loc;
    // After a transform the place is in generated code; without a map back, the line is the best guess.
    throw new SourceSyntaxError(
      detail,
      m.path,
      line,
      column + 1,
      m.map ? "" : excerpt(m.code, line, column + 1),
    );
  }
  const deps: number[] = [];
  const addDep = (spec: string) => {
    const d = depOf(spec);
    if (!deps.includes(d)) deps.push(d);
    return d;
  };
  const imports: Analysed["imports"] = [];
  const exports = new Map<string, Export>();
  const stars: number[] = [];
  const edits: Edit[] = [];
  let anonymousDefault = false;
  let defaultVar = false;
  const blank = (n: AnyNode) => edits.push({ start: n.start, end: n.end, text: "" });
  const setExport = (name: string, e: Export) => {
    if (exports.has(name)) throw new Error(`${m.path} exports "${name}" twice`);
    exports.set(name, e);
  };

  if (m.code.startsWith("#!")) {
    const end = m.code.search(LINE_BREAK);
    edits.push({ start: 0, end: end < 0 ? m.code.length : end, text: "" });
  }
  for (const node of ast.body as AnyNode[]) {
    switch (node.type) {
      case "ImportDeclaration": {
        const dep = addDep(node.source.value);
        const bindings: Binding[] = (node.specifiers as AnyNode[]).map((s) => ({
          local: s.local.name,
          imported: s.type === "ImportDefaultSpecifier"
            ? "default"
            : s.type === "ImportNamespaceSpecifier"
            ? "*"
            : nameOf(s.imported),
        }));
        imports.push({ dep, bindings, at: node.start });
        blank(node);
        break;
      }
      case "ExportNamedDeclaration": {
        if (node.declaration) {
          for (const name of declared(node.declaration)) setExport(name, { kind: "local", local: name });
          edits.push({ start: node.start, end: node.declaration.start, text: "" });
        } else if (node.source) {
          const dep = addDep(node.source.value);
          for (const s of node.specifiers as AnyNode[]) {
            setExport(nameOf(s.exported), { kind: "from", dep, name: nameOf(s.local) });
          }
          blank(node);
        } else {
          for (const s of node.specifiers as AnyNode[]) {
            setExport(nameOf(s.exported), { kind: "local", local: nameOf(s.local) });
          }
          blank(node);
        }
        break;
      }
      case "ExportDefaultDeclaration": {
        const d = node.declaration as AnyNode;
        const named = (d.type === "FunctionDeclaration" || d.type === "ClassDeclaration") && d.id;
        if (named) {
          setExport("default", { kind: "local", local: d.id.name });
          edits.push({ start: node.start, end: d.start, text: "" });
        } else {
          setExport("default", { kind: "local", local: DEFAULT_VAR });
          defaultVar = true;
          edits.push({ start: node.start, end: d.start, text: `${DEFAULT_VAR} =` });
          if (d.type === "FunctionDeclaration" || d.type === "ClassDeclaration") {
            anonymousDefault = true;
            edits.push({ start: d.end, end: d.end, text: ";" });
          }
        }
        break;
      }
      case "ExportAllDeclaration": {
        const dep = addDep(node.source.value);
        if (node.exported) setExport(nameOf(node.exported), { kind: "namespace", dep });
        else stars.push(dep);
        blank(node);
        break;
      }
    }
  }
  walk(ast, (n) => {
    if (n.type !== "ImportExpression") return;
    const src = n.source as AnyNode;
    if (src.type !== "Literal" || typeof src.value !== "string") {
      throw new Error(`${m.path} uses import() with a computed name; only import("./file.ts") is allowed`);
    }
    edits.push({ start: n.start, end: n.end, text: `__pt_load(${depOf(src.value)})` });
  });
  edits.sort((a, b) => a.start - b.start || a.end - b.end);
  return { deps, imports, exports, stars, edits, anonymousDefault, defaultVar };
}

function nameOf(n: AnyNode): string {
  return n.type === "Identifier" ? n.name : String(n.value);
}

/** The names a declaration binds (destructuring included). */
function declared(d: AnyNode): string[] {
  if (d.type === "VariableDeclaration") {
    return (d.declarations as AnyNode[]).flatMap((v) => patternNames(v.id));
  }
  return d.id ? [d.id.name] : [];
}

function patternNames(p: AnyNode | null): string[] {
  if (!p) return [];
  switch (p.type) {
    case "Identifier":
      return [p.name];
    case "ObjectPattern":
      return (p.properties as AnyNode[]).flatMap((x) => patternNames(x.type === "RestElement" ? x : x.value));
    case "ArrayPattern":
      return (p.elements as (AnyNode | null)[]).flatMap((x) => patternNames(x));
    case "AssignmentPattern":
      return patternNames(p.left);
    case "RestElement":
      return patternNames(p.argument);
    default:
      return [];
  }
}

function walk(n: AnyNode, visit: (n: AnyNode) => void): void {
  visit(n);
  for (const key of Object.keys(n)) {
    const v = n[key];
    if (Array.isArray(v)) {
      for (const c of v) if (c && typeof c.type === "string") walk(c, visit);
    } else if (v && typeof v === "object" && typeof v.type === "string") walk(v, visit);
  }
}

/**
 * Replaces each edited range by its text, padded with spaces to the range's length; line breaks inside a
 * range stay, so no later line moves.
 */
function applyEdits(code: string, edits: readonly Edit[]): string {
  let out = "";
  let at = 0;
  for (const e of edits) {
    if (e.start < at) continue;
    out += code.slice(at, e.start);
    const old = code.slice(e.start, e.end);
    const firstBreak = old.search(LINE_BREAK);
    const width = firstBreak < 0 ? old.length : firstBreak;
    out += e.text + " ".repeat(Math.max(0, width - e.text.length));
    if (firstBreak >= 0) {
      // The rest of the range: each line blank, its break kept.
      const rest = old.slice(firstBreak);
      out += rest.replace(/[^\r\n\u2028\u2029]/g, " ");
    }
    at = e.end;
  }
  return out + code.slice(at);
}

/** Static imports must not loop back: a module cannot run before the modules it imports. */
function refuseCycles(modules: readonly SourceModule[], analysed: readonly Analysed[]): void {
  const state = new Array<number>(modules.length).fill(0);
  const path: number[] = [];
  const visit = (i: number) => {
    if (state[i] === 2) return;
    if (state[i] === 1) {
      const loop = [...path.slice(path.indexOf(i)), i].map((k) => modules[k]!.path);
      throw new Error(
        `its imports form a cycle (${loop.join(" -> ")}); strategies cannot have import cycles`,
      );
    }
    state[i] = 1;
    path.push(i);
    for (const d of analysed[i]!.deps) visit(d);
    path.pop();
    state[i] = 2;
  };
  for (let i = 0; i < modules.length; i++) visit(i);
}

/** Every module's exports, `export *` expanded (explicit names win; `default` is never re-exported). */
function exportNames(analysed: readonly Analysed[]): Map<string, Export>[] {
  const done: (Map<string, Export> | undefined)[] = [];
  const of = (i: number): Map<string, Export> => {
    const known = done[i];
    if (known) return known;
    const a = analysed[i]!;
    const all = new Map(a.exports);
    for (const dep of a.stars) {
      for (const name of of(dep).keys()) {
        if (name !== "default" && !all.has(name)) all.set(name, { kind: "from", dep, name });
      }
    }
    done[i] = all;
    return all;
  };
  return analysed.map((_, i) => of(i));
}
