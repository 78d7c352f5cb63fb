/** Time source, injected so tests can use a fake clock. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

/** An opaque timer handle: whatever the Timers implementation returns. */
export type TimerHandle = unknown;

/**
 * Time and timers, the one abstraction every layer injects, so tests drive watchdogs, backoff, reply
 * timeouts and rate limits with a fake clock.
 */
export interface Timers extends Clock {
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export const systemClock: Clock = { now: () => Date.now() };

export const systemTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as number),
};
