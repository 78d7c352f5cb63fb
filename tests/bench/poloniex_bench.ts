/**
 * Poloniex book path (issue 16, "the same discipline for Poloniex books"): one `book_lv2` update of 1-3
 * level changes through the decoder (the book scanner, ticks, the lastId/id chain, the best prices the ticker needs) and
 * into a depth-20 OrderBook, against bare JSON.parse of the same frames in the same run; and the replay of a
 * recording of those frames.
 *
 *   deno bench --allow-all tests/bench/poloniex_bench.ts   Deno.bench groups, JSON.parse as the baseline
 *   deno run --allow-all tests/bench/poloniex_bench.ts     every figure as one JSON object (median of runs)
 *
 * Frames come from the fake venue's generator (tests/fakes/poloniex/book_gen.ts) in the recorded layout
 * (protocols.md §5.2.7): the top 20, levels leaving it as size "0", ids jumping by 1 to 5; every update's
 * chain is followed and checked.
 */
import { OrderBook } from "../../lib/book/mod.ts";
import type { BookSnapshot, BookUpdate } from "../../lib/core/mod.ts";
import { readLines, Replayer } from "../../lib/record/mod.ts";
import { createPoloniexDecoder, PoloniexDecoder } from "../../exchanges/poloniex/mod.ts";
import { marketsFromRest } from "../../exchanges/poloniex/rest_parse.ts";
import { FakeBook, prng } from "../fakes/poloniex/book_gen.ts";
import { bookFrame, documentedRest } from "../fakes/poloniex/server.ts";
import { median } from "./cpu_time.ts";

const utf8 = new TextEncoder();
const text = new TextDecoder();
/** A flat string, as a WebSocket message or a parsed NDJSON line is (not a concatenation tree). */
const flat = (s: string) => text.decode(utf8.encode(s));

interface Stream {
  readonly snapshot: string;
  readonly updates: string[];
}

/** A snapshot and `n` consecutive updates of the generated book, with the chain of ids. */
function stream(n: number, seed = 99): Stream {
  const book = new FakeBook(60, seed);
  const ids = prng(seed + 1);
  let id = 164148725;
  let t = 1677368876253;
  const snapshot = flat(bookFrame("snapshot", book.top(20), id - 1, id, t));
  const updates: string[] = [];
  while (updates.length < n) {
    const d = book.step();
    if (!d) continue;
    const last = id;
    id += 1 + Math.floor(ids() * 5);
    t += 3;
    updates.push(flat(bookFrame("update", d, last, id, t)));
  }
  return { snapshot, updates };
}

const MARKETS = marketsFromRest(documentedRest("GET /markets"));

/** The live path: decoder (chain, ticks, best prices) -> OrderBook of 20 (apply). */
class Pipeline {
  readonly decoder = new PoloniexDecoder();
  readonly book = new OrderBook(MARKETS[0]!.instrument, 20);
  #next = 0;

  constructor(readonly s: Stream) {
    this.decoder.setMarkets(MARKETS);
    this.frame(s.snapshot);
  }

  frame(data: string): void {
    const msg = this.decoder.decodeWs(data, 0);
    if (msg.type !== "events" || msg.events.length !== 1) {
      throw new Error(`not one book event: ${data.slice(0, 80)}`);
    }
    const ev = msg.events[0] as BookSnapshot | BookUpdate;
    if (ev.kind === "BookSnapshot") this.book.applySnapshot(ev.bids, ev.asks);
    else if (ev.kind === "BookUpdate") this.book.applyUpdate(ev.bids, ev.asks);
    else throw new Error(`the chain broke: ${JSON.stringify(ev)}`);
  }

