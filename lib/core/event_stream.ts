const DONE: IteratorReturnResult<undefined> = Object.freeze({ value: undefined, done: true });

/** What an adapter's `events()` hands out: events one by one, or everything queued at each wake-up. */
export interface EventSource<T> extends AsyncIterable<T> {
  /**
   * Everything pushed since the last batch, in order: one await per burst (a socket message's events
   * together) instead of one per event. A single consumer takes either batches or single events.
   */
  batches(): AsyncIterable<readonly T[]>;
  /**
   * Hands every burst to `onBatch`, synchronously, as soon as the pushing code has finished: no await per
   * burst at all. Resolves when the stream ends. An exception from `onBatch` ends the drain with it.
   */
  drain(onBatch: (batch: readonly T[]) => void): Promise<void>;
}

/**
 * A single-consumer async stream fed by push(): what adapters hand out as `events()`. Producers never wait;
 * events queue until the consumer takes them. Pushes made in one synchronous run (the events of one socket
 * message) reach a batch consumer together, after one microtask; a producer that ends its run with flush()
 * (or hands the whole burst to publish()) has it applied by a drain consumer inside that call.
 *
 * A drain consumer is never re-entered: what it pushes (or flushes) while it runs is delivered right after
 * the burst it is handling, in order, in the same call. Its exceptions end the drain and never reach the
 * producer.
 */
export class EventStream<T> implements EventSource<T> {
  #queue: T[] = [];
  #waiter: ((r: IteratorResult<T[]>) => void) | null = null;
  #scheduled = false;
  #closed = false;
  /** Items the one-by-one iterator has taken from the queue but not yet handed out. */
  #buffered = 0;
  /** False while the queue is an array a producer handed over with pushAll (copied before appending). */
  #owned = true;
  #drain: ((batch: readonly T[]) => void) | null = null;
  #drained: { resolve(): void; reject(e: unknown): void } | null = null;
  /** True while the drain consumer runs: pushes it makes are delivered by the running loop. */
  #delivering = false;

  push(item: T): void {
    if (this.#closed) return;
    if (!this.#owned) this.#own();
    this.#queue.push(item);
    this.#wake();
  }

  /** Pushes several items as one burst. The stream may keep `items` itself: do not change it afterwards. */
  pushAll(items: readonly T[]): void {
    if (this.#closed || items.length === 0) return;
    this.#append(items);
    this.#wake();
  }

  /**
   * pushAll() and flush() in one, for a producer that has a whole burst (a socket message's events): a drain
   * consumer applies it before this returns, and no microtask is scheduled for it. Other consumers get it as
   * from pushAll(). The stream may keep `items`: do not change it afterwards.
   */
  publish(items: readonly T[]): void {
    if (this.#closed) return;
    if (items.length > 0) this.#append(items);
    if (this.#drain) this.flush();
    else this.#wake();
  }

  /**
   * Delivers what is queued to a drain consumer now instead of after the current microtask: an adapter
   * calls it at the end of a socket message's handler, so the message's events are applied before the next
   * message. Without a drain consumer it does nothing; inside the drain consumer it leaves the delivery to the
   * running loop (after the burst being handled, in order).
   */
  flush(): void {
    if (this.#drain && !this.#delivering && this.#queue.length > 0) this.#run(this.#drain);
  }

  close(): void {
    this.#closed = true;
    if (this.#drain && this.#queue.length === 0) {
      this.#drain = null;
      this.#drained?.resolve();
    }
    if (this.#waiter && this.#queue.length === 0) {
      const w = this.#waiter;
      this.#waiter = null;
      w(DONE);
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
        next: (): Promise<IteratorResult<readonly T[]>> => this.#nextBatch(),
        return: () => {
          this.close();
          return Promise.resolve({ value: undefined, done: true });
        },
      }),
    };
  }

  drain(onBatch: (batch: readonly T[]) => void): Promise<void> {
    if (this.#waiter || this.#drain) {
      return Promise.reject(new TypeError("EventStream has a single consumer"));
    }
    return new Promise<void>((resolve, reject) => {
      this.#drain = onBatch;
      this.#drained = { resolve, reject };
      if (this.#queue.length > 0) this.#schedule();
      else if (this.#closed) {
        this.#drain = null;
        resolve();
      }
    });
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    let buffer: T[] = [];
    let i = 0;
    return {
      next: async (): Promise<IteratorResult<T>> => {
        while (i >= buffer.length) {
          const r = await this.#nextBatch();
          if (r.done) return DONE;
          const batch = r.value;
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

  #nextBatch(): Promise<IteratorResult<T[]>> {
    if (this.#queue.length > 0) return Promise.resolve({ value: this.#take(), done: false });
    if (this.#closed) return Promise.resolve(DONE);
    if (this.#waiter || this.#drain) {
      return Promise.reject(new TypeError("EventStream has a single consumer"));
    }
    return new Promise((resolve) => (this.#waiter = resolve));
  }

  #append(items: readonly T[]): void {
    if (this.#queue.length === 0) {
      this.#queue = items as T[];
      this.#owned = false;
    } else {
      if (!this.#owned) this.#own();
      for (const item of items) this.#queue.push(item);
    }
  }

  /** A waiting consumer gets the burst once the pushing code has finished (one microtask). */
  #wake(): void {
    if (!this.#scheduled && !this.#delivering && (this.#waiter || this.#drain)) this.#schedule();
  }

  #schedule(): void {
    this.#scheduled = true;
    queueMicrotask(this.#deliver);
  }

  readonly #deliver = (): void => {
    this.#scheduled = false;
    if (this.#queue.length === 0) return;
    if (this.#drain) {
      if (!this.#delivering) this.#run(this.#drain);
      return;
    }
    const w = this.#waiter;
    if (!w) return;
    this.#waiter = null;
    w({ value: this.#take(), done: false });
  };

  /** Hands the queue to the drain consumer until it is empty: what the consumer pushed meanwhile comes next. */
  #run(drain: (batch: readonly T[]) => void): void {
    this.#delivering = true;
    try {
      do drain(this.#take()); while (this.#queue.length > 0 && this.#drain === drain);
    } catch (e) {
      this.#drain = null;
      this.#drained?.reject(e);
      return;
    } finally {
      this.#delivering = false;
    }
    if (this.#closed && this.#queue.length === 0 && this.#drain === drain) {
      this.#drain = null;
      this.#drained?.resolve();
    }
  }

  #own(): void {
    this.#queue = [...this.#queue];
    this.#owned = true;
  }

  #take(): T[] {
    const batch = this.#queue;
    this.#queue = [];
    this.#owned = true;
    return batch;
  }
}
