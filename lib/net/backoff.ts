export interface BackoffOptions {
  /** Delay before the first retry, before jitter. */
  readonly baseMs: number;
  /** Upper bound of the delay, before jitter. */
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, maxMs: 30_000 };

/**
 * Delay before retry number `attempt` (0 = first): exponential growth capped at maxMs, with "equal
 * jitter": half the delay fixed, half random, so clients that dropped together do not return together.
 */
export function backoffDelay(
  attempt: number,
  opts: BackoffOptions,
  random: () => number = Math.random,
): number {
  const exp = opts.baseMs * 2 ** Math.min(attempt, 30);
  const cap = Math.min(opts.maxMs, exp);
  return Math.round(cap / 2 + (cap / 2) * random());
}
