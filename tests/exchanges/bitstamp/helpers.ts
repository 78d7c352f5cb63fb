import { VerifiedBook } from "../../../lib/book/mod.ts";
import {
  type ConnectionState,
  type ExchangeEvent,
  type Instrument,
  type PriceLevel,
} from "../../../lib/core/mod.ts";
import {
  type BitstampExchange,
  type BitstampOptions,
  createBitstamp,
} from "../../../exchanges/bitstamp/mod.ts";
import { FAKE_KEY, FakeBitstamp } from "../../fakes/bitstamp/server.ts";
import { eventually } from "../../eventually.ts";

/** BTC/USD as the fake's markets/ answer describes it (tests/fakes/bitstamp/payloads.ts). */
export const BTC_USD: Instrument = {
  symbol: "BTC/USD",
  base: "BTC",
  quote: "USD",
  pricePrecision: 0,
  qtyPrecision: 8,
  priceIncrement: 1,
  minQty: 2000,
  minCost: "10",
  venueSymbol: "btcusd",
};

export interface Rig extends AsyncDisposable {
  readonly server: FakeBitstamp;
  readonly exchange: BitstampExchange;
}

/** The adapter pointed at `server`, with the fake's key, fast reconnects and no client-side limit in the way. */
export function fastAdapter(server: FakeBitstamp, opts: { key?: boolean } & Partial<BitstampOptions> = {}) {
  const { key, ...rest } = opts;
  return createBitstamp({
    rest_url: server.restUrl,
    ws_url: server.wsUrl,
    backoff: { baseMs: 20, maxMs: 200 },
    rate: {
      perSecond: { capacity: 10_000, refillPerSecond: 10_000 },
      perTenMinutes: { capacity: 100_000, refillPerSecond: 10_000 },
    },
    credentials: key === false ? undefined : { key: () => FAKE_KEY.key, secret: () => FAKE_KEY.secret },
    ...rest,
  });
}

/** The adapter (as fastAdapter makes it) pointed at a fresh fake. */
export function rig(
  opts: { seed?: number; levels?: number; key?: boolean } & Partial<BitstampOptions> = {},
): Rig {
  const { seed, levels, ...rest } = opts;
  const server = FakeBitstamp.start({ seed, levels });
  const exchange = fastAdapter(server, rest);
  return {
    server,
    exchange,
    async [Symbol.asyncDispose]() {
      await exchange.close();
      await server.close();
    },
  };
}

/** The first `depth` levels a side of a book as JSON: what "the same book" means in these tests. */
export function levelsKey(bids: readonly PriceLevel[], asks: readonly PriceLevel[], depth: number): string {
  return JSON.stringify([bids.slice(0, depth), asks.slice(0, depth)]);
}

/**
 * Follows an adapter's events as the Trader does: one VerifiedBook, untrusted on a reported loss or a
 * connection leaving "connected", resync() asked when the book itself shows it is wrong. Records every
 * book it showed as trusted (its top `watch` levels), so a test can prove no wrong book was ever shown.
 */
export class Follower {
  readonly book: VerifiedBook;
  readonly states: ConnectionState[] = [];
  readonly losses: string[] = [];
  readonly others: ExchangeEvent[] = [];
  /** Top `watch` levels of the book after each event that left it trusted. */
  readonly shown: string[] = [];
  snapshots = 0;
  updates = 0;
  readonly done: Promise<void>;

  constructor(
    readonly exchange: BitstampExchange,
    readonly inst: Instrument,
    depth: number,
    readonly watch = 20,
  ) {
    this.book = VerifiedBook.create(inst, depth, exchange);
    this.done = this.#run();
  }

  get trusted(): boolean {
    return this.book.trusted;
  }

  top(depth = this.watch): string {
    return levelsKey(this.book.book.levels("bid", depth), this.book.book.levels("ask", depth), depth);
  }

  async #run(): Promise<void> {
    for await (const ev of this.exchange.events()) {
      switch (ev.kind) {
        case "BookSnapshot":
        case "BookUpdate": {
          if (ev.kind === "BookSnapshot") this.snapshots++;
          else this.updates++;
          const loss = this.book.apply(ev);
          if (loss) {
            this.losses.push(`${loss.reason}: ${loss.detail}`);
            this.exchange.resync(ev.symbol).catch(() => {});
          }
          break;
        }
        case "BookIntegrityLost":
          this.losses.push(`${ev.reason}: ${ev.detail}`);
          this.book.lose();
          break;
        case "ConnectionChanged":
          this.states.push(ev.state);
          if (ev.state === "down" || ev.state === "connecting" || ev.state === "resyncing") this.book.lose();
          break;
        default:
          this.others.push(ev);
      }
      if (this.book.trusted && (ev.kind === "BookSnapshot" || ev.kind === "BookUpdate")) {
        this.shown.push(this.top());
      }
    }
  }
}

/** Connects, subscribes the book at `depth`, and waits for it to be trusted. */
export async function followBook(
  r: Rig,
  depth: number,
  channels: ("book" | "trades" | "ticker")[] = ["book"],
): Promise<Follower> {
  await r.exchange.connect();
  const inst = (await r.exchange.instruments()).find((i) => i.symbol === "BTC/USD")!;
  const f = new Follower(r.exchange, inst, r.exchange.bookDepth(depth));
  await r.exchange.subscribe({ symbol: "BTC/USD", channels, depth: r.exchange.bookDepth(depth) });
  await eventually(() => f.trusted, "a trusted BTC/USD book");
  return f;
}

/** The follower's book equals the fake's, top `depth` levels, and is trusted. */
export function sameBook(r: Rig, f: Follower, depth = 20): boolean {
  const s = r.server.top(depth);
  return f.trusted && f.top(depth) === levelsKey(s.bids, s.asks, depth);
}

/** Waits until the client has taken in every frame the fake sent. */
export async function settled(r: Rig): Promise<void> {
  await eventually(
    () => r.exchange.decoder.stats.frames >= r.server.framesSent,
    "every frame sent to arrive",
  );
}
