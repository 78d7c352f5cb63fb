/**
 * The live path against the synchronous pipeline (issue 16), in one process and one run, in CPU time:
 *
 * - synchronous: each Kraken book frame through the adapter's decoder, then the Trader's verified book
 *   (apply, truncate, checksum) called directly;
 * - synchronous with turns: the same with one turn of the microtask queue between frames, as the event loop
 *   turns between socket messages (any consumer of a socket pays it);
 * - live: what the Kraken and Poloniex adapters' message handler does with each frame (decode, then
 *   lib/net MarketFeed's take() and flush(): with no book awaiting a snapshot, one publish() of the
 *   message's events), the loop turning between frames, consumed by a started Trader (its drain: apply,
 *   change report to a listener, as the screen has);
 * - live, push by push: the same with each event pushed to the EventStream and flush() at the end, as the
 *   adapters did before MarketFeed published (a microtask scheduled for the burst).
 *
 *   deno run --allow-all tests/bench/live_bench.ts     medians of interleaved passes as one JSON object
 */
import { VerifiedBook } from "../../lib/book/mod.ts";
import {
  AuthenticationError,
  type BookReader,
  type BookSnapshot,
  type BookUpdate,
  EventStream,
  type Exchange,
  type ExchangeEvent,
  type Instrument,
} from "../../lib/core/mod.ts";
import { Trader } from "../../lib/engine/mod.ts";
import { nullLog } from "../../lib/log/logger.ts";
import { MarketFeed, type MarketSub } from "../../lib/net/market_feed.ts";
import { systemTimers } from "../../lib/net/mod.ts";
import { KrakenDecoder } from "../../exchanges/kraken/mod.ts";
import { verifyKrakenBook } from "../../exchanges/kraken/verify.ts";
import { BTC_USD } from "../exchanges/kraken/helpers.ts";
import { type Stream, stream } from "./kraken_frames.ts";
import { cpuMs, median, settle } from "./cpu_time.ts";

const N = 20_000;
const RUNS = 9;

const verifier = {
  verifyBook: (_i: Instrument, book: BookReader, ev: BookSnapshot | BookUpdate) => verifyKrakenBook(book, ev),
};

/** A venue whose events are what the bench pushes: the Trader's side of an adapter, nothing else. */
class BenchVenue implements Exchange {
  readonly venue = "kraken";
  constructor(readonly stream: EventStream<ExchangeEvent>) {}
  instruments = () => Promise.resolve([BTC_USD]);
  connect = () => Promise.resolve();
  subscribe = () => Promise.resolve();
  events = () => this.stream;
  ticker = () => Promise.reject(new Error("not in the bench"));
  book = () => Promise.reject(new Error("not in the bench"));
  candles = () => Promise.resolve([]);
  balances = () => Promise.reject(new AuthenticationError("no account in the bench"));
  openOrders = () => Promise.resolve([]);
  placeOrder = () => Promise.reject(new Error("not in the bench"));
  cancelOrder = () => Promise.reject(new Error("not in the bench"));
  close = () => {
    this.stream.close();
    return Promise.resolve();
  };
  verifyBook = verifier.verifyBook;
}

function decoder(): KrakenDecoder {
  const d = new KrakenDecoder();
  d.setInstruments([BTC_USD]);
  return d;
}

function events(d: KrakenDecoder, frame: string): readonly ExchangeEvent[] {
  const msg = d.decodeWs(frame, 0);
  if (msg.type !== "events") throw new Error(`not a book frame: ${frame.slice(0, 60)}`);
  return msg.events;
}

/** One turn of the event loop's microtasks, as between two socket messages. */
const turn = () => new Promise<void>((resolve) => queueMicrotask(resolve));

function synchronous(s: Stream): number {
  const d = decoder();
  const vb = VerifiedBook.create(BTC_USD, s.depth, verifier);
  vb.apply(events(d, s.snapshot)[0] as BookSnapshot);
  const t0 = cpuMs();
  for (const f of s.updates) {
    for (const ev of events(d, f)) {
      if ((ev.kind === "BookSnapshot" || ev.kind === "BookUpdate") && vb.apply(ev)) throw new Error("failed");
    }
  }
  return cpuMs() - t0;
}

