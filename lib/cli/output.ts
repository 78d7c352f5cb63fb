import { errorKind } from "./exit_codes.ts";

export interface Output {
  out(text: string): void;
  err(text: string): void;
}

export const stdOutput: Output = {
  out: (text) => console.log(text),
  err: (text) => console.error(text),
};

/** Prints `--json` output as one line, or the human text. */
export function emit(
  output: Output,
  json: boolean,
  value: Record<string, unknown>,
  human: () => string,
): void {
  output.out(json ? JSON.stringify({ ok: true, ...value }) : human());
}

/** Prints an error: one line for people (with an optional hint), or the documented JSON shape. */
export function emitError(output: Output, json: boolean, e: unknown, hint?: string): void {
  const message = e instanceof Error ? e.message : String(e);
  if (json) {
    output.out(JSON.stringify({ ok: false, error: { kind: errorKind(e), message } }));
    return;
  }
  output.err(`pytrader: ${message}${hint ? `\n${hint}` : ""}`);
}

/** A count with its noun: "1 frame", "0 frames", "2 frames" (`many` for nouns that do not just add an s). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
