/**
 * Kraken WS v2 book frames for the benches: a snapshot and consecutive updates of 1-3 level changes, from the
 * fake venue's generator (tests/fakes/kraken/book_gen.ts: Kraken's layout, full precision numbers, checksums
 * computed independently with zlib), and recordings of them as `pytrader record` writes them.
 */
import { recordLine } from "../../lib/record/mod.ts";
import { FakeBook, levelsJson } from "../fakes/kraken/book_gen.ts";

const utf8 = new TextEncoder();
const text = new TextDecoder();
/** A flat string, as a WebSocket message is (not a concatenation tree). */
export const flat = (s: string): string => text.decode(utf8.encode(s));

export interface Stream {
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
export function stream(depth: number, n: number, seed = 99): Stream {
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

/** Kraken's documented AssetPairs answer for XBT/USD (precisions 1 and 8). */
export const ASSET_PAIRS = JSON.stringify({
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

/** The book frames of a recording: `repeat` times the stream's snapshot and its updates (as after a resubscribe). */
export function recordedFrames(s: Stream, repeat: number): string[] {
  const out: string[] = [];
  for (let r = 0; r < repeat; r++) out.push(s.snapshot, ...s.updates);
  return out;
}

/**
 * Writes a recording like `pytrader record` makes (AssetPairs, the book ack, then `frames`), in today's
 * format or, with `old`, in DESIGN.md §10's (every frame a JSON string in "data").
 */
export async function writeRecording(
  path: string,
  depth: number,
  frames: string[],
  old = false,
): Promise<void> {
  const ack =
    `{"method":"subscribe","result":{"channel":"book","depth":${depth},"snapshot":true,"symbol":"BTC/USD"},"success":true,"time_in":"2023-10-06T17:35:55.219022Z","time_out":"2023-10-06T17:35:55.219067Z","req_id":1}`;
  const file = await Deno.open(path, { write: true, create: true, truncate: true });
  let t = 1696613755000;
  const line = (src: "ws" | "rest", url: string, data: string) => {
    const frame = { t: t++, src, url, data };
    return (old ? JSON.stringify({ ...frame, venue: "kraken" }) : recordLine("kraken", frame)) + "\n";
  };
  let buf = line("rest", "https://api.kraken.com/0/public/AssetPairs", ASSET_PAIRS) +
    line("ws", "wss://ws.kraken.com/v2", ack);
  for (const f of frames) {
    buf += line("ws", "wss://ws.kraken.com/v2", f);
    if (buf.length > 1 << 20) {
      await file.write(utf8.encode(buf));
      buf = "";
    }
  }
  await file.write(utf8.encode(buf));
  file.close();
}
