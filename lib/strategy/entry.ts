/**
 * The module a strategy Worker starts from: a `data:` URL that imports the lockdown and the runtime first and
 * then the strategy with a literal `import()`. Deno loads such a statically known import without a read
 * permission, reports a syntax error or missing file as a catchable error (not as a crash printed on the
 * terminal), and a new Worker reads the file and everything it imports afresh.
 */

const LOCKDOWN = new URL("./lockdown.ts", import.meta.url).href;
const RUNTIME = new URL("./runtime.ts", import.meta.url).href;

/**
 * The entry URL for the strategy module at `moduleUrl` (a file: URL). The heap watch starts before the
 * strategy module is evaluated.
 */
export function entryUrl(moduleUrl: string, maxHeapBytes: number): string {
  const code = [
    `import { watchHeap } from ${JSON.stringify(LOCKDOWN)};`,
    `watchHeap(${JSON.stringify(Math.max(0, Math.floor(maxHeapBytes)))});`,
    `import { loadFailed, runStrategy } from ${JSON.stringify(RUNTIME)};`,
    `let mod;`,
    `try { mod = await import(${JSON.stringify(moduleUrl)}); } catch (e) { loadFailed(e, ${
      JSON.stringify(moduleUrl)
    }); }`,
    `if (mod) runStrategy(mod);`,
  ].join("\n");
  return `data:application/javascript;base64,${btoa(code)}`;
}
