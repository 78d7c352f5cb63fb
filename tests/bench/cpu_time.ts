import process from "node:process";

/**
 * The process's CPU time in ms (user + system, every thread: GC helpers and file reads count). On a machine
 * shared with other work, wall time also counts the time other processes had the core; CPU time does not.
 */
export function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * A pause before each timed pass, so that the collector's background work left by the previous pass (the
 * process's CPU time counts its threads) is done outside the next one's timing.
 */
export const settle = (): Promise<unknown> => new Promise((resolve) => setTimeout(resolve, 25));

/** The middle value (the upper one of an even count). */
export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
