import {
  createPoloniex,
  type PoloniexExchange,
  type PoloniexOptions,
} from "../../../exchanges/poloniex/mod.ts";
import { FAKE_KEY, type FakeOptions, FakePoloniex } from "../../fakes/poloniex/server.ts";
import { FakeTimers } from "../../net/fake_timers.ts";
import { eventually } from "../../eventually.ts";
import { BookFollower } from "../book_follower.ts";

export interface Rig {
  readonly server: FakePoloniex;
  readonly timers: FakeTimers;
  readonly exchange: PoloniexExchange;
  [Symbol.asyncDispose](): Promise<void>;
}

/** Fast client-side limits for tests (the defaults are Poloniex's tiers). */
export const NO_LIMITS: PoloniexOptions["rates"] = {
  fast: { capacity: 10_000, refillPerSecond: 10_000 },
  orders: { capacity: 10_000, refillPerSecond: 10_000 },
  lists: { capacity: 10_000, refillPerSecond: 10_000 },
};

/** The adapter with the fake's key on the real clock, pointed at `server`: fast reconnects, no client-side limit. */
export function fastAdapter(server: FakePoloniex): PoloniexExchange {
  return createPoloniex({
    rest_url: server.restUrl,
    ws_url: server.wsUrl,
    ws_auth_url: server.wsAuthUrl,
    backoff: { baseMs: 20, maxMs: 200 },
    rates: NO_LIMITS,
    credentials: { key: () => FAKE_KEY.key, secret: () => FAKE_KEY.secret },
  });
}

/**
 * A fake Poloniex and an adapter pointed at it, both on one set of fake timers (the fake's 30-s idle rule
 * included); with `key`, the fake's API key. Dispose closes both.
 */
export function rig(
  opts: { fake?: FakeOptions; adapter?: PoloniexOptions; key?: boolean } = {},
): Rig {
  const timers = new FakeTimers(Date.parse("2023-02-25T23:47:56.253Z"));
  const server = FakePoloniex.start({ timers, ...opts.fake });
  const exchange = createPoloniex({
    rest_url: server.restUrl,
    ws_url: server.wsUrl,
    ws_auth_url: server.wsAuthUrl,
    timers,
    random: () => 0.5,
    backoff: { baseMs: 1000, maxMs: 8000 },
    rates: NO_LIMITS,
    credentials: opts.key ? { key: () => FAKE_KEY.key, secret: () => FAKE_KEY.secret } : undefined,
    ...opts.adapter,
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

/** Connects, subscribes to the BTC/USDT book and waits for the first snapshot. */
export async function followBook(r: Rig): Promise<BookFollower> {
  await r.exchange.connect();
  const inst = r.exchange.decoder.instrument("BTC/USDT")!;
  const follower = new BookFollower(r.exchange, inst, r.exchange.bookDepth(10));
  await r.exchange.subscribe({ symbol: "BTC/USDT", channels: ["book"], depth: 10 });
  await eventually(() => follower.snapshots === 1, "the first snapshot");
  return follower;
}

/** True when the follower's OrderBook and its reference book both equal the fake's top 20. */
export function sameBook(r: Rig, f: BookFollower): boolean {
  const top = JSON.stringify(r.server.book.top(20));
  const book = JSON.stringify({ bids: f.book.levels("bid"), asks: f.book.levels("ask") });
  const ref = JSON.stringify({ bids: f.ref.levels("bid"), asks: f.ref.levels("ask") });
  return book === top && ref === top;
}
