/**
 * Kraken book path (issue 4 figures): parse + apply + truncate + verify one WS v2 book message of 1-3
 * level changes at depth 100 and 1000, against bare JSON.parse of the same frames in the same run; a
 * depth-1000 snapshot applied and verified; replay of a 200,000-message recording, with memory sampled.
 *
 *   deno bench --allow-all tests/bench/kraken_bench.ts   Deno.bench groups, JSON.parse as the baseline
 *   deno run --allow-all tests/bench/kraken_bench.ts     every figure as one JSON object (median of runs)
 *
 * Frames come from the fake venue's generator (tests/fakes/kraken/book_gen.ts): Kraken's layout, full
 * precision numbers, correct checksums; every checksum is verified during the runs.
 */
import { OrderBook } from "../../lib/book/mod.ts";
import type { BookSnapshot, BookUpdate } from "../../lib/core/mod.ts";
import { readLines, Replayer } from "../../lib/record/mod.ts";
import { createKrakenDecoder, krakenChecksum, KrakenDecoder } from "../../exchanges/kraken/mod.ts";
import { FakeBook, levelsJson } from "../fakes/kraken/book_gen.ts";
import { BTC_USD } from "../exchanges/kraken/helpers.ts";

const utf8 = new TextEncoder();
const text = new TextDecoder();
/** A flat string, as a WebSocket message or a parsed NDJSON line is (not a concatenation tree). */
const flat = (s: string) => text.decode(utf8.encode(s));

interface Stream {
  readonly depth: number;
  readonly snapshot: string;
  readonly updates: string[];
}

function bookFrame(
  type: "snapshot" | "update",
  bids: string,
  asks: string,
  checksum: number,
  ts?: string,
): string {
  return flat(
    `{"channel":"book","type":"${type}","data":[{"symbol":"BTC/USD","bids":${bids},"asks":${asks},"checksum":${checksum}${
      ts ? `,"timestamp":"${ts}"` : ""
    }}]}`,
  );
}

/** A snapshot and `n` consecutive update frames of 1-3 level changes for a subscriber at `depth`. */
function stream(depth: number, n: number, seed = 99): Stream {
  const book = new FakeBook(1, 8, depth * 2 + 50, seed, 300_000, 1);
  const top = book.top(depth);
  const snapshot = bookFrame(
    "snapshot",
    levelsJson(top.bids, 1, 8),
    levelsJson(top.asks, 1, 8),
    book.checksum(depth),
  );
  const updates: string[] = [];
  let t = Date.parse("2023-10-06T17:35:55Z");
  while (updates.length < n) {
    const m = book.step([depth]).get(depth);
    if (!m) continue;
    t += 3;
    const ts = new Date(t).toISOString().replace("Z", "123Z");
    updates.push(bookFrame("update", levelsJson(m.bids, 1, 8), levelsJson(m.asks, 1, 8), m.checksum, ts));
  }
  return { depth, snapshot, updates };
}

/** The live path: decoder (fast scanner) -> OrderBook (apply, truncate) -> checksum compare. */
class Pipeline {
  readonly decoder = new KrakenDecoder();
  readonly book: OrderBook;
  failed = 0;
  #next = 0;

