import type { BookIntegrityLost } from "./events.ts";

/**
 * A book lost with its connection: untrusted until the fresh snapshot the resubscription brings after the
 * reconnect. `connection` names what dropped ("the market data connection"); `why` is the socket's reason.
 */
export function reconnectLoss(
  symbol: string,
  connection: string,
  why: string,
  time: number,
): BookIntegrityLost {
  return {
    kind: "BookIntegrityLost",
    symbol,
    reason: "reconnect",
    detail: `${connection} was lost (${why}); the book comes again after the reconnect`,
    time,
  };
}
