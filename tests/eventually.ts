/**
 * The one way tests wait: polls `check` on the event loop until it returns a truthy value (which it
 * returns), and fails with `what` once `deadlineMs` has passed. Deadlines are generous on purpose: they
 * only bound a test that would otherwise hang, and must hold on a loaded 2-core machine. Never use a
 * deadline to assert speed (that is what tests/bench/ is for).
 */
export async function eventually<T>(
  check: () => T | Promise<T>,
  what: string,
  deadlineMs: number = DEFAULT_DEADLINE_MS,
): Promise<NonNullable<T>> {
  const end = performance.now() + deadlineMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
      last = undefined;
    } catch (e) {
      last = e;
    }
    if (performance.now() > end) {
      const why = last instanceof Error ? ` (last error: ${last.message})` : "";
      throw new Error(`Timed out after ${deadlineMs} ms waiting for ${what}${why}`);
    }
    await new Promise<void>((r) => setTimeout(r, POLL_MS));
  }
}

/** Long enough for a loaded machine: a passing test never comes near it. */
export const DEFAULT_DEADLINE_MS = 30_000;
const POLL_MS = 5;
