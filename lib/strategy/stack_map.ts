/**
 * Worker side: stack frames and error texts of the linked strategy module (link.ts) mapped back to the
 * strategy's own files and lines, so errors read as if the files had been imported. Frames of the linking
 * glue are left out.
 */

import type { ModuleSpan } from "./link.ts";

export interface SourceTable {
  /** The linked module's URL (a data: URL). */
  readonly url: string;
  readonly modules: readonly ModuleSpan[];
}

export interface Place {
  readonly url: string;
  readonly line: number;
  readonly column: number;
}

/** The place in a strategy file of a 1-based line and column of the linked module; null for glue. */
function mapPosition(table: SourceTable, line: number, column: number): Place | null {
  const m = table.modules.find((s) => line >= s.first && line < s.first + s.lines);
  if (!m) return null;
  const rel = line - m.first;
  if (!m.map) return { url: m.url, line: rel + 1, column };
  const segs = m.map[rel] ?? [];
  let best = -1;
  for (let i = 0; i + 2 < segs.length; i += 3) if (segs[i]! <= column - 1) best = i;
  if (best < 0) return segs.length >= 3 ? { url: m.url, line: segs[1]! + 1, column: segs[2]! + 1 } : null;
  return { url: m.url, line: segs[best + 1]! + 1, column: segs[best + 2]! + 1 };
}

/** Every `<linked url>:line:col` in a text (an error message) with the strategy file's place. */
function mapText(table: SourceTable, text: string): string {
  if (!text.includes(table.url)) return text;
  return text.split(table.url).map((part, i) => {
    if (i === 0) return part;
    const m = /^:(\d+):(\d+)/.exec(part);
    const to = m ? mapPosition(table, Number(m[1]), Number(m[2])) : null;
    return to && m ? `${to.url}:${to.line}:${to.column}${part.slice(m[0].length)}` : `(strategy)${part}`;
  }).join("");
}

interface CallSite {
  getFileName(): string | null | undefined;
  getLineNumber(): number | null;
  getColumnNumber(): number | null;
  toString(): string;
}

/** Formats `error.stack` in the worker with the strategy files' places (V8's format otherwise). */
export function installStackMap(table: SourceTable): void {
  const errorToString = Error.prototype.toString;
  const prepare = (err: unknown, sites: CallSite[]): string => {
    let head: string;
    try {
      head = errorToString.call(err);
    } catch {
      head = "Error";
    }
    const lines = [mapText(table, head)];
    for (const site of sites) {
      const f = frame(site, table);
      if (f !== null) lines.push(`    at ${f}`);
    }
    return lines.join("\n");
  };
  Object.defineProperty(Error, "prepareStackTrace", { value: prepare, writable: false, configurable: false });
}

function frame(site: CallSite, table: SourceTable): string | null {
  const text = String(site);
  if (site.getFileName() !== table.url) return text;
  const line = site.getLineNumber() ?? 0;
  const column = site.getColumnNumber() ?? 0;
  const to = mapPosition(table, line, column);
  if (!to) return null;
  return text.replace(`${table.url}:${line}:${column}`, `${to.url}:${to.line}:${to.column}`);
}
