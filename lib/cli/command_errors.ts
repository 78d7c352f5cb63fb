/** Outcomes of account commands that are not an error of the venue or of the input (exit code 1). */

/** An order was sent but its outcome is not known; the journal keeps it as unknown for reconciliation. */
export class OutcomeUnknown extends Error {
  override name = "OutcomeUnknown";
}

/** The venue's adapter cannot do what the command asks (e.g. no public trade history). */
export class NotSupported extends Error {
  override name = "NotSupported";
}
