/** PromptIo on the real terminal: prompts to stderr, results to stdout, raw mode for hidden input. */

import { PromptAborted } from "./errors.ts";
import { HiddenLine } from "./hidden_line.ts";
import type { PromptIo } from "./prompt_io.ts";
import { writeAllSync } from "../core/write_all.ts";

/** The part of Deno.stdin used here, so tests can stand in a fake terminal. */
export interface TerminalInput {
  read(buffer: Uint8Array): Promise<number | null>;
  isTerminal(): boolean;
  setRaw(mode: boolean): void;
}

export interface TerminalOutput {
  writeSync(bytes: Uint8Array): number;
}

export function terminalIo(
  input: TerminalInput = Deno.stdin,
  err: TerminalOutput = Deno.stderr,
  out: TerminalOutput = Deno.stdout,
): PromptIo {
  const encoder = new TextEncoder();
  const write = (to: TerminalOutput, text: string) => writeAllSync(to, encoder.encode(text));
  // Bytes read past the end of a line wait here for the next prompt; no read is left pending between
  // prompts, so the UI can take stdin over afterwards.
  let pending: Uint8Array = new Uint8Array(0);
  const next = async (): Promise<Uint8Array | undefined> => {
    if (pending.length > 0) {
      const chunk = pending;
      pending = new Uint8Array(0);
      return chunk;
    }
    const buffer = new Uint8Array(4096);
    const n = await input.read(buffer);
    return n === null ? undefined : buffer.subarray(0, n);
  };
  const isTerminal = input.isTerminal();

  const readLine = async (prompt: string): Promise<string | undefined> => {
    write(err, prompt);
    const parts: Uint8Array[] = [];
    for (;;) {
      const chunk = await next();
      if (chunk === undefined) return parts.length === 0 ? undefined : decodeLine(parts);
      const nl = chunk.indexOf(0x0a);
      if (nl < 0) {
        parts.push(chunk);
        continue;
      }
      parts.push(chunk.subarray(0, nl));
      pending = chunk.slice(nl + 1);
      return decodeLine(parts);
    }
  };

  const readHidden = async (prompt: string): Promise<string | undefined> => {
    if (!isTerminal) return await readLine(prompt);
    const editor = new HiddenLine();
    // Raw before the prompt shows, so nothing typed right after it is ever echoed.
    input.setRaw(true);
    try {
      write(err, prompt);
      for (;;) {
        const chunk = await next();
        const outcome = chunk === undefined ? { kind: "eof" as const } : editor.feed(chunk);
        if (outcome.kind === "more") continue;
        if (outcome.kind === "abort") throw new PromptAborted("passphrase");
        if (outcome.kind === "eof") return undefined;
        pending = outcome.rest;
        return outcome.line;
      }
    } finally {
      input.setRaw(false);
      // Enter was not echoed either; end the prompt's line.
      write(err, "\n");
    }
  };

  return {
    isTerminal,
    write: (text) => write(err, text),
    out: (line) => write(out, line + "\n"),
    readLine,
    readHidden,
  };
}

function decodeLine(parts: Uint8Array[]): string {
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    bytes.set(p, off);
    off += p.length;
  }
  const text = new TextDecoder().decode(bytes);
  return text.endsWith("\r") ? text.slice(0, -1) : text;
}
