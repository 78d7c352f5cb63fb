import type { TimerHandle, Timers } from "../../lib/net/timers.ts";

/** Timers on a manual clock: nothing fires until advance() moves time past it. */
export class FakeTimers implements Timers {
  #now: number;
  #next = 1;
  #timers = new Map<number, { at: number; fn: () => void }>();

  constructor(start = Date.parse("2023-10-06T17:00:00Z")) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = this.#next++;
    this.#timers.set(id, { at: this.#now + Math.max(0, ms), fn });
    return id;
  }

  clearTimeout(handle: TimerHandle): void {
    this.#timers.delete(handle as number);
  }

  /** Timers waiting to fire. */
  get pending(): number {
    return this.#timers.size;
  }

  /** When the earliest timer fires, or undefined. */
  get nextAt(): number | undefined {
    let min: number | undefined;
    for (const t of this.#timers.values()) if (min === undefined || t.at < min) min = t.at;
    return min;
  }

  /** Moves the clock forward, firing due timers in time order (including ones they schedule). */
  advance(ms: number): void {
    const end = this.#now + ms;
    for (;;) {
      let id = -1;
      let at = Infinity;
      for (const [k, t] of this.#timers) {
        if (t.at <= end && (t.at < at || (t.at === at && k < id))) {
          id = k;
          at = t.at;
        }
      }
      if (id < 0) break;
      const t = this.#timers.get(id)!;
      this.#timers.delete(id);
      this.#now = Math.max(this.#now, t.at);
      t.fn();
    }
    this.#now = end;
  }
}
