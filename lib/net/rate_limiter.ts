import { systemTimers, type TimerHandle, type Timers } from "./timers.ts";

export interface TokenBucketOptions {
  /** Tokens the bucket holds when full: the burst allowed after a quiet period. */
  readonly capacity: number;
  /** Tokens added per second. */
  readonly refillPerSecond: number;
  readonly timers?: Timers;
}

interface Waiter {
  resolve(): void;
  reject(e: Error): void;
}

/** A client-side token bucket: `take()` resolves when a request may go out, in call order. */
export class TokenBucket {
  readonly capacity: number;
  readonly refillPerSecond: number;
  #timers: Timers;
  #tokens: number;
  #last: number;
  #waiters: Waiter[] = [];
  #timer: TimerHandle | null = null;
  #closed = false;

  constructor(opts: TokenBucketOptions) {
    if (!(opts.capacity >= 1) || !(opts.refillPerSecond > 0)) {
      throw new RangeError(
        `Cannot create token bucket: capacity ${opts.capacity} and refill ${opts.refillPerSecond}/s must be positive`,
      );
    }
    this.capacity = opts.capacity;
    this.refillPerSecond = opts.refillPerSecond;
    this.#timers = opts.timers ?? systemTimers;
    this.#tokens = opts.capacity;
    this.#last = this.#timers.now();
  }

  /** Tokens available now (fractional while refilling). */
  get tokens(): number {
    this.#refill();
    return this.#tokens;
  }

  /** Takes a token if one is available now and nobody is waiting. */
  tryTake(): boolean {
    this.#refill();
    if (this.#waiters.length > 0 || this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }

  /** Resolves once a token is taken; waiters are served first come, first served. */
  take(): Promise<void> {
    if (this.#closed) return Promise.reject(new TypeError("Cannot take a token: the bucket is closed"));
    if (this.tryTake()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.#waiters.push({ resolve, reject });
      this.#schedule();
    });
  }

  /** Rejects every waiter and stops the timer. */
  close(): void {
    this.#closed = true;
    if (this.#timer !== null) this.#timers.clearTimeout(this.#timer);
    this.#timer = null;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const w of waiters) w.reject(new TypeError("Cannot take a token: the bucket is closed"));
  }

  #refill(): void {
    const now = this.#timers.now();
    const elapsed = now - this.#last;
    if (elapsed > 0) {
      this.#tokens = Math.min(this.capacity, this.#tokens + (elapsed * this.refillPerSecond) / 1000);
      this.#last = now;
    }
  }

  #schedule(): void {
    if (this.#timer !== null || this.#waiters.length === 0) return;
    this.#refill();
    const wait = Math.max(0, Math.ceil(((1 - this.#tokens) * 1000) / this.refillPerSecond));
    this.#timer = this.#timers.setTimeout(() => {
      this.#timer = null;
      this.#serve();
    }, wait);
  }

  #serve(): void {
    this.#refill();
    while (this.#waiters.length > 0 && this.#tokens >= 1) {
      this.#tokens -= 1;
      this.#waiters.shift()!.resolve();
    }
    this.#schedule();
  }
}
