import type { TimerHandle, Timers } from "../core/mod.ts";

interface Task {
  readonly at: number;
  readonly seq: number;
  fn: (() => void) | null;
}

/**
 * The recording's clock: time moves only when the backtest moves it, and timers (strategy timers, the
 * order engine's, an order's latency) are tasks run in the order of their time, then of their setting, so
 * every run of a recording takes the same course.
 */
export class VirtualClock implements Timers {
  #now: number;
  #seq = 0;
  /** A binary heap by (at, seq). */
  #heap: Task[] = [];

  constructor(start = 0) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  /** Moves the clock to `t` (never back) without running anything. */
  set(t: number): void {
    if (t > this.#now) this.#now = t;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const task: Task = { at: this.#now + Math.max(0, ms), seq: ++this.#seq, fn };
    this.#push(task);
    return task;
  }

  clearTimeout(handle: TimerHandle): void {
    if (handle && typeof handle === "object" && "fn" in handle) (handle as Task).fn = null;
  }

  /** When the next task is due (Infinity when there is none). */
  nextAt(): number {
    this.#dropCleared();
    return this.#heap[0]?.at ?? Infinity;
  }

  /** Runs the next task if it is due at or before `t`, moving the clock to its time; false when none is. */
  runNext(t: number): boolean {
    this.#dropCleared();
    const top = this.#heap[0];
    if (!top || top.at > t) return false;
    this.#pop();
    this.set(top.at);
    const fn = top.fn!;
    top.fn = null;
    fn();
    return true;
  }

  #dropCleared(): void {
    while (this.#heap.length > 0 && this.#heap[0]!.fn === null) this.#pop();
  }

  #push(task: Task): void {
    const h = this.#heap;
    h.push(task);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }

  #pop(): void {
    const h = this.#heap;
    const last = h.pop()!;
    if (h.length === 0) return;
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && before(h[l]!, h[m]!)) m = l;
      if (r < h.length && before(h[r]!, h[m]!)) m = r;
      if (m === i) return;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
  }
}

function before(a: Task, b: Task): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