  constructor(readonly s: Stream) {
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
    if (krakenChecksum(this.book) !== ev.checksum) this.failed++;
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
let streams: Map<number, Stream> | null = null;
function getStream(depth: number): Stream {
  streams ??= new Map([100, 1000].map((d) => [d, stream(d, N_MESSAGES)]));
  return streams.get(depth)!;
}

for (const depth of [100, 1000]) {
  let j = 0;
  let sink = 0;
  Deno.bench(`JSON.parse of a book message (depth ${depth})`, {
    group: `book message depth ${depth}`,
    baseline: true,
  }, () => {
    const s = getStream(depth);
    sink += JSON.parse(s.updates[j++ % s.updates.length]!).data.length;
  });
  let p: Pipeline | null = null;
  Deno.bench(
    `parse + apply + truncate + verify (depth ${depth})`,
    { group: `book message depth ${depth}` },
    () => {
      p ??= new Pipeline(getStream(depth));
      p.step();
      if (p.failed > 0) throw new Error("checksum failed");
    },
  );
}

Deno.bench("depth-1000 snapshot parsed, applied and verified", { group: "snapshot" }, () => {
  const p = new Pipeline(getStream(1000));
  if (p.failed > 0) throw new Error("checksum failed");
});

// ---- figures for `deno run`

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

/** Median µs per message over `runs` passes of the whole stream. */
function perMessage(s: Stream, runs: number): { pipeline: number; jsonParse: number } {
  const pipe: number[] = [];
  const json: number[] = [];
  const p = new Pipeline(s);
  let sink = 0;
  for (let r = 0; r < runs; r++) {
    p.frame(s.snapshot);
    let t0 = performance.now();
    for (let i = 0; i < s.updates.length; i++) p.frame(s.updates[i]!);
    pipe.push(((performance.now() - t0) * 1000) / s.updates.length);
    t0 = performance.now();
    for (let i = 0; i < s.updates.length; i++) sink += JSON.parse(s.updates[i]!).data.length;
    json.push(((performance.now() - t0) * 1000) / s.updates.length);
  }
  if (p.failed > 0 || sink === 0) throw new Error(`${p.failed} checksum failures`);
  return { pipeline: median(pipe), jsonParse: median(json) };
}

function snapshotMs(s: Stream, runs: number): number {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const p = new Pipeline(s);
    times.push(performance.now() - t0);
    if (p.failed > 0) throw new Error("snapshot checksum failed");
  }
  return median(times);
}

/** Writes a recording like `pytrader record` makes: AssetPairs, a book ack, a snapshot, then updates. */
async function writeRecording(path: string, s: Stream): Promise<void> {
  const assetPairs = JSON.stringify({
    error: [],
    result: {
      XXBTZUSD: {
        altname: "XBTUSD",
        wsname: "XBT/USD",
        base: "XXBT",
        quote: "ZUSD",
        pair_decimals: 1,
        lot_decimals: 8,
        ordermin: "0.0001",
        costmin: "0.5",
        tick_size: "0.1",
        status: "online",
      },
    },
  });
  const ack =
    `{"method":"subscribe","result":{"channel":"book","depth":${s.depth},"snapshot":true,"symbol":"BTC/USD"},"success":true,"time_in":"2023-10-06T17:35:55.219022Z","time_out":"2023-10-06T17:35:55.219067Z","req_id":1}`;
  const file = await Deno.open(path, { write: true, create: true, truncate: true });
  const line = (src: string, url: string, data: string) =>
    JSON.stringify({ t: 1696613755000, venue: "kraken", src, url, data }) + "\n";
  let buf = line("rest", "https://api.kraken.com/0/public/AssetPairs", assetPairs) +
    line("ws", "wss://ws.kraken.com/v2", ack) + line("ws", "wss://ws.kraken.com/v2", s.snapshot);
  for (const u of s.updates) {
    buf += line("ws", "wss://ws.kraken.com/v2", u);
    if (buf.length > 1 << 20) {
      await file.write(utf8.encode(buf));
      buf = "";
    }
  }
  await file.write(utf8.encode(buf));
  file.close();
}

/** Replays `path` as `pytrader replay` does, sampling the heap every 10,000 lines. */
async function replay(path: string, limit = Infinity) {
  const replayer = new Replayer((v) => (v === "kraken" ? createKrakenDecoder() : undefined));
  const heap: number[] = [];
  const t0 = performance.now();
  let lines = 0;
  for await (const l of readLines(path)) {
    if (lines++ >= limit) break;
    replayer.push(l);
    if (lines % 10_000 === 0) heap.push(Deno.memoryUsage().heapUsed);
  }
  const ms = performance.now() - t0;
  return { report: replayer.report(Math.round(ms)), ms, heapMB: heap.map((h) => Math.round(h / 1e5) / 10) };
}

/**
 * A fresh `deno run` replaying the file as `pytrader replay FILE --json` does: its wall time, and in a
 * second run (with --expose-gc) the heap left after a full collection every 20,000 lines.
 */
async function replayInProcess(path: string): Promise<{ wallMs: number; retainedHeapMB: number[] }> {
  const script = await Deno.makeTempFile({ suffix: ".ts" });
  const lib = (p: string) => new URL(p, import.meta.url).href;
  await Deno.writeTextFile(
    script,
    `import { readLines, Replayer, replayFile } from "${lib("../../lib/record/mod.ts")}";
import { createKrakenDecoder } from "${lib("../../exchanges/kraken/mod.ts")}";
const decoderFor = (v: string) => (v === "kraken" ? createKrakenDecoder() : undefined);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  console.log(JSON.stringify(await replayFile(Deno.args[0], decoderFor)));
} else {
  const replayer = new Replayer(decoderFor);
  const heap: number[] = [];
  let n = 0;
  for await (const line of readLines(Deno.args[0])) {
    replayer.push(line);
    if (++n % 20_000 === 0) {
      gc();
      heap.push(Math.round(Deno.memoryUsage().heapUsed / 1e5) / 10);
    }
  }
  console.log(JSON.stringify(heap));
}`,
  );
  const run = async (flags: string[]) => {
    const res = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", ...flags, script, path],
      stderr: "inherit",
      stdout: "piped",
    }).output();
    if (!res.success) throw new Error("replay process failed");
    return JSON.parse(new TextDecoder().decode(res.stdout));
  };
  try {
    await new Deno.Command(Deno.execPath(), { args: ["cache", script] }).output();
    const t0 = performance.now();
    await run([]);
    const wallMs = Math.round(performance.now() - t0);
    const retainedHeapMB = await run(["--v8-flags=--expose-gc"]);
    return { wallMs, retainedHeapMB };
  } finally {
    await Deno.remove(script);
  }
}

