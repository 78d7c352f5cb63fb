/**
 * TypeScript to JavaScript for strategy files, with amaro (Node.js's own type stripper: swc compiled to
 * WebAssembly, no native code). Types are replaced by spaces, so every line and column of the output is the
 * source's. Code that needs more than stripping (`enum`, `namespace`, parameter properties) is transformed
 * instead, with a source map back to the source.
 */

import { transformSync } from "amaro";

/** Per output line (0-based): `[outColumn, sourceLine, sourceColumn]` triples (0-based), by outColumn. */
export type LineMap = readonly (readonly number[])[];

export interface Transpiled {
  readonly code: string;
  /** Null when every position is the source's. */
  readonly map: LineMap | null;
}

/** A syntax error in a strategy file, with its place (1-based) and the offending line under it. */
export class SourceSyntaxError extends Error {
  override name = "SourceSyntaxError";
  constructor(
    readonly detail: string,
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly excerpt: string,
  ) {
    super(`SyntaxError: ${detail} at ${file}:${line}:${column}`);
  }
}

interface AmaroError {
  code?: string;
  message?: string;
  startLine?: number;
  startColumn?: number;
  endLine?: number;
  endColumn?: number;
}

const done = new Map<string, Transpiled>();
const REMEMBERED = 200;

/** Strips the types of a .ts/.mts file; .js/.mjs files pass as they are. An unchanged file is not redone. */
export function transpile(source: string, file: string): Transpiled {
  if (!/\.m?ts$/i.test(file)) return { code: source, map: null };
  const key = `${file}\0${source}`;
  const known = done.get(key);
  if (known) return known;
  const out = strip(source, file);
  if (done.size >= REMEMBERED) done.delete(done.keys().next().value!);
  done.set(key, out);
  return out;
}

function strip(source: string, file: string): Transpiled {
  try {
    return { code: transformSync(source, { mode: "strip-only", filename: file }).code, map: null };
  } catch (e) {
    const err = e as AmaroError;
    if (err.code !== "UnsupportedSyntax") throw syntaxError(err, source, file);
  }
  try {
    const out = transformSync(source, { mode: "transform", sourceMap: true, filename: file });
    const map = out.map ? JSON.parse(out.map) as { mappings?: string } : {};
    return { code: out.code, map: decodeMappings(map.mappings ?? "") };
  } catch (e) {
    throw syntaxError(e as AmaroError, source, file);
  }
}

function syntaxError(err: AmaroError, source: string, file: string): Error {
  if (typeof err.startLine !== "number") {
    return new Error(`Cannot read ${file}: ${err.message ?? String(err)}`);
  }
  const column = (err.startColumn ?? 0) + 1;
  const width = err.endLine === err.startLine && typeof err.endColumn === "number"
    ? err.endColumn - (err.startColumn ?? 0)
    : 1;
  return new SourceSyntaxError(
    err.message ?? "invalid syntax",
    file,
    err.startLine,
    column,
    excerpt(source, err.startLine, column, width),
  );
}

/**
 * Deno's excerpt: the line with its number, and `~` under the offending characters. Tabs in front of the
 * place stay tabs in the marker line, so both lines line up however a tab is shown.
 */
export function excerpt(source: string, line: number, column: number, width = 1): string {
  const text = source.split(/\r\n|\r|\n|\u2028|\u2029/)[line - 1];
  if (text === undefined) return "";
  const gutter = String(line);
  const lead = text.slice(0, column - 1).replace(/[^\t]/g, " ");
  const marks = "~".repeat(Math.max(1, Math.min(width, text.length - column + 1)));
  return `${gutter} | ${text}\n${" ".repeat(gutter.length)} | ${lead}${marks}`;
}

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Source map `mappings` (one source) into per-line triples. */
function decodeMappings(mappings: string): LineMap {
  const lines: number[][] = [];
  let srcLine = 0;
  let srcCol = 0;
  for (const text of mappings.split(";")) {
    const out: number[] = [];
    let col = 0;
    for (const seg of text.split(",")) {
      if (seg === "") continue;
      const v = vlq(seg);
      col += v[0] ?? 0;
      if (v.length >= 4) {
        srcLine += v[2]!;
        srcCol += v[3]!;
        out.push(col, srcLine, srcCol);
      }
    }
    lines.push(out);
  }
  return lines;
}

function vlq(seg: string): number[] {
  const values: number[] = [];
  let shift = 0;
  let value = 0;
  for (const ch of seg) {
    const digit = BASE64.indexOf(ch);
    if (digit < 0) break;
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    values.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return values;
}
