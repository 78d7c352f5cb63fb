/** REST answers a fake holds back (a `stall` or `hang` fault) until release(). */
export class Stalls {
  #held = new Set<() => void>();

  /** Resolves at the next release(). */
  hold(): Promise<void> {
    return new Promise((resolve) => this.#held.add(resolve));
  }

  /** Lets every held answer go. */
  release(): void {
    const all = [...this.#held];
    this.#held.clear();
    for (const r of all) r();
  }
}
