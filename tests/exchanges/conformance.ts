/**
 * One conformance suite for every venue, as hono runs one router suite against every router: each venue's
 * `conformance_test.ts` hands `runConformance` a rig (its adapter pointed at its fake server) and the suite
 * checks, through the Trader and the order engine a user's keys go through, what every venue must do. A venue
 * opts out of a case only with a written reason, printed as the test's name.
 */
import { assert, assertEquals } from "../assert.ts";
import { eventually } from "../eventually.ts";
import {
  canLookUpOrders,
  type Exchange,
  type Instrument,
  isFrameSource,
  isPaper,
  type PriceLevel,
  type RawFrame,
} from "../../lib/core/mod.ts";
import { div, fromTicks, parseDecimal, toTicks } from "../../lib/core/decimal.ts";
import { type OrderEngine, Trader } from "../../lib/engine/mod.ts";
import { Logger, MemorySink } from "../../lib/log/mod.ts";

/** A venue's adapter and its fake, with the fake's knobs in the venue's own terms. */
export interface ConformanceRig {
  /** The adapter with an API key for the fake, not yet connected. */
  readonly exchange: Exchange;
  /** The pair the fake serves. */
  readonly symbol: string;
  /** The fake's book now, best first, at most `depth` levels a side, in ticks of the pair. */
  serverBook(depth: number): Promise<{ bids: PriceLevel[]; asks: PriceLevel[] }>;
  /** The venue sends at least `n` book changes to every book subscriber. */
  moveBook(n: number): Promise<void>;
  /** The venue's own way to lose the book once: a wrong checksum, a skipped id, a stale snapshot. */
  breakBook(): Promise<void>;
  /** Every socket to the fake is dropped by the server. */
  dropConnections(): void;
  /** Only the account socket is dropped (venues whose account feed has a socket of its own). */
  dropAccountFeed?(): void;
  /** The next order is created at the venue, but its answer never reaches PyTrader. */
  loseNextOrderAnswer(): void;
  /** An order placed at the venue by someone else (another program, the website). */
  placeForeign(side: "buy" | "sell", price: number, qty: number): Promise<void>;
  /** Orders the venue holds open now, by client id ("" for none). */
  venueOpenOrders(): Promise<string[]>;
  close(): Promise<void>;
}

export type CaseName =
  | "instruments"
  | "book"
  | "integrity"
  | "reconnect"
  | "account feed drop"
  | "candles"
  | "trades"
  | "balances"
  | "orders"
  | "lost answer"
  | "foreign orders"
  | "frames"
  | "paper";

export interface VenueUnderTest {
  readonly name: string;
  rig(): Promise<ConformanceRig>;
  /** Book depth the Trader asks for. */
  readonly depth?: number;
  /** Cases this venue cannot run, each with the reason. */
  readonly optOut?: Partial<Record<CaseName, string>>;
  /** Wraps the rig's exchange for the paper case (exchanges/paper createPaper). */
  readonly paper?: (live: Exchange) => Exchange;
}

/** Registers one Deno.test per case for `venue`. */
export function runConformance(venue: VenueUnderTest): void {
  for (const [name, body] of Object.entries(CASES) as [CaseName, Case][]) {
    const why = venue.optOut?.[name];
    const title = `conformance ${venue.name}: ${name}`;
    if (why) {
      Deno.test({ name: `${title} (opted out: ${why})`, ignore: true, fn() {} });
      continue;
    }
    Deno.test({ name: title, sanitizeOps: false, sanitizeResources: false }, async () => {
      const rig = await venue.rig();
      try {
        await body(rig, venue);
      } finally {
        await rig.close();
      }
    });
  }
}

type Case = (rig: ConformanceRig, venue: VenueUnderTest) => Promise<void>;

interface Running {
  readonly trader: Trader;
  readonly log: string[];
  /** Connection states the Trader went through, in order. */
  readonly states: string[];
  stop(): Promise<void>;
}

