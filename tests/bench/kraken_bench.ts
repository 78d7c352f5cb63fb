/**
 * Kraken book path (issues 4 and 16): parse + apply + truncate + verify one WS v2 book message of 1-3 level
 * changes at depth 100 and 1000, against bare JSON.parse of the same frames and against ccxt's Kraken book
 * handler fed the same frames, in the same run; the checksum's own cost; `pytrader replay` of 200,000
 * recorded messages against JSON.parse of the same frames; a depth-1000 snapshot; memory during a replay.
 *
 *   deno bench --allow-all tests/bench/kraken_bench.ts   Deno.bench groups, JSON.parse as the baseline
 *   deno run --allow-all tests/bench/kraken_bench.ts     every figure as one JSON object (medians of
 *                                                        interleaved runs, in CPU time)
 *   ... kraken_bench.ts --book-only                      the per-message figures only (no snapshot, no
 *                                                        replay): about 25 s instead of 80
 *
 * Frames come from the fake venue's generator (kraken_frames.ts): Kraken's layout, full precision numbers,
 * correct checksums; every checksum is verified during the runs. ccxt (pinned in deno.json, imported by
 * this bench only) is measured on its real inbound path: `client.onMessage({ data })` of a ccxt.pro.kraken
 * WebSocket client that never connects, which does ccxt's JSON.parse of the frame and calls
 * kraken.handleMessage -> handleOrderBook (its checksum option is off by default: it verifies nothing).
 */
import ccxt from "ccxt";
import { OrderBook } from "../../lib/book/mod.ts";
import type { BookReader, BookSnapshot, BookUpdate } from "../../lib/core/mod.ts";
import { replayFile } from "../../lib/record/mod.ts";
import { createKrakenDecoder, krakenChecksum, KrakenDecoder } from "../../exchanges/kraken/mod.ts";
import { krakenChecksumFull } from "../../exchanges/kraken/checksum.ts";
import { BTC_USD } from "../exchanges/kraken/helpers.ts";
import { recordedFrames, type Stream, stream, writeRecording } from "./kraken_frames.ts";
import { cpuMs, median, settle } from "./cpu_time.ts";

const decoderFor = (v: string) => (v === "kraken" ? createKrakenDecoder() : undefined);

/** The live path: decoder (fast scanner) -> OrderBook (apply, truncate) -> checksum compare. */
class Pipeline {
  readonly decoder = new KrakenDecoder();
  readonly book: OrderBook;
  failed = 0;
  #next = 0;

  constructor(readonly s: Stream, readonly checksum: ((b: BookReader) => number) | null = krakenChecksum) {
    this.decoder.setInstruments([BTC_USD]);
    this.book = new OrderBook(BTC_USD, s.depth);
    this.frame(s.snapshot);
  }

