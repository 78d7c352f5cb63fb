import { assert, assertEquals, assertRejects } from "../assert.ts";
import { noTerminal } from "../cli/helpers.ts";
import { UsageError } from "../../lib/core/mod.ts";
import { type CliDeps, openContext } from "../../lib/cli/context.ts";
import { recordCommand } from "../../lib/cli/commands/record.ts";
import { replayCommand } from "../../lib/cli/commands/replay.ts";
import { readLines, RecordLineReader, Replayer, replayFile } from "../../lib/record/mod.ts";
import { createKraken, createKrakenDecoder, type KrakenExchange } from "../../exchanges/kraken/mod.ts";
import { FakeKraken } from "../fakes/kraken/server.ts";
import { krakenOptions, VENUE_DEPS } from "../fixtures/venues.ts";
import { eventually } from "../eventually.ts";

const deps: CliDeps = {
  ...VENUE_DEPS,
  createExchange: (_name, settings, log) =>
    Promise.resolve(createKraken({ ...krakenOptions(settings), log })),
  promptIo: () => noTerminal,
};
const decoderFor = (venue: string) => (venue === "kraken" ? createKrakenDecoder() : undefined);
/** As main.ts hands them to `replay`: every venue's decoder by name. */
const decoders = () => Promise.resolve(new Map([["kraken", createKrakenDecoder()]]));

async function iniFor(server: FakeKraken, dir: string): Promise<string> {
  const path = `${dir}/pytrader.ini`;
  await Deno.writeTextFile(path, `[kraken]\nrest_url = ${server.restUrl}\nws_url = ${server.wsUrl}\n`);
  return path;
}

function capture(): { out: string[]; err: string[]; output: { out(t: string): void; err(t: string): void } } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, output: { out: (t) => out.push(t), err: (t) => err.push(t) } };
}

Deno.test("a recording made from the fake server replays to the same final book and checksum counts", async () => {
  const server = FakeKraken.start({ seed: 21 });
  const dir = await Deno.makeTempDir({ prefix: "pytrader-record-" });
  try {
    const ctx = await openContext(
      { config: await iniFor(server, dir), exchange: "kraken", pair: "BTC/USD", json: true },
      deps,
    );
    const file = `${dir}/btc.ndjson`;
    const ac = new AbortController();
    const { out, output } = capture();
    const run = recordCommand(ctx, output, { out: file, depth: 25, signal: ac.signal });
    const kraken = (await ctx.exchange()) as KrakenExchange;
    const arrived: string[] = [];
    kraken.onFrame((f) => arrived.push(f.data));
    const bookSubs = () =>
      server.received.filter((t) => t.includes('"subscribe"') && t.includes('"channel":"book"')).length;
    await eventually(() => server.bookDepths().length === 1, "the book subscription");
    server.sendBookUpdates(1500);
    server.corruptNextChecksum();
    server.sendBookUpdates(1);
    await eventually(() => bookSubs() === 2 && server.bookDepths().length === 1, "the resync");
    server.sendBookUpdates(1500);
    await eventually(() => kraken.decoder.stats.events >= 3004, "every update recorded");
    ac.abort();
    await run;
    await ctx.close();

    const recorded = JSON.parse(out[0]!);
    assertEquals(recorded.checksum, { passed: 3002, failed: 1 });
    assertEquals(recorded.file, file);

    const lines: string[] = [];
    for await (const l of readLines(file)) lines.push(l);
    assertEquals(lines.length, recorded.frames);
    // Every line is JSON; every frame is kept verbatim as the last member and reads back as it arrived.
    const first = JSON.parse(lines[0]!);
    assertEquals(Object.keys(first), ["t", "venue", "src", "url", "frame"]);
    assertEquals([first.venue, first.src, first.url], [
      "kraken",
      "rest",
      `${server.restUrl}/0/public/AssetPairs`,
    ]);
    assert(lines.some((l) => JSON.parse(l).src === "ws"));
    const reader = new RecordLineReader();
    assertEquals(lines.map((l) => reader.read(l, 0, l.length)?.data), arrived);

    // The same recording in DESIGN.md §10's form (each frame a JSON string in "data") replays the same.
    const old = `${dir}/old.ndjson`;
    await Deno.writeTextFile(
      old,
      lines.map((l, i) => {
        const { frame: _, ...head } = JSON.parse(l);
        return JSON.stringify({ ...head, data: arrived[i] }) + "\n";
      }).join(""),
    );
    assertEquals(
      { ...(await replayFile(old, decoderFor)), elapsedMs: 0 },
      { ...(await replayFile(file, decoderFor)), elapsedMs: 0 },
    );

    const replayer = new Replayer(decoderFor);
    for (const l of lines) replayer.push(l);
    const report = replayer.report(0);
    assertEquals(report.checksum, { passed: 3002, failed: 1 });
    assertEquals(report.resyncs, 1);
    assertEquals(report.malformed, 0);
    const book = replayer.book("BTC/USD")!;
    assertEquals(book.depth, 25);
    assertEquals({ bids: book.levels("bid"), asks: book.levels("ask") }, server.book.top(25));
  } finally {
    await server.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("pytrader replay --json prints exactly the documented object", async () => {
  const server = FakeKraken.start({ seed: 4 });
  const dir = await Deno.makeTempDir({ prefix: "pytrader-replay-" });
  try {
    const config = await iniFor(server, dir);
    const ctx = await openContext({ config, exchange: "kraken", pair: "BTC/USD", json: true }, deps);
    const file = `${dir}/rec.ndjson`;
    const ac = new AbortController();
    const run = recordCommand(ctx, capture().output, { out: file, depth: 10, signal: ac.signal });
    await eventually(() => server.bookDepths().length === 1, "the book subscription");
    server.sendBookUpdates(300);
    const kraken = (await ctx.exchange()) as KrakenExchange;
    await eventually(() => kraken.decoder.stats.events >= 302, "the updates");
    ac.abort();
    await run;
    await ctx.close();
    // A line of garbage and a line from a venue this build cannot decode.
    await Deno.writeTextFile(file, 'not json\n{"t":1,"venue":"nowhere","src":"ws","url":"x","data":"{}"}\n', {
      append: true,
    });

    const ctx2 = await openContext({ config, json: true }, deps);
    const { out, output } = capture();
    await replayCommand(ctx2, output, { file }, decoders);
    await ctx2.close();
    assertEquals(out.length, 1);
    const r = JSON.parse(out[0]!);
    assertEquals(Object.keys(r), [
      "ok",
      "frames",
      "events",
      "malformed",
      "checksum",
      "resyncs",
      "best",
      "elapsedMs",
    ]);
    assertEquals(r.ok, true);
    assertEquals(r.malformed, 2);
    assertEquals(r.checksum, { passed: 301, failed: 0 });
    const top = server.book.top(1);
    assertEquals(r.best, {
      bid: (top.bids[0]!.price / 10).toFixed(1),
      ask: (top.asks[0]!.price / 10).toFixed(1),
    });
    assert(Number.isInteger(r.elapsedMs));

    const direct = await replayFile(file, decoderFor);
    assertEquals({ ...direct, elapsedMs: 0 }, { ...r, elapsedMs: 0 });
  } finally {
    await server.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("replaying a missing file is a usage error", async () => {
  const dir = await Deno.makeTempDir({ prefix: "pytrader-replay-" });
  try {
    const ctx = await openContext({ config: `${dir}/pytrader.ini` }, deps);
    await assertRejects(
      () => replayCommand(ctx, capture().output, { file: `${dir}/none.ndjson` }, decoders),
      UsageError,
      "no such file",
    );
    await ctx.close();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
