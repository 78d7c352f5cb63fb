import { assert, assertEquals } from "../assert.ts";
import { type RecordedFrame, recordLine, RecordLineReader, Replayer } from "../../lib/record/mod.ts";
import type { RawFrame } from "../../lib/net/raw_frame.ts";
import { createKrakenDecoder } from "../../exchanges/kraken/mod.ts";
import { loadVector } from "../exchanges/kraken/helpers.ts";

// Frames from Kraken's documentation (vectors/kraken-ws2-book-checksum.json, MATIC/USD book example).
const vectors = await loadVector<{ cases: { name: string; steps?: { message: string }[] }[] }>(
  "kraken-ws2-book-checksum.json",
);
const documented = vectors.cases.flatMap((c) => c.steps?.map((s) => s.message) ?? []);

const ws = (data: string, t = 1696613755440): RawFrame => ({
  t,
  src: "ws",
  url: "wss://ws.kraken.com/v2",
  data,
});

function readBack(lines: string[]): (RecordedFrame | null)[] {
  const reader = new RecordLineReader();
  return lines.map((l) => reader.read(l, 0, l.length));
}

Deno.test("a JSON frame is recorded verbatim as the last member and read back exactly, digits and spacing kept", () => {
  const frames = [
    ...documented,
    // Trailing zeros, an id beyond 2^53, spaces and an escaped quote: JSON, but not what a re-serialiser writes.
    '{"method":"subscribe","result":{"channel":"book","depth":10},"success":true,"req_id":14949390454975033707}',
    ' { "channel" : "book", "qty" : 0.10000000, "note": "a \\"quoted\\" word" } ',
    '"just a string"',
    "42",
  ];
  const lines = frames.map((f, i) => recordLine("kraken", ws(f, 1000 + i)));
  for (const [i, line] of lines.entries()) {
    assert(!line.includes("\n"));
    const v = JSON.parse(line);
    assertEquals(Object.keys(v), ["t", "venue", "src", "url", "frame"]);
    assertEquals(v.frame, JSON.parse(frames[i]!));
  }
  assertEquals(readBack(lines), frames.map((f, i) => ({ ...ws(f, 1000 + i), venue: "kraken" })));
});

Deno.test("a frame that is not one line of JSON is recorded as a string and read back exactly", () => {
  const frames = ["not json", "", '{"channel":"heartbeat"}\n', '{"a":\r\n1}', '{"bad":"\uD800"}', "{"];
  const lines = frames.map((f) =>
    recordLine("kraken", { t: 5, src: "rest", url: "https://x/0/public/Time", data: f })
  );
  for (const line of lines) {
    assert(!line.includes("\n") && !line.includes("\r"));
    assertEquals(Object.keys(JSON.parse(line)), ["t", "venue", "src", "url", "data"]);
  }
  assertEquals(readBack(lines).map((f) => f?.data), frames);
});

Deno.test("lines of changing venues, sources and urls read back with their own header", () => {
  const frames: (RawFrame & { venue: string })[] = [];
  for (let i = 0; i < 40; i++) {
    frames.push({
      t: 1700000000000 + i,
      venue: i % 7 === 0 ? "bitstamp" : "kraken",
      src: i % 3 === 0 ? "rest" : "ws",
      url: i % 5 === 0 ? `wss://x/${i}` : "wss://ws.kraken.com/v2",
      data: i % 11 === 0 ? "plain text" : `{"n":${i}}`,
    });
  }
  const lines = frames.map((f) => recordLine(f.venue, f));
  assertEquals(readBack(lines), frames);
});

Deno.test("lines that are not recorded frames are refused; a cut frame is refused by the decoder", () => {
  const good = recordLine("kraken", ws('{"channel":"heartbeat"}'));
  const bad = [
    "not json",
    "[1,2]",
    '{"t":"1","venue":"kraken","src":"ws","url":"u","frame":{}}',
    '{"t":1,"venue":"kraken","src":"udp","url":"u","frame":{}}',
    '{"t":1,"venue":"kraken","src":"ws","url":"u","data":7}',
    '{"t":1,"venue":"kraken","src":"ws","url":"u","frame":}',
    good.slice(0, -1) + "x",
  ];
  // Each after a good line, so the cached header of the good one is in play.
  const got = readBack(bad.flatMap((b) => [good, b]));
  assertEquals(got.filter((_, i) => i % 2 === 1), bad.map(() => null));
  assert(got.filter((_, i) => i % 2 === 0).every((f) => f?.data === '{"channel":"heartbeat"}'));

  // The frame's own text is not parsed twice: a line cut short hands the decoder a cut frame, which it refuses.
  const cut = [good.slice(0, -2) + "}", '{"t":1,"venue":"kraken","src":"ws","url":"u","frame":{}'];
  const replayer = new Replayer((v) => (v === "kraken" ? createKrakenDecoder() : undefined));
  for (const l of [good, ...cut]) replayer.push(l);
  assertEquals([replayer.frames, replayer.malformed], [3, 2]);
});

Deno.test("replay reads a mix of both line forms and CRLF endings in one file", () => {
  const decoderFor = (v: string) => (v === "kraken" ? createKrakenDecoder() : undefined);
  const mixed = new Replayer(decoderFor);
  const assetPairs = JSON.stringify({
    error: [],
    result: {
      MATICUSD: {
        altname: "MATICUSD",
        wsname: "MATIC/USD",
        base: "MATIC",
        quote: "ZUSD",
        pair_decimals: 4,
        lot_decimals: 8,
        ordermin: "0",
        costmin: "0",
        tick_size: "0.0001",
        status: "online",
      },
    },
  });
  const rest: RawFrame = {
    t: 1,
    src: "rest",
    url: "https://api.kraken.com/0/public/AssetPairs",
    data: assetPairs,
  };
  const frames = [rest, ...documented.slice(-2).map((m) => ws(m))];
  const asOld = (f: RawFrame) =>
    JSON.stringify({ t: f.t, venue: "kraken", src: f.src, url: f.url, data: f.data });
  mixed.pushLines(
    [asOld(frames[0]!), recordLine("kraken", frames[1]!), asOld(frames[2]!)].join("\r\n") + "\r\n",
  );
  const report = mixed.report(0);
  assertEquals([report.frames, report.events, report.malformed], [3, 2, 0]);
  assertEquals(report.checksum, { passed: 2, failed: 0 });
});
