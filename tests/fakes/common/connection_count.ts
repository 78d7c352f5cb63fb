/** The connections a fake server opened since it started, and waits for a count of them. */
export class ConnectionCount {
  #count = 0;
  #waiters: { n: number; resolve(): void }[] = [];

  get count(): number {
    return this.#count;
  }

  /** One more connection opened. */
  opened(): void {
    this.#count++;
    const due = this.#waiters.filter((w) => w.n <= this.#count);
    this.#waiters = this.#waiters.filter((w) => w.n > this.#count);
    for (const w of due) w.resolve();
  }

  /** Resolves when at least `n` connections have been opened. */
  reached(n: number): Promise<void> {
    if (this.#count >= n) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push({ n, resolve }));
  }
}
