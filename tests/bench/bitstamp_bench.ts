/**
 * Bitstamp book path (issue 16, "the same discipline for Bitstamp books"): frames through the adapter's
 * decoder (parse, microtimestamp bridging, digests) and into the book, against bare JSON.parse of the same
 * frames in the same run.
 *
 *   deno bench --allow-all tests/bench/bitstamp_bench.ts   Deno.bench groups, JSON.parse as the baseline
 *   deno run --allow-all tests/bench/bitstamp_bench.ts     every figure as one JSON object (median of runs)
 *
 * Frames come from the fake venue's generator in Bitstamp's layout (tests/fakes/bitstamp/server.ts):
 * `order_book_btcusd` frames of the top 100 levels a side (top mode, the default up to depth 100), and
 * `diff_order_book_btcusd` frames of 1-3 changed levels each followed by the `order_book_btcusd` frame of
 * the same microtimestamp when the top 100 changed (diff mode: every frame applied, every top frame
 * checked against the local book's digest).
 */
import { OrderBook } from "../../lib/book/mod.ts";
import { formatTicks } from "../../lib/core/mod.ts";
import { BitstampDecoder, FULL_DEPTH } from "../../exchanges/bitstamp/mod.ts";
import { FakeBook, type Level } from "../fakes/kraken/book_gen.ts";
import { MARKETS } from "../fakes/bitstamp/payloads.ts";
import { instrumentsFromMarkets } from "../../exchanges/bitstamp/symbols.ts";
import { median } from "./cpu_time.ts";

const utf8 = new TextEncoder();
const text = new TextDecoder();
/** A flat string, as a WebSocket message is (not a concatenation tree). */
const flat = (s: string) => text.decode(utf8.encode(s));
const INST = instrumentsFromMarkets(MARKETS).find((i) => i.symbol === "BTC/USD")!;
const BIG = 1_000_000_000;

function frame(channel: string, micros: number, bids: readonly Level[], asks: readonly Level[]): string {
  const rows = (ls: readonly Level[]) =>
    "[" + ls.map((l) => `["${formatTicks(l.price, 0)}","${formatTicks(l.qty, 8)}"]`).join(",") + "]";
  return flat(
    `{"data":{"timestamp":"${Math.floor(micros / 1e6)}","microtimestamp":"${micros}","bids":${
      rows(bids)
    },"asks":${rows(asks)}},"channel":"${channel}","event":"data"}`,
  );
}

interface Stream {
  /** The REST snapshot the diff stream starts from. */
  readonly rest: string;
  /** WebSocket frames in arrival order. */
  readonly frames: string[];
  readonly diffs: number;
}

/** `n` top-100 frames (top mode). */
function topStream(n: number, seed = 99): Stream {
  const book = new FakeBook(0, 8, 400, seed, 300_000, 3);
  let micros = 1_789_456_316_507_635;
  const frames: string[] = [];
  while (frames.length < n) {
    if (!book.step([100]).get(100)) continue;
    const { bids, asks } = book.top(100);
    frames.push(frame("order_book_btcusd", ++micros, bids, asks));
  }
  return { rest: "", frames, diffs: 0 };
}

/** `n` diffs of 1-3 levels, each followed by its top frame when the top 100 changed (diff mode). */
function diffStream(n: number, seed = 99): Stream {
  const book = new FakeBook(0, 8, 400, seed, 300_000, 1);
  let micros = 1_789_456_316_507_635;
  const { bids, asks } = book.top(BIG);
  const rest = JSON.stringify({
    timestamp: String(Math.floor(micros / 1e6)),
    microtimestamp: String(micros),
    bids: bids.map((l) => [formatTicks(l.price, 0), formatTicks(l.qty, 8)]),
    asks: asks.map((l) => [formatTicks(l.price, 0), formatTicks(l.qty, 8)]),
  });
  const frames: string[] = [];
  let diffs = 0;
  while (diffs < n) {
    const m = book.step([100, BIG]);
    const d = m.get(BIG);
    if (!d) continue;
    micros++;
    frames.push(frame("diff_order_book_btcusd", micros, d.bids, d.asks));
    diffs++;
    if (m.get(100)) {
      const top = book.top(100);
      frames.push(frame("order_book_btcusd", micros, top.bids, top.asks));
    }
  }
  return { rest, frames, diffs };
}

