import type { BackoffOptions } from "./backoff.ts";

/** How a venue's sockets reconnect and watch the line: the adapter's options, handed on to its account feed. */
export interface SocketTuning {
  /** Jitter source for reconnect backoff. */
  readonly random?: () => number;
  readonly backoff?: BackoffOptions;
  /** Inbound silence before the connection counts as stale and a ping goes out. */
  readonly staleAfterMs?: number;
  /** Inbound silence before the socket is dropped and reopened. */
  readonly deadAfterMs?: number;
  /** Client silence after which a ping goes out (venues that end a quiet session). */
  readonly keepaliveMs?: number;
  /** How long a subscription or request waits for its reply. */
  readonly replyTimeoutMs?: number;
}

/** Just the tuning of `o` (a venue's options hold much else, credentials among it). */
export function socketTuning(o: SocketTuning): SocketTuning {
  return {
    random: o.random,
    backoff: o.backoff,
    staleAfterMs: o.staleAfterMs,
    deadAfterMs: o.deadAfterMs,
    keepaliveMs: o.keepaliveMs,
    replyTimeoutMs: o.replyTimeoutMs,
  };
}
