/**
 * A line-preserving ini document: every original line (comments, blank lines, unknown keys, order, line
 * endings, a byte order mark, a missing final newline) survives parse -> serialize byte for byte, and
 * setValue touches one line only. Syntax: `[section]`, `key = value`, `; comment`, `# comment`.
 * Values are plain text: quotes and inline `;` are not special.
 */

import { ConfigError } from "../core/errors.ts";

interface PlainLine {
  readonly kind: "blank" | "comment";
  readonly text: string;
  readonly eol: string;
}

interface SectionLine {
  readonly kind: "section";
  readonly name: string;
  readonly text: string;
  readonly eol: string;
}

/** `text.slice(valueStart, valueEnd)` is the value; the rest of `text` is kept as written. */
interface EntryLine {
  readonly kind: "entry";
  readonly section: string;
  readonly key: string;
  readonly text: string;
  readonly valueStart: number;
  readonly valueEnd: number;
  readonly eol: string;
}

export type IniLine = PlainLine | SectionLine | EntryLine;

/** An immutable value: functions that change a document return a new one. */
export interface IniDocument {
  readonly bom: string;
  readonly lines: readonly IniLine[];
}

const BOM = "\uFEFF";

export function parseIni(text: string, file: string): IniDocument {
  const bom = text.startsWith(BOM) ? BOM : "";
  const lines: IniLine[] = [];
  const sectionsSeen = new Map<string, number>();
  const keysSeen = new Map<string, number>();
  let section: string | undefined;
  for (const [i, [body, eol]] of splitLines(text.slice(bom.length)).entries()) {
    const lineNo = i + 1;
    const fail = (detail: string) =>
      new ConfigError(`Cannot read ${file} line ${lineNo}: ${detail}`, file, lineNo);
    const line = classify(body, eol, section, fail);
    if (line.kind === "section") {
      const first = sectionsSeen.get(line.name);
      if (first !== undefined) throw fail(`[${line.name}] already starts on line ${first}`);
      sectionsSeen.set(line.name, lineNo);
      section = line.name;
    } else if (line.kind === "entry") {
      const id = `${line.section}\n${line.key}`;
      const first = keysSeen.get(id);
      if (first !== undefined) throw fail(`[${line.section}] ${line.key} is already set on line ${first}`);
      keysSeen.set(id, lineNo);
    }
    lines.push(line);
  }
  return { bom, lines };
}

export function serializeIni(doc: IniDocument): string {
  return doc.bom + doc.lines.map((l) => l.text + l.eol).join("");
}

export function getValue(doc: IniDocument, section: string, key: string): string | undefined {
  const i = entryIndex(doc, section, key);
  return i < 0 ? undefined : entryValue(doc.lines[i] as EntryLine);
}

/** 1-based line number of `key` in `section`, as in error messages. */
export function lineOf(doc: IniDocument, section: string, key: string): number | undefined {
  const i = entryIndex(doc, section, key);
  return i < 0 ? undefined : i + 1;
}

export function sections(doc: IniDocument): string[] {
  return doc.lines.flatMap((l) => l.kind === "section" ? [l.name] : []);
}

export function keys(doc: IniDocument, section: string): string[] {
  return doc.lines.flatMap((l) => l.kind === "entry" && l.section === section ? [l.key] : []);
}

/**
 * Sets a value: in place if the key exists (the rest of the line kept as written), else as a new line after
 * the section's last key, else in a new section at the end. Returns `doc` itself when nothing changes.
 */
export function setValue(doc: IniDocument, section: string, key: string, value: string): IniDocument {
  checkSectionName(section);
  checkKey(key);
  checkValue(value);
  const at = entryIndex(doc, section, key);
  if (at >= 0) {
    const old = doc.lines[at] as EntryLine;
    if (entryValue(old) === value) return doc;
    return { bom: doc.bom, lines: doc.lines.with(at, replaceValue(old, value)) };
  }
  const header = doc.lines.findIndex((l) => l.kind === "section" && l.name === section);
  if (header >= 0) return insertAfter(doc, lastEntryOf(doc, header), [formatEntry(key, value)]);
  const last = doc.lines.at(-1);
  const gap = last === undefined || last.kind === "blank" ? [] : [""];
  return insertAfter(doc, doc.lines.length - 1, [...gap, `[${section}]`, formatEntry(key, value)]);
}

/** Adds the keys of `entries` that `section` lacks, in order, keeping existing values; `doc` itself if none. */
export function addMissing(
  doc: IniDocument,
  section: string,
  entries: ReadonlyArray<readonly [key: string, value: string]>,
): IniDocument {
  return entries.reduce(
    (d, [key, value]) => entryIndex(d, section, key) >= 0 ? d : setValue(d, section, key, value),
    doc,
  );
}

/** The line a new key gets: `key = value`, or `key =` when the value is empty. */
export function formatEntry(key: string, value: string): string {
  return value === "" ? `${key} =` : `${key} = ${value}`;
}

/** Throws TypeError for a section name that cannot be written as `[name]` and read back. */
export function checkSectionName(name: string): void {
  if (name.trim() !== name || name === "" || /[[\]\r\n]/.test(name)) {
    throw new TypeError(`Cannot use ${JSON.stringify(name)} as an ini section name`);
  }
}

