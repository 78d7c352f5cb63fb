/**
 * How a strategy Worker starts. Its entry is one small `data:` module, the same for every strategy: it
 * imports the lockdown and the runtime (files of this folder, embedded in a compiled binary) and waits for
 * the first message, which carries the linked strategy (link.ts) as a second `data:` URL. It closes the
 * worker, then imports that URL. No file of the strategy's is imported: the host has read them. A module
 * that fails to load comes back as a catchable error, reported by `loadFailed`.
 *
 * The code travels in a message rather than in the entry URL because Deno keeps something of every Worker's
 * entry URL for the life of the process: a long one per reload would grow the memory.
 */

import type { Linked } from "./link.ts";
import { LOCKDOWN_URL } from "./lockdown.ts";
import { RUNTIME_URL } from "./runtime.ts";
import type { SourceTable } from "./stack_map.ts";

/** The first message to a strategy Worker. */
export interface LoadMessage {
  readonly t: "load";
  readonly sources: SourceTable;
  /** The strategy's entry file: errors name files relative to its folder. */
  readonly moduleUrl: string;
  readonly maxHeapBytes: number;
  /** A backtest: Date and timers follow the recording's clock (lockdown.ts). */
  readonly virtualTime: boolean;
}

/** The entry of every strategy Worker. */
export const ENTRY_URL: string = dataUrl(
  [
    `import { lockDown, watchHeap } from ${JSON.stringify(LOCKDOWN_URL)};`,
    `import { loadFailed, runStrategy } from ${JSON.stringify(RUNTIME_URL)};`,
    `const first = (e) => {`,
    `  removeEventListener("message", first);`,
    `  const m = e.data;`,
    `  lockDown(m.sources, m.virtualTime === true);`,
    `  watchHeap(m.maxHeapBytes);`,
    `  import(m.sources.url).then((mod) => runStrategy(mod.default), (e) => loadFailed(e, m.moduleUrl));`,
    `};`,
    `addEventListener("message", first);`,
  ].join("\n"),
);

/** The load message for a linked strategy whose entry file is `moduleUrl`. */
export function loadMessage(
  linked: Linked,
  moduleUrl: string,
  maxHeapBytes: number,
  virtualTime = false,
): LoadMessage {
  return {
    t: "load",
    sources: { url: dataUrl(linked.code), modules: linked.modules },
    moduleUrl,
    maxHeapBytes: Math.max(0, Math.floor(maxHeapBytes)),
    virtualTime,
  };
}

/** A JavaScript `data:` URL of any text (UTF-8, base64). */
function dataUrl(code: string): string {
  const bytes = new TextEncoder().encode(code);
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return `data:application/javascript;base64,${btoa(bin)}`;
}
