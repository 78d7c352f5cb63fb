/** What an adapter's `events()` hands out: events one by one, or everything queued at each wake-up. */
export interface EventSource<T> extends AsyncIterable<T> {
  /**
   * Everything pushed since the last batch, in order: one await per burst (a socket message's events
   * together) instead of one per event. A single consumer takes either batches or single events.
   */
  batches(): AsyncIterable<readonly T[]>;
}

/**
 * A single-consumer async stream fed by push(): what adapters hand out as `events()`. Producers never wait;
 * events queue until the consumer takes them. Pushes made in one synchronous run (the events of one socket
 * message) reach a batch consumer together, after one microtask.
 */
export class EventStream<T> implements EventSource<T> {
  #queue: T[] = [];
  #waiter: ((batch: T[] | null) => void) | null = null;
  #scheduled = false;
  #closed = false;
  /** Items the one-by-one iterator has taken from the queue but not yet handed out. */
  #buffered = 0;

  push(item: T): void {
    if (this.#closed) return;
    this.#queue.push(item);
    this.#wake();
  }

  /** Pushes several items as one burst. */
  pushAll(items: readonly T[]): void {
    if (this.#closed || items.length === 0) return;
    for (const item of items) this.#queue.push(item);
    this.#wake();
  }

  close(): void {
    this.#closed = true;
    if (this.#waiter && this.#queue.length === 0) {
      const w = this.#waiter;
      this.#waiter = null;
      w(null);
    }
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Items pushed and not yet handed to the consumer. */
  get size(): number {
    return this.#queue.length + this.#buffered;
  }

  batches(): AsyncIterable<readonly T[]> {
    return {
      [Symbol.asyncIterator]: () => ({
        next: async (): Promise<IteratorResult<readonly T[]>> => {
          const batch = await this.#nextBatch();
          return batch ? { value: batch, done: false } : { value: undefined, done: true };
        },
        return: () => {
          this.close();
          return Promise.resolve({ value: undefined, done: true });
        },
      }),
    };
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    let buffer: T[] = [];
    let i = 0;
    return {
      next: async (): Promise<IteratorResult<T>> => {
        while (i >= buffer.length) {
          const batch = await this.#nextBatch();
          if (!batch) return { value: undefined, done: true };
          buffer = batch;
          i = 0;
          this.#buffered = batch.length;
        }
        this.#buffered--;
        return { value: buffer[i++]!, done: false };
      },
      return: () => {
        this.close();
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }

  #nextBatch(): Promise<T[] | null> {
    if (this.#queue.length > 0) return Promise.resolve(this.#take());
    if (this.#closed) return Promise.resolve(null);
    if (this.#waiter) return Promise.reject(new TypeError("EventStream has a single consumer"));
    return new Promise((resolve) => (this.#waiter = resolve));
  }

  /** A waiting consumer gets the burst once the pushing code has finished (one microtask). */
  #wake(): void {
    if (!this.#waiter || this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      const w = this.#waiter;
      if (!w || this.#queue.length === 0) return;
      this.#waiter = null;
      w(this.#take());
    });
  }

  #take(): T[] {
    const batch = this.#queue;
    this.#queue = [];
    return batch;
  }
}
