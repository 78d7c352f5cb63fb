/** Counts events in a sliding one-second window (two fixed half-second buckets, cheap and close enough). */
export class RateCounter {
  #bucket = -1;
  #current = 0;
  #previous = 0;

  /** Counts one event at `now` (ms) and returns how many fell in the last second. */
  hit(now: number): number {
    const b = Math.floor(now / 500);
    if (b !== this.#bucket) {
      this.#previous = b === this.#bucket + 1 ? this.#current : 0;
      this.#current = 0;
      this.#bucket = b;
    }
    return this.#previous + ++this.#current;
  }
}