async function startTrader(exchange: Exchange, rig: ConformanceRig, venue: VenueUnderTest): Promise<Running> {
  const sink = new MemorySink(10_000);
  const log: string[] = [];
  sink.onLine((r) => log.push(`${r.level} ${r.source}: ${r.message}`));
  const trader = new Trader(exchange, {
    symbol: rig.symbol,
    depth: venue.depth ?? 10,
    timeframe: 1,
    historyLimit: 50,
    log: new Logger([sink]).log("engine"),
    // a bound on a hang: a lost answer here is a dropped connection, settled at once, not a timeout
    replyTimeoutMs: 60_000,
  });
  const states: string[] = [];
  trader.onChange(() => {
    const s = trader.state.connection;
    if (states.at(-1) !== s) states.push(s);
  });
  await trader.start();
  await eventually(() => trader.state.bookStatus === "ok", `a verified ${rig.symbol} book on ${venue.name}`);
  return { trader, log, states, stop: () => trader.stop() };
}

/** A Trader on the venue for one case's body, stopped after it, whatever the body did. */
async function withTrader(
  exchange: Exchange,
  rig: ConformanceRig,
  venue: VenueUnderTest,
  body: (run: Running) => Promise<void>,
): Promise<void> {
  const run = await startTrader(exchange, rig, venue);
  try {
    await body(run);
  } finally {
    await run.stop();
  }
}

/** The Trader's book equals the fake's, level for level, at the depth it keeps. */
async function sameBook(rig: ConformanceRig, trader: Trader): Promise<boolean> {
  const book = trader.state.book;
  const depth = Math.min(book.depth, 20);
  const server = await rig.serverBook(depth);
  const mine = { bids: book.levels("bid", depth), asks: book.levels("ask", depth) };
  return trader.state.bookStatus === "ok" && JSON.stringify(mine) === JSON.stringify(server);
}

/** Whether the Trader's book status was ever one that `bad` names, from now until stop(). */
function watchBook(
  trader: Trader,
  bad: (status: string) => boolean,
): { readonly seen: boolean; stop(): void } {
  const watch = { seen: false, stop: () => {} };
  watch.stop = trader.onChange(() => {
    if (bad(trader.state.bookStatus)) watch.seen = true;
  });
  return watch;
}

/** A limit price 3 % below the best bid: rests, never fills, inside the engine's 10 % price band. */
function restingBuyTicks(trader: Trader): number {
  return Math.floor(trader.state.book.bestBid() * 0.97);
}

/** A buy of twice the venue's smallest order at `price` (ticks), through the order engine as the screen sends it. */
function buyAt(engine: OrderEngine, inst: Instrument, price: number) {
  return engine.submit({
    side: "buy",
    price: text(price, inst.pricePrecision),
    volume: minVolume(inst, price),
  });
}

/** Twice the smallest order the venue takes at `price` (ticks): its minimum size and its minimum cost. */
function minVolume(inst: Instrument, price: number): string {
  const forCost = toTicks(
    div(parseDecimal(inst.minCost), fromTicks(price, inst.pricePrecision), inst.qtyPrecision, "ceil"),
    inst.qtyPrecision,
  );
  return text(Math.max(inst.minQty, forCost, 1) * 2, inst.qtyPrecision);
}

function text(ticks: number, precision: number): string {
  const s = String(ticks).padStart(precision + 1, "0");
  return precision === 0 ? s : `${s.slice(0, -precision)}.${s.slice(-precision)}`;
}

