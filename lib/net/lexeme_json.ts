/**
 * JSON.parse that keeps every number as its source text ("0.10000000", "14949390454975033707"), using
 * the reviver's source-text context (V8). Trailing zeros and ids beyond 2^53 survive.
 */
export function parseLexemeJson(text: string): unknown {
  return JSON.parse(text, keepLexeme);
}

function keepLexeme(_key: string, value: unknown, context?: { source?: string }): unknown {
  return typeof value === "number" && context?.source !== undefined ? context.source : value;
}
