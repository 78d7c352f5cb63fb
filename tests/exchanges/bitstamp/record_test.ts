/** `pytrader record` and `replay` with `--exchange bitstamp`: the recording replays to the venue's book. */
import { assert, assertEquals } from "../../assert.ts";
import { eventually } from "../../eventually.ts";
import { noTerminal } from "../../cli/helpers.ts";
import { type CliDeps, openContext } from "../../../lib/cli/context.ts";
import { recordCommand } from "../../../lib/cli/commands/record.ts";
import { replayCommand } from "../../../lib/cli/commands/replay.ts";
import { readLines, Replayer } from "../../../lib/record/mod.ts";
import type { BitstampExchange } from "../../../exchanges/bitstamp/mod.ts";
import { createBitstampDecoder } from "../../../exchanges/bitstamp/mod.ts";
import { VENUE_DEPS } from "../../fixtures/venues.ts";
import { FakeBitstamp } from "../../fakes/bitstamp/server.ts";

const deps: CliDeps = { ...VENUE_DEPS, promptIo: () => noTerminal };

function capture() {
  const out: string[] = [];
  return { out, output: { out: (t: string) => out.push(t), err: () => {} } };
}

async function record(
  server: FakeBitstamp,
  dir: string,
  depth: number,
  during: (x: BitstampExchange) => Promise<void>,
) {
  const config = `${dir}/pytrader.ini`;
  await Deno.writeTextFile(config, `[bitstamp]\nrest_url = ${server.restUrl}\nws_url = ${server.wsUrl}\n`);
  const ctx = await openContext({ config, exchange: "bitstamp", pair: "BTC/USD", json: true }, deps);
  const file = `${dir}/btc.ndjson`;
  const ac = new AbortController();
  const { out, output } = capture();
  const run = recordCommand(ctx, output, { out: file, depth, signal: ac.signal });
  const exchange = (await ctx.exchange()) as BitstampExchange;
  await eventually(
    () => exchange.decoder.sync("BTC/USD") && !exchange.decoder.sync("BTC/USD")!.awaiting,
    "the book",
  );
  await during(exchange);
  await eventually(() => exchange.decoder.stats.frames >= server.framesSent, "every frame recorded");
  ac.abort();
  await run;
  await ctx.close();
  return { file, config, recorded: JSON.parse(out[0]!) };
}

for (const depth of [20, 500]) {
  const mode = depth <= 100 ? "top 100 frames" : "diffs, a lost one and the resync";
  Deno.test(`bitstamp record and replay (${mode}): the replayed book is the venue's`, async () => {
    await using server = FakeBitstamp.start({ seed: 71 });
    const dir = await Deno.makeTempDir({ prefix: "pytrader-bitstamp-record-" });
    try {
      const { file, config, recorded } = await record(server, dir, depth, async (x) => {
        server.moveBook(1_000);
        if (depth > 100) {
          server.dropNextDiff();
          server.moveBook(5);
          await eventually(() => x.resyncs === 1 && !x.decoder.sync("BTC/USD")!.awaiting, "the resync");
        }
        server.moveBook(1_000);
        server.sendTrade("buy");
      });
      const lines: string[] = [];
      for await (const l of readLines(file)) lines.push(l);
      assertEquals(lines.length, recorded.frames);
      const first = JSON.parse(lines[0]!);
      assertEquals([first.venue, first.src, first.url], [
        "bitstamp",
        "rest",
        `${server.restUrl}/api/v2/markets/`,
      ]);
      assert(lines.every((l) => !l.includes("private-")), "no account frame recorded");

      const replayer = new Replayer((v) => (v === "bitstamp" ? createBitstampDecoder() : undefined));
      for (const l of lines) replayer.push(l);
      const report = replayer.report(0);
      assertEquals(report.malformed, 0);
      assertEquals(report.checksum.failed, depth > 100 ? 1 : 0, "the lost diff is found in the replay too");
      if (depth > 100) assert(report.checksum.passed > 500, `checks passed: ${report.checksum.passed}`);
      const book = replayer.book("BTC/USD")!;
      const top = server.top(20);
      assertEquals([book.levels("bid", 20), book.levels("ask", 20)], [top.bids, top.asks]);

      const ctx2 = await openContext({ config, json: true }, deps);
      const { out, output } = capture();
      await replayCommand(
        ctx2,
        output,
        { file },
        () => Promise.resolve(new Map([["bitstamp", createBitstampDecoder()]])),
      );
      await ctx2.close();
      const r = JSON.parse(out[0]!);
      assertEquals(r.best, {
        bid: String(server.top(1).bids[0]!.price),
        ask: String(server.top(1).asks[0]!.price),
      });
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
}
