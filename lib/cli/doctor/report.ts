import { EXIT } from "../exit_codes.ts";

export type CheckStatus = "ok" | "warn" | "fail";

/** One finding of `pytrader doctor`: what was checked, how it went in a line, and what to do about it. */
export interface Check {
  readonly name: string;
  readonly status: CheckStatus;
  readonly detail: string;
  /** The next step when not ok. */
  readonly fix?: string;
  /** The passphrase or the key was refused: the run exits 3. */
  readonly refused?: boolean;
}

export interface DoctorReport {
  readonly code: number;
  /** The `--json` object, `ok` included. */
  readonly value: Record<string, unknown>;
  readonly text: string;
}

/** Exit 0 when nothing failed (warnings allowed), 3 when a passphrase or key was refused, else 1. */
export function doctorReport(venue: string, config: string, checks: readonly Check[]): DoctorReport {
  const failed = checks.filter((c) => c.status === "fail");
  const code = failed.length === 0
    ? EXIT.ok
    : failed.some((c) => c.refused)
    ? EXIT.authentication
    : EXIT.failure;
  const list = checks.map(({ refused: _, ...c }) => c);
  const body = { exchange: venue, config, checks: list };
  const value = failed.length === 0 ? { ok: true, ...body } : {
    ok: false,
    error: {
      kind: code === EXIT.authentication ? "AuthenticationError" : "DoctorFailed",
      message: `${failed.length} of ${checks.length} checks failed: ${failed.map((c) => c.name).join(", ")}`,
    },
    ...body,
  };
  return { code, value, text: doctorText(venue, config, checks) };
}

/** One line per check (status, name, detail) with its fix indented below; a count at the end. */
function doctorText(venue: string, config: string, checks: readonly Check[]): string {
  const width = Math.max(...checks.map((c) => c.name.length));
  const lines = [`pytrader doctor: ${venue}, ${config}`];
  for (const c of checks) {
    lines.push(`${c.status.padEnd(4)}  ${c.name.padEnd(width)}  ${c.detail}`);
    if (c.fix && c.status !== "ok") lines.push(`${" ".repeat(width + 6)}fix: ${c.fix}`);
  }
  const count = (s: CheckStatus) => checks.filter((c) => c.status === s).length;
  lines.push(`${count("ok")} ok, ${count("warn")} warning(s), ${count("fail")} failed`);
  return lines.join("\n");
}
