/** A PromptIo that answers from a script and records every prompt and every line written. */

import { PromptAborted, type PromptIo } from "../../lib/secrets/mod.ts";

/** An answer: the typed text, END for end of input, CTRL_C for an interrupt. */
export const END = Symbol("end of input");
export const CTRL_C = Symbol("Ctrl-C");
export type Answer = string | typeof END | typeof CTRL_C;

export interface Asked {
  readonly prompt: string;
  readonly hidden: boolean;
}

export class ScriptedIo implements PromptIo {
  readonly asked: Asked[] = [];
  /** Everything written to stderr: prompts, warnings, notes. */
  stderr = "";
  readonly stdout: string[] = [];
  #answers: Answer[];

  constructor(readonly isTerminal: boolean, answers: Answer[]) {
    this.#answers = [...answers];
  }

  get unanswered(): number {
    return this.#answers.length;
  }

  write(text: string): void {
    this.stderr += text;
  }

  out(line: string): void {
    this.stdout.push(line);
  }

  readLine(prompt: string): Promise<string | undefined> {
    return this.#read(prompt, false);
  }

  readHidden(prompt: string): Promise<string | undefined> {
    return this.#read(prompt, true);
  }

  #read(prompt: string, hidden: boolean): Promise<string | undefined> {
    this.asked.push({ prompt, hidden });
    this.stderr += prompt + (hidden ? "\n" : "");
    const answer = this.#answers.shift() ?? END;
    if (answer === CTRL_C) return Promise.reject(new PromptAborted("passphrase"));
    return Promise.resolve(answer === END ? undefined : answer);
  }
}

/** Cheap scrypt parameters so tests do not spend 0.3 s per derivation; the default is tested on its own. */
export const FAST = Object.freeze({ N: 1024, r: 8, p: 1 });