/** The synchronous pipeline with the event loop turning between frames, as live has it: what the turns cost. */
async function synchronousWithTurns(s: Stream): Promise<number> {
  const d = decoder();
  const vb = VerifiedBook.create(BTC_USD, s.depth, verifier);
  vb.apply(events(d, s.snapshot)[0] as BookSnapshot);
  const t0 = cpuMs();
  for (const f of s.updates) {
    for (const ev of events(d, f)) {
      if ((ev.kind === "BookSnapshot" || ev.kind === "BookUpdate") && vb.apply(ev)) throw new Error("failed");
    }
    await turn();
  }
  return cpuMs() - t0;
}

function marketFeed(): MarketFeed<MarketSub> {
  return new MarketFeed<MarketSub>({
    name: "Kraken",
    timers: systemTimers,
    log: nullLog,
    isBook: () => true,
    resubscribe: () => Promise.resolve(),
    down() {},
  });
}

/** The adapters' #onMessage for book frames (exchanges/kraken/adapter.ts): decode, then the feed's take. */
function onMessage(d: KrakenDecoder, feed: MarketFeed<MarketSub>, f: string): void {
  const msg = d.decodeWs(f, 0);
  if (msg.type !== "events") throw new Error(`not a book frame: ${f.slice(0, 60)}`);
  feed.take(msg.events);
  feed.flush();
}

/** The same, push by push with a flush at the end, as the adapters had it before the feed published. */
function onMessagePushed(
  d: KrakenDecoder,
  stream: EventStream<ExchangeEvent>,
  awaiting: Set<string>,
  f: string,
): void {
  const msg = d.decodeWs(f, 0);
  if (msg.type !== "events") throw new Error(`not a book frame: ${f.slice(0, 60)}`);
  for (const ev of msg.events) {
    if (ev.kind === "BookUpdate" && awaiting.has(ev.symbol)) continue;
    if (ev.kind === "BookSnapshot") awaiting.delete(ev.symbol);
    stream.push(ev);
  }
  stream.flush();
}

async function live(s: Stream, pushed: boolean): Promise<number> {
  const d = decoder();
  const awaiting = new Set<string>();
  const feed = marketFeed();
  const venue = new BenchVenue(feed.events);
  const trader = new Trader(venue, { symbol: "BTC/USD", depth: s.depth, timeframe: 1 });
  let changes = 0;
  trader.onChange(() => changes++);
  await trader.start();
  venue.stream.pushAll(events(d, s.snapshot));
  while (trader.state.bookStatus !== "ok") await turn();
  const last = s.updates.length;
  const t0 = cpuMs();
  for (const f of s.updates) {
    if (pushed) onMessagePushed(d, venue.stream, awaiting, f);
    else onMessage(d, feed, f);
    await turn();
  }
  while (venue.stream.size > 0) await turn();
  const ms = cpuMs() - t0;
  if (trader.resyncs > 0 || trader.state.bookStatus !== "ok") {
    throw new Error("the live book failed to verify");
  }
  if (changes < last / 10) throw new Error(`only ${changes} change reports for ${last} frames`);
  await trader.stop();
  return ms;
}

const out: Record<string, unknown> = { messages: N, runs: RUNS };
for (const depth of [100, 1000]) {
  const s = stream(depth, N);
  const sync: number[] = [];
  const turns: number[] = [];
  const lv: number[] = [];
  const pushed: number[] = [];
  // One pass of each unmeasured first, so the first depth measured is not the one the JIT warms up on.
  for (let r = -1; r < RUNS; r++) {
    await settle();
    const times = [synchronous(s)];
    await settle();
    times.push(await synchronousWithTurns(s));
    await settle();
    times.push(await live(s, false));
    await settle();
    times.push(await live(s, true));
    if (r < 0) continue;
    sync.push(times[0]!);
    turns.push(times[1]!);
    lv.push(times[2]!);
    pushed.push(times[3]!);
  }
  const [a, t, b, p] = [median(sync), median(turns), median(lv), median(pushed)];
  const per = (ms: number) => +((ms * 1000) / N).toFixed(3);
  out[`depth${depth}`] = {
    synchronousUsPerMessage: per(a),
    synchronousWithTurnsUsPerMessage: per(t),
    liveUsPerMessage: per(b),
    liveOverSynchronous: +(b / a).toFixed(3),
    liveOverSynchronousWithTurns: +(b / t).toFixed(3),
    livePushByPushUsPerMessage: per(p),
    livePushByPushOverSynchronous: +(p / a).toFixed(3),
    livePushByPushOverSynchronousWithTurns: +(p / t).toFixed(3),
  };
}
console.log(JSON.stringify(out));
