import type { ConnectionState } from "../core/events.ts";

/** Worst first: the merged state is the lowest of its parts. */
const RANK: Readonly<Record<ConnectionState, number>> = {
  down: 0,
  connecting: 1,
  resyncing: 2,
  stale: 3,
  connected: 4,
};

/**
 * The one connection state a venue adapter tells its owner: the market-data socket's, "resyncing" while that
 * socket is connected but a book awaits its fresh snapshot, and the worse of that and the account feed's
 * (with a key, when the feed has a socket of its own). Each change is told once.
 */
export class ConnectionStates {
  /** The market-data socket's state. */
  market: ConnectionState = "down";
  /** The account feed's state; null while there is none. */
  account: ConnectionState | null = null;
  #told: ConnectionState | null = null;

  /** The merged state when it differs from the last one told (it is told now), else null. */
  change(resyncing: boolean): ConnectionState | null {
    let state = this.market;
    if (state === "connected" && resyncing) state = "resyncing";
    const a = this.account;
    if (a !== null && RANK[a] < RANK[state]) state = a;
    if (state === this.#told) return null;
    this.#told = state;
    return state;
  }
}
