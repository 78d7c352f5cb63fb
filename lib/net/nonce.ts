/** Where signed requests get their nonces: strictly increasing decimal integers. */
export interface NonceSource {
  next(): string;
}

/**
 * The nonce after `last` at `nowMicros` (microseconds since the epoch): the clock when it moved on,
 * otherwise one more than the last. Microseconds stay exact in a double until the year 2255.
 */
export function nextNonce(last: number, nowMicros: number): number {
  return Math.max(last + 1, Math.floor(nowMicros));
}

/** Nonces kept in memory: increasing within the process, and across restarts while the clock is right. */
export class MemoryNonce implements NonceSource {
  #last = 0;
  #now: () => number;

  /** `now` in ms since the epoch. */
  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  next(): string {
    this.#last = nextNonce(this.#last, this.#now() * 1000);
    return String(this.#last);
  }
}
