import { TokenBucket } from "../../lib/net/rate_limiter.ts";
import type { Timers } from "../../lib/net/timers.ts";

/** A limit as a token bucket: the burst it allows and its sustained rate. */
export interface Rate {
  readonly capacity: number;
  readonly refillPerSecond: number;
}

/**
 * Bitstamp's default request limits (https://www.bitstamp.net/api/ "Request limits"; protocols.md §5.1.3):
 * 400 requests a second, and 10,000 per 10 minutes. Exceeding them answers 400.002.
 */
export const PER_SECOND: Rate = { capacity: 400, refillPerSecond: 400 };
export const PER_TEN_MINUTES: Rate = { capacity: 10_000, refillPerSecond: 10_000 / 600 };

/** Both limits at once, for every REST request of one adapter (public and private share them). */
export class BitstampRate {
  #short: TokenBucket;
  #long: TokenBucket;

  constructor(timers: Timers, short: Rate = PER_SECOND, long: Rate = PER_TEN_MINUTES) {
    this.#short = new TokenBucket({ ...short, timers });
    this.#long = new TokenBucket({ ...long, timers });
  }

  /** Resolves when a request may go out under both limits, in call order. */
  async take(): Promise<void> {
    await this.#long.take();
    await this.#short.take();
  }

  close(): void {
    this.#short.close();
    this.#long.close();
  }
}