async function figures(): Promise<void> {
  const out: Record<string, unknown> = {};
  for (const depth of [100, 1000]) {
    const s = getStream(depth);
    const changes = s.updates.map((u) => (u.match(/"price"/g) ?? []).length);
    perMessage(s, 5); // warm-up
    const { pipeline, jsonParse } = perMessage(s, 15);
    out[`depth${depth}`] = {
      messages: s.updates.length,
      levelChanges: { min: Math.min(...changes), max: Math.max(...changes) },
      avgBytes: Math.round(s.updates.reduce((a, u) => a + u.length, 0) / s.updates.length),
      pipelineUs: +pipeline.toFixed(3),
      jsonParseUs: +jsonParse.toFixed(3),
      ratioToJsonParse: +(pipeline / jsonParse).toFixed(2),
      messagesPerSecond: Math.round(1e6 / pipeline),
    };
  }
  const d100 = out.depth100 as { pipelineUs: number };
  const d1000 = out.depth1000 as { pipelineUs: number };
  out.depth1000OverDepth100 = +(d1000.pipelineUs / d100.pipelineUs).toFixed(3);
  snapshotMs(getStream(1000), 20);
  out.snapshotDepth1000Ms = +snapshotMs(getStream(1000), 51).toFixed(3);

  const path = await Deno.makeTempFile({ suffix: ".ndjson" });
  try {
    // Generated in a scope of its own, so the 200,000 frames are garbage before the replay starts.
    const messages = await (async () => {
      const big = stream(100, 200_000, 7);
      await writeRecording(path, big);
      return big.updates.length;
    })();
    const size = (await Deno.stat(path)).size;
    const quarter = await replay(path, 50_003);
    const full = await replay(path);
    const cli = await replayInProcess(path);
    out.replay = {
      bookMessages: messages,
      depth: 100,
      fileMB: Math.round(size / 1e5) / 10,
      wallMs: Math.round(full.ms),
      newProcessWallMs: cli.wallMs,
      retainedHeapMBEvery20kLines: cli.retainedHeapMB,
      report: full.report,
      heapMBEvery10kLines: full.heapMB,
      peakHeapMB: { first50kLines: Math.max(...quarter.heapMB), all200kLines: Math.max(...full.heapMB) },
    };
  } finally {
    await Deno.remove(path);
  }
  console.log(JSON.stringify(out, null, 2));
}

if (import.meta.main) await figures();
