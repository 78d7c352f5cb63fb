import type { LogRecord } from "../log/logger.ts";
import { type ConsoleFilters, isStrategyRecord, passesFilters } from "./views/console.ts";

/** The records each log pane shows, kept across resizes (they are wrapped when drawn). */
export class LogPanes {
  #main: LogRecord[] = [];
  #strategy: LogRecord[] = [];

  constructor(readonly filters: ConsoleFilters, readonly capacity = 1000) {}

  push(r: LogRecord): void {
    if (isStrategyRecord(r)) this.#strategy = append(this.#strategy, r, this.capacity);
    else if (passesFilters(r, this.filters)) this.#main = append(this.#main, r, this.capacity);
  }

  get main(): readonly LogRecord[] {
    return this.#main;
  }

  get strategy(): readonly LogRecord[] {
    return this.#strategy;
  }
}

function append(list: LogRecord[], r: LogRecord, capacity: number): LogRecord[] {
  list.push(r);
  return list.length > capacity * 2 ? list.slice(-capacity) : list;
}
