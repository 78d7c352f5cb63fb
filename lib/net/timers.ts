/** An opaque timer handle: whatever the Timers implementation returns. */
export type TimerHandle = unknown;

/** Time and timers, injected so tests can drive watchdogs, backoff and timeouts with a fake clock. */
export interface Timers {
  /** Milliseconds since the epoch. */
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export const systemTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as number),
};
