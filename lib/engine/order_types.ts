import type { Order, Side } from "../core/mod.ts";

/** What a user, command or strategy asks for; amounts as decimal text, never floats. */
export interface OrderRequest {
  readonly side: Side;
  /** Limit price as decimal text; null, "" or "0" = market order. */
  readonly price: string | null;
  /** Base quantity as decimal text. */
  readonly volume: string;
  /** Who places it: "ui" (default), "cli", "strategy:<name>". */
  readonly owner?: string;
  /** Ask the venue to validate only, placing nothing. */
  readonly validate?: boolean;
}

export interface OwnOrder extends Order {
  /** "ui" | "cli" | "strategy:<name>" | "foreign" (placed outside PyTrader, found at reconciliation). */
  readonly owner: string;
  readonly paper: boolean;
  /** The venue's or the engine's reason when rejected or unknown. */
  readonly error?: string;
  /**
   * The class of the error behind `error` when one was thrown ("AuthenticationError", "InvalidOrder",
   * "RequestTimeout"...), so a caller can act on the kind (the CLI's exit code) without the error object.
   */
  readonly errorKind?: string;
}

export interface SubmitResult {
  readonly clientId: string;
  readonly settled: Promise<OwnOrder>;
}

export const FOREIGN = "foreign";

const OWNER_RE = /^(ui|cli|strategy:[A-Za-z0-9_.-]{1,64})$/;

/** Checks an owner name; TypeError for anything but "ui", "cli" or "strategy:<name>". */
export function checkOwner(owner: string): string {
  if (!OWNER_RE.test(owner)) {
    throw new TypeError(`Order owner must be "ui", "cli" or "strategy:<name>", got ${JSON.stringify(owner)}`);
  }
  return owner;
}

/** Open, pending and unknown orders are live: they may still trade and they hold funds. */
export function isLive(o: Order): boolean {
  return o.status === "open" || o.status === "pending" || o.status === "unknown";
}