/** The live path: decoder (parse, sync) -> OrderBook -> the digest check of each top frame (diff mode). */
class Pipeline {
  readonly decoder = new BitstampDecoder();
  readonly book: OrderBook;
  failed = 0;
  checks = 0;

  constructor(readonly s: Stream, readonly mode: "top" | "diff") {
    this.decoder.setInstruments([INST]);
    this.book = new OrderBook(INST, mode === "top" ? 100 : FULL_DEPTH);
    this.reset();
  }

  reset(): void {
    this.decoder.track(INST, this.mode);
    if (this.mode === "diff") this.#take(this.decoder.decodeRestBook(INST, this.s.rest).events);
  }

  frame(data: string): void {
    this.#take(this.decoder.decodeWs(data, 0).events);
  }

  #take(events: ReturnType<BitstampDecoder["decodeWs"]>["events"]): void {
    for (const ev of events) {
      if (ev.kind === "BookSnapshot") this.book.applySnapshot(ev.bids, ev.asks);
      else if (ev.kind === "BookUpdate") {
        this.book.applyUpdate(ev.bids, ev.asks);
        if (ev.checksum !== undefined) {
          this.checks++;
          if (this.decoder.verifyBook(INST, this.book, ev) !== null) this.failed++;
        }
      }
    }
  }
}

const N = 5_000;
let cache: { top: Stream; diff: Stream } | null = null;
const streams = () => (cache ??= { top: topStream(N), diff: diffStream(N) });

for (const mode of ["top", "diff"] as const) {
  const group = mode === "top" ? "order_book frames (top 100)" : "diff_order_book + order_book frames";
  let j = 0;
  let sink = 0;
  Deno.bench(`JSON.parse of a frame (${mode})`, { group, baseline: true }, () => {
    const s = streams()[mode];
    sink += JSON.parse(s.frames[j++ % s.frames.length]!).data.bids.length;
  });
  let p: Pipeline | null = null;
  let k = 0;
  Deno.bench(`decode + sync + apply${mode === "diff" ? " + check" : ""} (${mode})`, { group }, () => {
    const s = streams()[mode];
    p ??= new Pipeline(s, mode);
    if (k === s.frames.length) {
      k = 0;
      p.reset();
    }
    p.frame(s.frames[k++]!);
    if (p.failed > 0) throw new Error("a check failed");
  });
}

// ---- figures for `deno run`

/** Median µs per frame over `runs` passes of the whole stream, pipeline and bare JSON.parse. */
function perFrame(s: Stream, mode: "top" | "diff", runs: number) {
  const pipe: number[] = [];
  const json: number[] = [];
  let sink = 0;
  let p = new Pipeline(s, mode);
  for (let r = 0; r < runs; r++) {
    p = new Pipeline(s, mode);
    let t0 = performance.now();
    for (let i = 0; i < s.frames.length; i++) p.frame(s.frames[i]!);
    pipe.push(((performance.now() - t0) * 1000) / s.frames.length);
    t0 = performance.now();
    for (let i = 0; i < s.frames.length; i++) sink += JSON.parse(s.frames[i]!).data.bids.length;
    json.push(((performance.now() - t0) * 1000) / s.frames.length);
  }
  if (p.failed > 0 || sink === 0) throw new Error(`${p.failed} checks failed`);
  return { pipeline: median(pipe), jsonParse: median(json), checks: p.checks };
}

function figures(): void {
  const out: Record<string, unknown> = {};
  for (const mode of ["top", "diff"] as const) {
    const s = streams()[mode];
    perFrame(s, mode, 3); // warm-up
    const { pipeline, jsonParse, checks } = perFrame(s, mode, 11);
    out[mode] = {
      frames: s.frames.length,
      ...(mode === "diff" ? { diffs: s.diffs, checksPerPass: checks } : {}),
      avgBytes: Math.round(s.frames.reduce((a, f) => a + f.length, 0) / s.frames.length),
      pipelineUs: +pipeline.toFixed(3),
      jsonParseUs: +jsonParse.toFixed(3),
      ratioToJsonParse: +(pipeline / jsonParse).toFixed(2),
      framesPerSecond: Math.round(1e6 / pipeline),
    };
  }
  console.log(JSON.stringify(out, null, 2));
}

if (import.meta.main) figures();
