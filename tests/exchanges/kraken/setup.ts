import { createKraken, type KrakenExchange } from "../../../exchanges/kraken/mod.ts";
import { FakeKraken } from "../../fakes/kraken/server.ts";
import { FakeTimers } from "../../net/fake_timers.ts";
import { BookFollower } from "../book_follower.ts";
import { eventually } from "../../eventually.ts";

export interface Rig {
  readonly server: FakeKraken;
  readonly timers: FakeTimers;
  readonly exchange: KrakenExchange;
  [Symbol.asyncDispose](): Promise<void>;
}

/** A fake Kraken and an adapter pointed at it, on fake timers; dispose closes both. */
export function rig(opts: { seed?: number; levels?: number } = {}): Rig {
  const server = FakeKraken.start(opts);
  const timers = new FakeTimers();
  const exchange = createKraken({
    rest_url: server.restUrl,
    ws_url: server.wsUrl,
    timers,
    random: () => 0.5,
    backoff: { baseMs: 1000, maxMs: 8000 },
    staleAfterMs: 5000,
    deadAfterMs: 15000,
    restRate: { capacity: 1000, refillPerSecond: 1000 },
  });
  return {
    server,
    timers,
    exchange,
    async [Symbol.asyncDispose]() {
      await exchange.close();
      await server.close();
    },
  };
}

/** Connects, subscribes to the BTC/USD book at `depth` and waits for the first snapshot. */
export async function followBook(r: Rig, depth: number): Promise<BookFollower> {
  await r.exchange.connect();
  const inst = r.exchange.decoder.instrument("BTC/USD")!;
  const follower = new BookFollower(r.exchange, inst, r.exchange.bookDepth(depth));
  await r.exchange.subscribe({ symbol: "BTC/USD", channels: ["book"], depth });
  await eventually(() => follower.snapshots === 1, "the first snapshot");
  return follower;
}

/** True when the follower's OrderBook and its reference book both equal the venue's top levels. */
export function sameBook(r: Rig, f: BookFollower): boolean {
  const top = JSON.stringify(r.server.book.top(f.book.depth));
  const book = JSON.stringify({ bids: f.book.levels("bid"), asks: f.book.levels("ask") });
  const ref = JSON.stringify({ bids: f.ref.levels("bid"), asks: f.ref.levels("ask") });
  return book === top && ref === top;
}