function checkKey(key: string): void {
  if (key.trim() !== key || key === "" || /[=\r\n]/.test(key) || /^[;#[]/.test(key)) {
    throw new TypeError(`Cannot use ${JSON.stringify(key)} as an ini key`);
  }
}

function checkValue(value: string): void {
  if (value.trim() !== value || /[\r\n]/.test(value)) {
    throw new TypeError(
      `Cannot store ${JSON.stringify(value)} in an ini file: no surrounding spaces or newlines`,
    );
  }
}

/** [line without its ending, ending]; the ending is "\n", "\r\n" or "" (last line without a newline). */
function splitLines(text: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  let start = 0;
  while (start < text.length) {
    const nl = text.indexOf("\n", start);
    if (nl < 0) {
      out.push([text.slice(start), ""]);
      break;
    }
    const crlf = nl > start && text[nl - 1] === "\r";
    out.push([text.slice(start, crlf ? nl - 1 : nl), crlf ? "\r\n" : "\n"]);
    start = nl + 1;
  }
  return out;
}

function classify(
  text: string,
  eol: string,
  section: string | undefined,
  fail: (detail: string) => Error,
): IniLine {
  const trimmed = text.trim();
  if (trimmed === "") return { kind: "blank", text, eol };
  if (trimmed.startsWith(";") || trimmed.startsWith("#")) return { kind: "comment", text, eol };
  if (trimmed.startsWith("[")) {
    const close = trimmed.indexOf("]");
    if (close < 0) throw fail(`${quote(trimmed)} has no closing "]"`);
    const rest = trimmed.slice(close + 1).trim();
    if (rest !== "" && !rest.startsWith(";") && !rest.startsWith("#")) {
      throw fail(`unexpected text after "]" in ${quote(trimmed)}`);
    }
    const name = trimmed.slice(1, close).trim();
    if (name === "" || name.includes("[")) throw fail(`${quote(trimmed)} is not a valid [section] name`);
    return { kind: "section", name, text, eol };
  }
  const eq = text.indexOf("=");
  if (eq < 0) throw fail(`expected "key = value", a [section] or a ; comment, got ${quote(trimmed)}`);
  const key = text.slice(0, eq).trim();
  if (key === "") throw fail(`missing key before "=" in ${quote(trimmed)}`);
  if (section === undefined) throw fail(`${key} is set before any [section]`);
  const valueStart = eq + 1 + (text.slice(eq + 1).length - text.slice(eq + 1).trimStart().length);
  const valueEnd = Math.max(valueStart, text.trimEnd().length);
  return { kind: "entry", section, key, text, valueStart, valueEnd, eol };
}

function quote(text: string): string {
  return JSON.stringify(text.length > 60 ? text.slice(0, 57) + "..." : text);
}

function entryValue(line: EntryLine): string {
  return line.text.slice(line.valueStart, line.valueEnd);
}

function entryIndex(doc: IniDocument, section: string, key: string): number {
  return entryIndexes(doc.lines).get(`${section}\n${key}`) ?? -1;
}

/** "section\nkey" -> index of its (first) line, made once per (immutable) list of lines. */
const ENTRY_INDEXES = new WeakMap<readonly IniLine[], Map<string, number>>();

function entryIndexes(lines: readonly IniLine[]): Map<string, number> {
  let index = ENTRY_INDEXES.get(lines);
  if (!index) {
    index = new Map();
    for (const [i, l] of lines.entries()) {
      const id = l.kind === "entry" ? `${l.section}\n${l.key}` : undefined;
      if (id !== undefined && !index.has(id)) index.set(id, i);
    }
    ENTRY_INDEXES.set(lines, index);
  }
  return index;
}

function lastEntryOf(doc: IniDocument, header: number): number {
  let last = header;
  for (let i = header + 1; i < doc.lines.length && doc.lines[i].kind !== "section"; i++) {
    if (doc.lines[i].kind === "entry") last = i;
  }
  return last;
}

function replaceValue(line: EntryLine, value: string): EntryLine {
  let prefix = line.text.slice(0, line.valueStart);
  const suffix = line.text.slice(line.valueEnd);
  if (value === "") prefix = prefix.trimEnd();
  // `key =` (empty value, written without a trailing space) becomes `key = value`, not `key =value`.
  else if (line.valueStart === line.valueEnd && prefix.endsWith("=") && /\s=$/.test(prefix)) prefix += " ";
  const text = prefix + value + suffix;
  return { ...line, text, valueStart: prefix.length, valueEnd: prefix.length + value.length };
}

/** Inserts lines after index `at` (-1: at the start), keeping a missing final newline missing. */
function insertAfter(doc: IniDocument, at: number, texts: readonly string[]): IniDocument {
  const eol = doc.lines.find((l) => l.eol !== "")?.eol ?? "\n";
  const lines = [...doc.lines];
  let section = at >= 0 ? sectionAt(doc, at) : undefined;
  const added: IniLine[] = texts.map((text) => {
    const line = classify(text, eol, section, (detail) => new TypeError(detail));
    if (line.kind === "section") section = line.name;
    return line;
  });
  const before = lines[at];
  if (before !== undefined && before.eol === "") {
    lines[at] = { ...before, eol };
    added[added.length - 1] = { ...added[added.length - 1], eol: "" };
  }
  lines.splice(at + 1, 0, ...added);
  return { bom: doc.bom, lines };
}

function sectionAt(doc: IniDocument, index: number): string | undefined {
  for (let i = index; i >= 0; i--) {
    const l = doc.lines[i];
    if (l.kind === "section") return l.name;
    if (l.kind === "entry") return l.section;
  }
  return undefined;
}
