/**
 * Error text for the strategy log: the strategy's own frames only. The runtime's frames (this folder) and
 * the entry module's (a long `data:` URL) say nothing to a strategy's author, colour codes would garble the
 * screen, and Deno wraps a module's syntax error as `TypeError: SyntaxError: …`.
 */

import { LIMITS } from "./protocol.ts";

const OWN = new URL(".", import.meta.url).href;
/** V8 names our own frames by path when the stack is formatted in the worker (stack_map.ts). */
const OWN_PATH = decodeURIComponent(new URL(".", import.meta.url).pathname);
const FRAME = /^\s+at /;
// deno-lint-ignore no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;
/** Excerpt lines Deno prints under a syntax error, kept only when this short. */
const EXCERPT_CHARS = 120;

/** An error thrown by a handler: its message and the stack without the runtime's frames. */
export function stackText(e: unknown): string {
  return clip(stackLines(e).join("\n"));
}

/**
 * A module that failed to load: `SyntaxError: Expression expected at synerr.ts:2:28`, with the location
 * relative to the strategy's folder (`moduleUrl`'s) and Deno's code excerpt under it if it is short.
 */
export function loadErrorText(e: unknown, moduleUrl: string): string {
  const lines = stackLines(e);
  let head = (lines[0] ?? "").replace(/^TypeError: (?=[A-Z]\w*: )/, "");
  const inline = / at (file:\/\/[^\s()]+:\d+:\d+)$/.exec(head);
  if (inline) {
    // V8's own syntax errors carry the place in the message.
    head = head.slice(0, inline.index) + ` at ${location(inline[1]!, moduleUrl)}`;
  } else {
    const frame = lines.find((l) => FRAME.test(l));
    const where = frame ? location(frame, moduleUrl) : null;
    if (where) head += ` at ${where}`;
  }
  const excerpt = lines.slice(1).filter((l) => !FRAME.test(l) && !/^\s*\|?\s*$/.test(l));
  const short = excerpt.length <= 3 && excerpt.every((l) => l.length <= EXCERPT_CHARS);
  return clip(short && excerpt.length > 0 ? `${head}\n${excerpt.join("\n")}` : head);
}

function stackLines(e: unknown): string[] {
  const text = e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e);
  return text.replace(ANSI, "").split("\n").filter((l) =>
    !(FRAME.test(l) && (l.includes(OWN) || l.includes(OWN_PATH) || /\bdata:/.test(l) || l.includes("ext:")))
  );
}

/** `file.ts:2:28` from a stack frame line, relative to the strategy's folder when inside it. */
function location(frame: string, moduleUrl: string): string | null {
  const m = /(file:\/\/[^\s()]+):(\d+):(\d+)/.exec(frame);
  if (!m) return null;
  const folder = moduleUrl.slice(0, moduleUrl.lastIndexOf("/") + 1);
  const url = m[1]!;
  let name = url;
  try {
    name = decodeURIComponent(url.startsWith(folder) ? url.slice(folder.length) : new URL(url).pathname);
  } catch { /* keep the URL */ }
  return `${name}:${m[2]}:${m[3]}`;
}

function clip(text: string): string {
  return text.length > LIMITS.logChars ? text.slice(0, LIMITS.logChars) + "…" : text;
}
