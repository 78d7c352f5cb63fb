/** Names a file that gets every frame's timing as JSON when the screen quits (scripts/measure_ui.ts). */
export const FRAME_STATS_ENV = "PYTRADER_FRAME_STATS";

/**
 * Frame timings of the running screen, for measuring it in place (scripts/measure_ui.ts): each painted
 * frame's start, wall time, the process's CPU time during it (all threads: less than the wall time when
 * the machine made the frame wait) and the heap used before and after it. Kept in preallocated arrays that grow by
 * doubling, so recording allocates nothing per frame.
 */
export class FrameStats {
  #at = new Float64Array(4096);
  #ms = new Float64Array(4096);
  #cpu = new Float64Array(4096);
  #heapBefore = new Float64Array(4096);
  #heapAfter = new Float64Array(4096);
  #n = 0;

  get count(): number {
    return this.#n;
  }

  /** One frame: started at `at` (performance.now ms), took `ms` (`cpuMs` of CPU); heap bytes before and after. */
  record(at: number, ms: number, cpuMs: number, heapBefore: number, heapAfter: number): void {
    if (this.#n === this.#at.length) this.#grow();
    const i = this.#n++;
    this.#at[i] = at;
    this.#ms[i] = ms;
    this.#cpu[i] = cpuMs;
    this.#heapBefore[i] = heapBefore;
    this.#heapAfter[i] = heapAfter;
  }

  /** Columns of equal length: start (ms), wall and CPU time (ms), heap before and after (bytes). */
  toJSON(): { at: number[]; ms: number[]; cpu: number[]; heapBefore: number[]; heapAfter: number[] } {
    const n = this.#n;
    return {
      at: Array.from(this.#at.subarray(0, n)),
      ms: Array.from(this.#ms.subarray(0, n)),
      cpu: Array.from(this.#cpu.subarray(0, n)),
      heapBefore: Array.from(this.#heapBefore.subarray(0, n)),
      heapAfter: Array.from(this.#heapAfter.subarray(0, n)),
    };
  }

  #grow(): void {
    const twice = (a: Float64Array) => {
      const b = new Float64Array(a.length * 2);
      b.set(a);
      return b;
    };
    this.#at = twice(this.#at);
    this.#ms = twice(this.#ms);
    this.#cpu = twice(this.#cpu);
    this.#heapBefore = twice(this.#heapBefore);
    this.#heapAfter = twice(this.#heapAfter);
  }
}