  /** The next update; after the last one the stream starts over from its snapshot. */
  step(): void {
    if (this.#next === this.s.updates.length) {
      this.#next = 0;
      this.frame(this.s.snapshot);
    }
    this.frame(this.s.updates[this.#next++]!);
  }
}

const N_MESSAGES = 20_000;
/** Kept at 100,000 (Kraken's replay figure uses 200,000) while other agents share the machine. */
const REPLAY_MESSAGES = 100_000;
let cached: Stream | null = null;
const getStream = () => (cached ??= stream(N_MESSAGES));

{
  let j = 0;
  let sink = 0;
  Deno.bench("JSON.parse of a book_lv2 update", { group: "book_lv2 update", baseline: true }, () => {
    const s = getStream();
    sink += JSON.parse(s.updates[j++ % s.updates.length]!).data.length;
  });
  let p: Pipeline | null = null;
  Deno.bench("decode (chain, ticks) + apply to the depth-20 book", { group: "book_lv2 update" }, () => {
    p ??= new Pipeline(getStream());
    p.step();
  });
  if (sink < 0) throw new Error("unreachable");
}

// ---- figures for `deno run`

/** Median µs per message over `runs` passes of the whole stream, each pass interleaved with the baseline. */
function perMessage(s: Stream, runs: number): { pipeline: number; decoder: number; jsonParse: number } {
  const pipe: number[] = [];
  const dec: number[] = [];
  const json: number[] = [];
  let sink = 0;
  for (let r = 0; r < runs; r++) {
    const p = new Pipeline(s);
    let t0 = performance.now();
    for (let i = 0; i < s.updates.length; i++) p.frame(s.updates[i]!);
    pipe.push(((performance.now() - t0) * 1000) / s.updates.length);
    const d = new PoloniexDecoder();
    d.setMarkets(MARKETS);
    d.decodeWs(s.snapshot, 0);
    t0 = performance.now();
    for (let i = 0; i < s.updates.length; i++) sink += d.decodeWs(s.updates[i]!, 0).type.length;
    dec.push(((performance.now() - t0) * 1000) / s.updates.length);
    if (d.stats.gaps > 0) throw new Error("the chain broke");
    t0 = performance.now();
    for (let i = 0; i < s.updates.length; i++) sink += JSON.parse(s.updates[i]!).data.length;
    json.push(((performance.now() - t0) * 1000) / s.updates.length);
  }
  if (sink === 0) throw new Error("nothing parsed");
  return { pipeline: median(pipe), decoder: median(dec), jsonParse: median(json) };
}

/** Writes a recording like `pytrader record` makes: the markets answer, a snapshot, then the updates. */
async function writeRecording(path: string, s: Stream): Promise<void> {
  const markets = JSON.stringify(documentedRest("GET /markets"));
  const file = await Deno.open(path, { write: true, create: true, truncate: true });
  const line = (src: string, url: string, data: string) =>
    JSON.stringify({ t: 1677368876253, venue: "poloniex", src, url, data }) + "\n";
  const ws = "wss://ws.poloniex.com/ws/public";
  let buf = line("rest", "https://api.poloniex.com/markets", markets) + line("ws", ws, s.snapshot);
  for (const u of s.updates) {
    buf += line("ws", ws, u);
    if (buf.length > 1 << 20) {
      await file.write(utf8.encode(buf));
      buf = "";
    }
  }
  await file.write(utf8.encode(buf));
  file.close();
}

async function replay(path: string): Promise<{ ms: number; events: number; gaps: number }> {
  const decoder = createPoloniexDecoder();
  const replayer = new Replayer((v) => (v === "poloniex" ? decoder : undefined));
  const t0 = performance.now();
  for await (const l of readLines(path)) replayer.push(l);
  const ms = performance.now() - t0;
  return { ms, events: replayer.events, gaps: decoder.stats.gaps };
}

/** JSON.parse of every line and of its frame: the floor of any replay of the same file. */
async function parseOnly(path: string): Promise<number> {
  let sink = 0;
  const t0 = performance.now();
  for await (const l of readLines(path)) sink += JSON.parse(JSON.parse(l).data).data?.length ?? 0;
  const ms = performance.now() - t0;
  if (sink < 0) throw new Error("unreachable");
  return ms;
}

async function figures(): Promise<void> {
  const s = getStream();
  const changes = s.updates.map((u) => (u.match(/\["/g) ?? []).length);
  perMessage(s, 5); // warm-up
  const { pipeline, decoder, jsonParse } = perMessage(s, 15);
  const out: Record<string, unknown> = {
    messages: s.updates.length,
    levelChanges: { min: Math.min(...changes), max: Math.max(...changes) },
    avgBytes: Math.round(s.updates.reduce((a, u) => a + u.length, 0) / s.updates.length),
    pipelineUs: +pipeline.toFixed(3),
    decoderUs: +decoder.toFixed(3),
    jsonParseUs: +jsonParse.toFixed(3),
    ratioToJsonParse: +(pipeline / jsonParse).toFixed(2),
    decoderRatioToJsonParse: +(decoder / jsonParse).toFixed(2),
    messagesPerSecond: Math.round(1e6 / pipeline),
  };
  const path = await Deno.makeTempFile({ suffix: ".ndjson" });
  try {
    const n = await (async () => {
      const big = stream(REPLAY_MESSAGES, 7);
      await writeRecording(path, big);
      return big.updates.length;
    })();
    await parseOnly(path); // warm-up
    const floor = median([await parseOnly(path), await parseOnly(path), await parseOnly(path)]);
    const runs = [await replay(path), await replay(path), await replay(path)];
    const r = runs.sort((a, b) => a.ms - b.ms)[1]!;
    out.replay = {
      bookMessages: n,
      fileMB: Math.round((await Deno.stat(path)).size / 1e5) / 10,
      wallMs: Math.round(r.ms),
      jsonParseOfEveryLineAndFrameMs: Math.round(floor),
      ratioToJsonParse: +(r.ms / floor).toFixed(2),
      events: r.events,
      gaps: r.gaps,
    };
  } finally {
    await Deno.remove(path);
  }
  console.log(JSON.stringify(out, null, 2));
}

if (import.meta.main) await figures();
