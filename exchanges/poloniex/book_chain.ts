/**
 * The `book_lv2` id chain (protocols.md §5.2.2): a snapshot starts a book at its `id`; each update must name
 * the previous message's `id` as its `lastId`, and then its own `id` is the one to follow. Ids jump by more
 * than one, so only equality is checked, never `id == lastId + 1`. Updates before the first snapshot are
 * dropped, and so are all updates after a break until the next snapshot.
 */
export type ChainStep =
  /** Apply it. */
  | "ok"
  /** No snapshot yet (or one was asked for after a break): drop it quietly. */
  | "waiting"
  /** The chain broke here: the book is wrong from now on. */
  | "broken";

export class BookChain {
  /** Symbol -> id of the last message applied; null while waiting for a snapshot. */
  #last = new Map<string, string | null>();
  /** Symbol -> what broke, for the log. */
  readonly breaks = new Map<string, string>();

  snapshot(symbol: string, id: string): void {
    this.#last.set(symbol, id);
  }

  /** Checks an update of `symbol` and, when it follows, moves the chain on to its `id`. */
  update(symbol: string, lastId: string, id: string): ChainStep {
    const last = this.#last.get(symbol);
    if (last === undefined || last === null) return "waiting";
    if (lastId !== last) {
      this.#last.set(symbol, null);
      this.breaks.set(symbol, `update ${id} follows ${lastId}, but the last message was ${last}`);
      return "broken";
    }
    this.#last.set(symbol, id);
    return "ok";
  }

  /** Drops updates of `symbol` until its next snapshot (a resubscription, a reconnect). */
  await(symbol: string): void {
    this.#last.set(symbol, null);
  }

  /** The id the next update of `symbol` must follow; null while waiting, undefined if never seen. */
  last(symbol: string): string | null | undefined {
    return this.#last.get(symbol);
  }
}
