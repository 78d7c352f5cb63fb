/**
 * The first of a fake's queued faults that `matches` this request, counted down: a fault applies to `times`
 * requests in a row (one by default) and leaves the queue when used up.
 */
export function takeFault<F extends { times?: number }>(
  faults: F[],
  matches: (f: F) => boolean,
): F | undefined {
  const i = faults.findIndex(matches);
  if (i < 0) return undefined;
  const f = faults[i]!;
  f.times = (f.times ?? 1) - 1;
  if (f.times <= 0) faults.splice(i, 1);
  return f;
}