const CASES: Record<CaseName, Case> = {
  async instruments(rig) {
    const all = await rig.exchange.instruments();
    const inst = all.find((i) => i.symbol === rig.symbol);
    assert(inst, `${rig.symbol} is among the venue's instruments`);
    assert(
      Number.isSafeInteger(inst.pricePrecision) && inst.pricePrecision >= 0 && inst.pricePrecision <= 18,
    );
    assert(Number.isSafeInteger(inst.qtyPrecision) && inst.qtyPrecision >= 0 && inst.qtyPrecision <= 18);
    assert(inst.priceIncrement >= 1, "the price step is at least one tick");
    assert(inst.minQty >= 0, "the minimum size is not negative");
  },

  async book(rig, venue) {
    await withTrader(rig.exchange, rig, venue, async (run) => {
      await rig.moveBook(300);
      await eventually(() => sameBook(rig, run.trader), "the book to equal the venue's after 300 changes");
      assertEquals(run.trader.resyncs, 0, run.log.filter((l) => l.startsWith("warn")).join("\n"));
    });
  },

  async integrity(rig, venue) {
    await withTrader(rig.exchange, rig, venue, async (run) => {
      const untrusted = watchBook(run.trader, (s) => s === "resyncing");
      await rig.breakBook();
      await rig.moveBook(5);
      await eventually(() => run.trader.resyncs > 0, "the broken book to be noticed");
      assert(untrusted.seen, "the book was shown untrusted until it healed");
      await rig.moveBook(50);
      await eventually(() => sameBook(rig, run.trader), "the book to heal and equal the venue's");
      untrusted.stop();
    });
  },

  async reconnect(rig, venue) {
    await withTrader(rig.exchange, rig, venue, async (run) => {
      const untrusted = watchBook(run.trader, (s) => s !== "ok");
      rig.dropConnections();
      await eventually(() => run.states.some((s) => s !== "connected"), "the dropped connection to show");
      await eventually(() => run.trader.state.connection === "connected", "the connection to come back");
      await rig.moveBook(50);
      await eventually(() => sameBook(rig, run.trader), "the resubscribed book to equal the venue's");
      assert(
        untrusted.seen,
        "the book was untrusted from the drop to the fresh snapshot (BookIntegrityLost)",
      );
      untrusted.stop();
    });
  },

  async "account feed drop"(rig, venue) {
    assert(rig.dropAccountFeed, "the rig can drop the account socket alone");
    await withTrader(rig.exchange, rig, venue, async (run) => {
      const untrusted = watchBook(run.trader, (s) => s !== "ok");
      rig.dropAccountFeed!(); // asserted above
      await eventually(() => run.states.some((s) => s !== "connected"), "the dropped account socket to show");
      await eventually(() => run.trader.state.connection === "connected", "the account socket to come back");
      await rig.moveBook(50);
      await eventually(() => sameBook(rig, run.trader), "the book to follow the venue's");
      assert(!untrusted.seen, "the market data never stopped: the book stayed trusted");
      assertEquals(run.trader.resyncs, 0);
      untrusted.stop();
    });
  },

  async candles(rig) {
    await rig.exchange.connect();
    const candles = await rig.exchange.candles(rig.symbol, { timeframe: 1, limit: 20 });
    assert(candles.length > 0 && candles.length <= 20, `1..20 candles, got ${candles.length}`);
    for (let i = 0; i < candles.length; i++) {
      const c = candles[i]!;
      assert(
        c.low <= Math.min(c.open, c.close) && c.high >= Math.max(c.open, c.close),
        "low <= open, close <= high",
      );
      assert(c.volume >= 0);
      if (i > 0) assert(c.time > candles[i - 1]!.time, "oldest first, one per minute at most");
    }
    await rig.exchange.close();
  },

  async trades(rig) {
    assert(rig.exchange.trades, "the venue lists public trades");
    const trades = await rig.exchange.trades(rig.symbol, 10);
    assert(trades.length > 0 && trades.length <= 10, `1..10 trades, got ${trades.length}`);
    for (let i = 1; i < trades.length; i++) assert(trades[i]!.time >= trades[i - 1]!.time, "oldest first");
    assert(trades.every((t) => t.price > 0 && t.qty > 0 && (t.side === "buy" || t.side === "sell")));
    await rig.exchange.close();
  },

  async balances(rig) {
    const balances = await rig.exchange.balances();
    const entries = Object.entries(balances);
    assert(entries.length > 0, "the account has balances");
    for (const [asset, amount] of entries) {
      assert(/^[A-Z0-9.]+$/.test(asset), `asset code ${asset} is normalised`);
      assert(/^\d+(\.\d+)?$/.test(amount), `${asset} amount ${amount} is decimal text`);
    }
    await rig.exchange.close();
  },

  async orders(rig, venue) {
    await withTrader(rig.exchange, rig, venue, async (run) => {
      const engine = await eventually(() => run.trader.engine, "the account");
      const inst = run.trader.state.instrument;
      const price = restingBuyTicks(run.trader);
      const { clientId, settled } = buyAt(engine, inst, price);
      const placed = await settled;
      assertEquals(placed.status, "open", placed.error);
      assert(placed.id !== "", "the venue gave it an id");
      assert((await rig.venueOpenOrders()).includes(clientId), "the venue holds it under our client id");
      if (canLookUpOrders(rig.exchange)) {
        const found = await rig.exchange.queryOrder({ symbol: inst.symbol, clientId });
        assertEquals(found?.status, "open");
        assertEquals(found?.clientId, clientId);
      }
      const canceled = await engine.cancel(clientId);
      assertEquals(canceled.status, "canceled");
      await eventually(async () => !(await rig.venueOpenOrders()).includes(clientId), "the venue to drop it");
    });
  },

  async "lost answer"(rig, venue) {
    await withTrader(rig.exchange, rig, venue, async (run) => {
      const engine = await eventually(() => run.trader.engine, "the account");
      const before = (await rig.venueOpenOrders()).length;
      rig.loseNextOrderAnswer();
      const inst = run.trader.state.instrument;
      const price = restingBuyTicks(run.trader);
      const { clientId, settled } = buyAt(engine, inst, price);
      // Unknown, or already open when the venue's account feed told of it before the answer was lost.
      const first = await settled;
      assert(
        first.status === "unknown" || first.status === "open",
        `a lost answer is never a rejection: ${first.status} (${first.error})`,
      );
      await engine.reconcile();
      assertEquals(engine.order(clientId)?.status, "open", "settled by its client id");
      const open = await rig.venueOpenOrders();
      assertEquals(open.length, before + 1, "exactly one order at the venue");
      assertEquals(open.filter((id) => id === clientId).length, 1, "never sent twice");
    });
  },

  async "foreign orders"(rig, venue) {
    await withTrader(rig.exchange, rig, venue, async (run) => {
      const engine = await eventually(() => run.trader.engine, "the account");
      const bid = run.trader.state.book.bestBid();
      await rig.placeForeign(
        "buy",
        Math.floor(bid * 0.96),
        Math.max(run.trader.state.instrument.minQty, 1) * 3,
      );
      await engine.reconcile();
      const foreign = await eventually(
        () => engine.orders().find((o) => o.owner === "foreign"),
        "the outside order to show as foreign",
      );
      assertEquals(foreign.status, "open");
    });
  },

  /**
   * `pytrader record` works for the venue and keeps the account out: its raw frames (FrameSource) carry the
   * market, never an answer about the account's orders (private REST, the account socket).
   */
  async frames(rig, venue) {
    const x = rig.exchange;
    assert(
      isFrameSource(x),
      `${venue.name} shows its raw frames (FrameSource), so that pytrader record works`,
    );
    const frames: RawFrame[] = [];
    const untap = x.onFrame((f) => frames.push(f));
    const run = await startTrader(x, rig, venue);
    let ids: string[] = [];
    try {
      const engine = await eventually(() => run.trader.engine, "the account");
      await x.balances();
      const inst = run.trader.state.instrument;
      const price = restingBuyTicks(run.trader);
      const { clientId, settled } = buyAt(engine, inst, price);
      const placed = await settled;
      assertEquals(placed.status, "open", placed.error);
      ids = [clientId, placed.id];
      assertEquals((await engine.cancel(clientId)).status, "canceled");
      const seen = frames.length;
      await rig.moveBook(3);
      await eventually(() => frames.length > seen, "market data frames after the order");
    } finally {
      untap();
      await run.stop();
    }
    const leaks = frames.filter((f) => ids.some((id) => f.data.includes(id)));
    assertEquals(leaks.map((f) => `${f.src} ${f.url}`), [], "no frame tells of the account's order");
  },

  async paper(rig, venue) {
    assert(venue.paper, "the venue names its paper wrapper");
    const paper = venue.paper(rig.exchange);
    assert(isPaper(paper));
    await withTrader(paper, rig, venue, async (run) => {
      const engine = await eventually(() => run.trader.engine, "the paper account");
      const sentBefore = await rig.venueOpenOrders();
      const inst = run.trader.state.instrument;
      const ask = run.trader.state.book.bestAsk();
      const { settled } = buyAt(engine, inst, ask);
      const o = await settled;
      assert(o.paper, "journalled as paper");
      await eventually(
        () => engine.order(o.clientId)?.status === "filled",
        "the paper order to fill locally",
      );
      assertEquals(await rig.venueOpenOrders(), sentBefore, "nothing was sent to the venue");
      await rig.moveBook(300);
      await eventually(() => sameBook(rig, run.trader), "the paper book to follow the venue's");
      assertEquals(run.trader.resyncs, 0, "the paper book verifies at the venue's streamed depth");
    });
  },
};
