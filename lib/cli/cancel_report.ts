import { type CancelResult } from "./cancel_orders.ts";
import { EXIT, exitCodeOf } from "./exit_codes.ts";
import { ordersTable } from "./order_view.ts";
import { type Output, plural } from "./output.ts";

export interface CancelReport {
  readonly code: number;
  /** The `--json` object, `ok` included. */
  readonly value: Record<string, unknown>;
  /** stdout for people. */
  readonly text: string;
  /** One line per failure, for stderr. */
  readonly problems: readonly string[];
}

/**
 * What `cancel` and `cancel-all` print and exit with. Nothing failed (or nothing to cancel): ok, 0. Some
 * canceled and some not: `"ok": true` with the failures listed, 4. All failed: `"ok": false` with an error
 * (the one failure itself, or CancelFailed for several), and the exit code of the failures when they agree
 * (3 for a refused key), else 1.
 */
export function cancelReport(venue: string, results: readonly CancelResult[]): CancelReport {
  const canceled = results.flatMap((r) => ("canceled" in r ? [r.canceled] : []));
  const failures = results.flatMap((r) => ("failure" in r ? [{ id: r.id, ...r.failure }] : []));
  const failed = failures.map((f) => ({ id: f.id, reason: f.reason, kind: f.kind }));
  const problems = failures.map((f) => f.reason);
  const summary = failures.length === 0
    ? `canceled ${plural(canceled.length, "order")} on ${venue}`
    : `canceled ${plural(canceled.length, "order")} on ${venue}, ${failures.length} failed`;
  const text = canceled.length === 0 ? summary : `${summary}\n${ordersTable(canceled)}`;
  const body = { exchange: venue, canceled: canceled.length, failed, orders: canceled };
  if (failures.length === 0) return { code: EXIT.ok, value: { ok: true, ...body }, text, problems };
  if (canceled.length > 0) return { code: EXIT.partial, value: { ok: true, ...body }, text, problems };
  const codes = new Set(failures.map((f) => exitCodeOf(f.error)));
  const code = codes.size === 1 ? [...codes][0]! : EXIT.failure;
  const error = failures.length === 1 ? { kind: failures[0]!.kind, message: failures[0]!.reason } : {
    kind: "CancelFailed",
    message: `Cannot cancel ${plural(failures.length, "order")} on ${venue}: every cancel failed`,
  };
  return { code, value: { ok: false, error, ...body }, text, problems };
}

/** The report on stdout (one JSON line, or the text with each failure on stderr). */
export function printReport(
  output: Output,
  json: boolean,
  report: CancelReport,
): void {
  if (json) {
    output.out(JSON.stringify(report.value));
    return;
  }
  output.out(report.text);
  for (const p of report.problems) output.err(`pytrader: ${p}`);
}