  frame(data: string): void {
    const msg = this.decoder.decodeWs(data, 0);
    if (msg.type !== "events") throw new Error(`not a book frame: ${data.slice(0, 80)}`);
    const ev = msg.events[0] as BookSnapshot | BookUpdate;
    if (ev.kind === "BookSnapshot") this.book.applySnapshot(ev.bids, ev.asks);
    else this.book.applyUpdate(ev.bids, ev.asks);
    if (this.checksum !== null && this.checksum(this.book) !== ev.checksum) this.failed++;
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

const WS_URL = "wss://ws.kraken.com/v2";

/** ccxt.pro.kraken's inbound path for one socket, never connected. */
class Ccxt {
  // deno-lint-ignore no-explicit-any
  readonly exchange: any = new ccxt.pro.kraken();
  // deno-lint-ignore no-explicit-any
  readonly client: any = this.exchange.client(WS_URL);
  #next = 0;

  constructor(readonly s: Stream) {
    this.frame(s.snapshot);
  }

  frame(data: string): void {
    this.client.onMessage({ data });
  }

  /** Its handler alone, on a frame already parsed. */
  handle(message: unknown): void {
    this.exchange.handleMessage(this.client, message);
  }

  step(): void {
    if (this.#next === this.s.updates.length) {
      this.#next = 0;
      this.frame(this.s.snapshot);
    }
    this.frame(this.s.updates[this.#next++]!);
  }

  /** Best bid and ask of ccxt's book, [price, amount] each. */
  best(): [number[], number[]] {
    const ob = this.exchange.orderbooks["BTC/USD"];
    return [ob.bids[0], ob.asks[0]];
  }
}

const N_MESSAGES = 20_000;
let streams: Map<number, Stream> | null = null;
function getStream(depth: number): Stream {
  streams ??= new Map([100, 1000].map((d) => [d, stream(d, N_MESSAGES)]));
  return streams.get(depth)!;
}

for (const depth of [100, 1000]) {
  const group = `book message depth ${depth}`;
  let j = 0;
  let sink = 0;
  Deno.bench(`JSON.parse of a book message (depth ${depth})`, { group, baseline: true }, () => {
    const s = getStream(depth);
    sink += JSON.parse(s.updates[j++ % s.updates.length]!).data.length;
  });
  let p: Pipeline | null = null;
  Deno.bench(`parse + apply + truncate + verify (depth ${depth})`, { group }, () => {
    p ??= new Pipeline(getStream(depth));
    p.step();
    if (p.failed > 0) throw new Error("checksum failed");
  });
  let c: Ccxt | null = null;
  Deno.bench(`ccxt kraken client.onMessage, nothing verified (depth ${depth})`, { group }, () => {
    c ??= new Ccxt(getStream(depth));
    c.step();
  });
}

Deno.bench("depth-1000 snapshot parsed, applied and verified", { group: "snapshot" }, () => {
  const p = new Pipeline(getStream(1000));
  if (p.failed > 0) throw new Error("checksum failed");
});

// ---- figures for `deno run`

const us = (ms: number, n: number) => +((ms * 1000) / n).toFixed(3);

/** Median µs per message over `runs` interleaved passes of the whole stream, for each way of reading it. */
async function perMessage(s: Stream, runs: number) {
  const ways = {
    jsonParse: [] as number[],
    pipeline: [] as number[],
    noChecksum: [] as number[],
    fullChecksum: [] as number[],
    ccxt: [] as number[],
    ccxtHandlerOnly: [] as number[],
  };
  const pipe = new Pipeline(s);
  const bare = new Pipeline(s, null);
  const full = new Pipeline(s, krakenChecksumFull);
  const cc = new Ccxt(s);
  const parsed = s.updates.map((u) => JSON.parse(u));
  const snapshot = JSON.parse(s.snapshot);
  const n = s.updates.length;
  let sink = 0;
  const time = async (fn: () => void) => {
    await settle();
    const t0 = cpuMs();
    fn();
    return us(cpuMs() - t0, n);
  };
  for (let r = 0; r < runs; r++) {
    ways.jsonParse.push(
      await time(() => {
        for (let i = 0; i < n; i++) sink += JSON.parse(s.updates[i]!).data.length;
      }),
    );
    for (const [name, p] of [["pipeline", pipe], ["noChecksum", bare], ["fullChecksum", full]] as const) {
      p.frame(s.snapshot);
      ways[name].push(
        await time(() => {
          for (let i = 0; i < n; i++) p.frame(s.updates[i]!);
        }),
      );
    }
    cc.frame(s.snapshot);
    ways.ccxt.push(
      await time(() => {
        for (let i = 0; i < n; i++) cc.frame(s.updates[i]!);
      }),
    );
    // handleOrderBook keeps the parsed levels: fresh copies each run, made outside the timing.
    const copies = structuredClone(parsed);
    cc.handle(structuredClone(snapshot));
    ways.ccxtHandlerOnly.push(
      await time(() => {
        for (let i = 0; i < n; i++) cc.handle(copies[i]);
      }),
    );
  }
  if (pipe.failed + full.failed > 0 || sink === 0) throw new Error("checksum failures");
  // Both books end where the stream ends.
  const [bid, ask] = cc.best();
  if (
    Math.round(bid![0]! * 10) !== pipe.book.bestBid() || Math.round(ask![0]! * 10) !== pipe.book.bestAsk()
  ) {
    throw new Error("ccxt's book and ours disagree");
  }
  const m = Object.fromEntries(Object.entries(ways).map(([k, v]) => [k, median(v)])) as Record<
    keyof typeof ways,
    number
  >;
  return {
    jsonParseUs: m.jsonParse,
    pipelineUs: m.pipeline,
    ratioToJsonParse: +(m.pipeline / m.jsonParse).toFixed(2),
    messagesPerSecond: Math.round(1e6 / m.pipeline),
    checksum: {
      incrementalUs: +median(ways.pipeline.map((t, r) => t - ways.noChecksum[r]!)).toFixed(3),
      fullUs: +median(ways.fullChecksum.map((t, r) => t - ways.noChecksum[r]!)).toFixed(3),
      note: "median over runs of: the pipeline with that checksum minus the pipeline without one",
    },
    ccxt: {
      onMessageUs: m.ccxt,
      handlerOnlyUs: m.ccxtHandlerOnly,
      oursFasterBy: +(m.ccxt / m.pipeline).toFixed(2),
    },
  };
}

function snapshotMs(s: Stream, runs: number): number {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = cpuMs();
    const p = new Pipeline(s);
    times.push(cpuMs() - t0);
    if (p.failed > 0) throw new Error("snapshot checksum failed");
  }
  return median(times);
}

/** `pytrader replay` in process (replayFile, what the command runs) against JSON.parse of the same frames. */
async function replayFigures(depth: number, runs: number, dir: string) {
  const frames = recordedFrames(getStream(depth), 10);
  const path = `${dir}/kraken-${depth}.ndjson`;
  const oldPath = `${dir}/kraken-${depth}-old.ndjson`;
  await writeRecording(path, depth, frames);
  await writeRecording(oldPath, depth, frames, true);
  const replay: number[] = [];
  const old: number[] = [];
  const parse: number[] = [];
  let report = null;
  let sink = 0;
  for (let r = 0; r < runs; r++) {
    await settle();
    let t0 = cpuMs();
    report = await replayFile(path, decoderFor);
    replay.push(cpuMs() - t0);
    await settle();
    t0 = cpuMs();
    for (let i = 0; i < frames.length; i++) sink += JSON.parse(frames[i]!).data.length;
    parse.push(cpuMs() - t0);
    await settle();
    t0 = cpuMs();
    const r2 = await replayFile(oldPath, decoderFor);
    old.push(cpuMs() - t0);
    if (JSON.stringify({ ...r2, elapsedMs: 0 }) !== JSON.stringify({ ...report, elapsedMs: 0 })) {
      throw new Error("the old format replays differently");
    }
  }
  if (!report || report.checksum.failed > 0 || report.malformed > 0 || sink === 0) {
    throw new Error(`replay failed: ${JSON.stringify(report)}`);
  }
  const n = frames.length;
  return {
    path,
    figures: {
      messages: n,
      fileMB: Math.round((await Deno.stat(path)).size / 1e5) / 10,
      replayUs: us(median(replay), n),
      jsonParseUs: us(median(parse), n),
      ratioToJsonParse: +(median(replay) / median(parse)).toFixed(2),
      replayCpuMs: Math.round(median(replay)),
      replayWallMs: report.elapsedMs,
      oldFormat: {
        fileMB: Math.round((await Deno.stat(oldPath)).size / 1e5) / 10,
        replayUs: us(median(old), n),
      },
      report,
    },
  };
}

/**
 * A fresh `pytrader replay FILE --json` (main.ts): its wall time; then, in a script of its own run with
 * --expose-gc, the heap left after a full collection every 20,000 lines of the same replay.
 */
async function replayProcess(path: string, dir: string): Promise<Record<string, unknown>> {
  const main = new URL("../../main.ts", import.meta.url).pathname;
  const t0 = performance.now();
  const res = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", main, "replay", path, "--json", "--config", `${dir}/pytrader.ini`],
    stdout: "piped",
    stderr: "inherit",
  }).output();
  const wallMs = Math.round(performance.now() - t0);
  if (!res.success) throw new Error("pytrader replay failed");
  const out = JSON.parse(new TextDecoder().decode(res.stdout));

  const script = `${dir}/heap.ts`;
  const lib = (p: string) => new URL(p, import.meta.url).href;
  await Deno.writeTextFile(
    script,
    `import { readLineChunks, Replayer } from "${lib("../../lib/record/mod.ts")}";
import { createKrakenDecoder } from "${lib("../../exchanges/kraken/mod.ts")}";
const gc = (globalThis as unknown as { gc: () => void }).gc;
const replayer = new Replayer((v: string) => (v === "kraken" ? createKrakenDecoder() : undefined));
const heap: number[] = [];
let next = 20_000;
for await (const text of readLineChunks(Deno.args[0])) {
  replayer.pushLines(text);
  if (replayer.frames >= next) {
    next += 20_000;
    gc();
    heap.push(Math.round(Deno.memoryUsage().heapUsed / 1e5) / 10);
  }
}
console.log(JSON.stringify(heap));`,
  );
  const heap = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--v8-flags=--expose-gc", script, path],
    stdout: "piped",
    stderr: "inherit",
  }).output();
  if (!heap.success) throw new Error("heap probe failed");
  return {
    wallMs,
    frameLoopMs: out.elapsedMs,
    retainedHeapMBEvery20kLines: JSON.parse(new TextDecoder().decode(heap.stdout)),
  };
}

async function figures(): Promise<void> {
  const out: Record<string, unknown> = { loadAverageAtStart: Deno.loadavg() };
  for (const depth of [100, 1000]) {
    const s = getStream(depth);
    await perMessage(s, 3); // warm-up
    out[`depth${depth}`] = { messages: s.updates.length, ...(await perMessage(s, 15)) };
  }
  if (Deno.args.includes("--book-only")) {
    out.loadAverageAtEnd = Deno.loadavg();
    console.log(JSON.stringify(out, null, 2));
    return;
  }
  snapshotMs(getStream(1000), 20);
  out.snapshotDepth1000Ms = +snapshotMs(getStream(1000), 51).toFixed(3);

  const dir = await Deno.makeTempDir({ prefix: "pytrader-bench-" });
  try {
    for (const depth of [100, 1000]) {
      const { path, figures } = await replayFigures(depth, 5, dir);
      out[`replayDepth${depth}`] = figures;
      if (depth === 100) out.replayProcessDepth100 = await replayProcess(path, dir);
      await Deno.remove(path);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
  out.loadAverageAtEnd = Deno.loadavg();
  console.log(JSON.stringify(out, null, 2));
}

if (import.meta.main) await figures();
