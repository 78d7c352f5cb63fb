/**
 * A single-consumer async stream fed by push(): what adapters hand out as `events()`.
 * Producers never wait; events queue until the consumer takes them.
 */
export class EventStream<T> implements AsyncIterable<T> {
  #queue: T[] = [];
  #head = 0;
  #waiting: ((r: IteratorResult<T>) => void) | null = null;
  #closed = false;

  push(item: T): void {
    if (this.#closed) return;
    const w = this.#waiting;
    if (w) {
      this.#waiting = null;
      w({ value: item, done: false });
      return;
    }
    this.#queue.push(item);
  }

  close(): void {
    this.#closed = true;
    const w = this.#waiting;
    if (w) {
      this.#waiting = null;
      w({ value: undefined, done: true });
    }
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Items queued and not yet taken. */
  get size(): number {
    return this.#queue.length - this.#head;
  }

  #next(): Promise<IteratorResult<T>> {
    if (this.#head < this.#queue.length) {
      const value = this.#queue[this.#head++]!;
      if (this.#head > 1024 && this.#head * 2 > this.#queue.length) {
        this.#queue = this.#queue.slice(this.#head);
        this.#head = 0;
      }
      return Promise.resolve({ value, done: false });
    }
    if (this.#closed) return Promise.resolve({ value: undefined, done: true });
    if (this.#waiting) return Promise.reject(new TypeError("EventStream has a single consumer"));
    return new Promise((resolve) => (this.#waiting = resolve));
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => this.#next(),
      return: () => {
        this.close();
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}
