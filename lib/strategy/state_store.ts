/**
 * Where strategy state survives restarts: the order journal (getState/setState) when the engine has one,
 * else a JSON file beside the ini (`pytrader.strategies.json` for `pytrader.ini`), written atomically.
 */

import { writeFileAtomic } from "../config/atomic_write.ts";
import type { StateStore } from "./port.ts";

/** The journal's state API (lib/engine/journal.ts); sync or async both fit. */
export interface JournalState {
  getState(key: string): string | null | undefined | Promise<string | null | undefined>;
  setState(key: string, json: string): void | Promise<void>;
}

export function journalStore(journal: JournalState): StateStore {
  return {
    async load(name) {
      const json = await journal.getState(`strategy.${name}`);
      return json == null ? undefined : JSON.parse(json);
    },
    async save(name, state) {
      await journal.setState(`strategy.${name}`, JSON.stringify(state ?? null));
    },
  };
}

/** `dir/name.ini` -> `dir/name.strategies.json`. */
export function stateFileFor(iniPath: string): string {
  return iniPath.replace(/(\.ini)?$/i, ".strategies.json");
}

/** All strategies' states in one JSON object keyed by name; saves are serialised. */
export class FileStateStore implements StateStore {
  readonly path: string;
  #states: Record<string, unknown> | null = null;
  #queue: Promise<void> = Promise.resolve();

  constructor(path: string) {
    this.path = path;
  }

  async load(name: string): Promise<unknown> {
    const all = await this.#read();
    return Object.hasOwn(all, name) ? all[name] : undefined;
  }

  save(name: string, state: unknown): Promise<void> {
    const run = this.#queue.then(async () => {
      const all = await this.#read();
      if (state === undefined) delete all[name];
      else all[name] = state;
      await writeFileAtomic(this.path, JSON.stringify(all, null, 1) + "\n", 0o600);
    });
    this.#queue = run.catch(() => {});
    return run;
  }

  async #read(): Promise<Record<string, unknown>> {
    if (this.#states) return this.#states;
    let text: string;
    try {
      text = await Deno.readTextFile(this.path);
    } catch (e) {
      if (e instanceof Deno.errors.NotFound) return this.#states = {};
      throw e;
    }
    try {
      const parsed = JSON.parse(text);
      this.#states = typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? parsed : {};
    } catch {
      this.#states = {};
    }
    return this.#states!;
  }
}

/** Keeps state in memory only (tests, one-off runs). */
export class MemoryStateStore implements StateStore {
  readonly states = new Map<string, unknown>();
  load(name: string): Promise<unknown> {
    return Promise.resolve(this.states.get(name));
  }
  save(name: string, state: unknown): Promise<void> {
    this.states.set(name, state);
    return Promise.resolve();
  }
}
