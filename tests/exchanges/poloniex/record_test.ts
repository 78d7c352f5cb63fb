/**
 * `pytrader record` on Poloniex writes every public frame (the markets answer included) and `pytrader replay`
 * runs them through the adapter's own parse path, id chain and all: a recording with a lost update in it
 * replays to the server's book, the broken part dropped until the fresh snapshot.
 */
import { assert, assertEquals } from "../../assert.ts";
import { eventually } from "../../eventually.ts";
import { openContext } from "../../../lib/cli/context.ts";
import { recordCommand } from "../../../lib/cli/commands/record.ts";
import { readLines, Replayer } from "../../../lib/record/mod.ts";
import { formatTicks } from "../../../lib/core/mod.ts";
import { createPoloniexDecoder, type PoloniexExchange } from "../../../exchanges/poloniex/mod.ts";
import { poloniexDeps, poloniexHome } from "./cli_home.ts";

Deno.test("poloniex record then replay: the same final book, the lost update's gap healed by the resubscription", async () => {
  await using k = await poloniexHome({ key: null, fake: { seed: 21 } });
  const server = k.server;
  const file = `${k.home.dir}/btc.ndjson`;
  const ctx = await openContext({ config: k.home.ini, pair: "BTC/USDT", json: true }, poloniexDeps);
  const out: string[] = [];
  const ac = new AbortController();
  const run = recordCommand(ctx, { out: (t) => out.push(t), err() {} }, { out: file, signal: ac.signal });
  const polo = (await ctx.exchange()) as PoloniexExchange;
  await eventually(() => server.bookSubscribers() === 1, "the book subscription");
  server.sendBookUpdates(1500);
  server.skipNextId();
  server.sendBookUpdates(2);
  await eventually(() => polo.resyncs === 1 && server.bookSubscribers() === 1, "the resubscription");
  const subscribes = () =>
    server.received.filter((x) => x.text.includes('"subscribe"') && x.text.includes("book_lv2")).length;
  await eventually(() => subscribes() === 2, "the second book subscription");
  await eventually(() => typeof polo.decoder.chain.last("BTC/USDT") === "string", "the fresh snapshot");
  server.sendBookUpdates(1500);
  await eventually(
    () => polo.decoder.chain.last("BTC/USDT") === String(server.bookId),
    "every update recorded",
  );
  ac.abort();
  await run;
  await ctx.close();

  const recorded = JSON.parse(out[0]!);
  assertEquals([recorded.exchange, recorded.pair, recorded.file], ["poloniex", "BTC/USDT", file]);
  const lines: string[] = [];
  for await (const l of readLines(file)) lines.push(l);
  assertEquals(lines.length, recorded.frames);
  const first = JSON.parse(lines[0]!);
  assertEquals([first.venue, first.src, first.url], ["poloniex", "rest", `${server.restUrl}/markets`]);

  const replayer = new Replayer((venue) => (venue === "poloniex" ? createPoloniexDecoder() : undefined));
  for (const l of lines) replayer.push(l);
  assertEquals(replayer.malformed, 0);
  assertEquals(replayer.report(0).resyncs, 1, "the broken chain counts as one resync");
  const book = replayer.book("BTC/USDT")!;
  assertEquals(book.depth, 20);
  assertEquals({ bids: book.levels("bid"), asks: book.levels("ask") }, server.book.top(20));

  const r = await k.home.json(["replay", file], 0);
  const top = server.book.top(1);
  assertEquals(r.best, { bid: formatTicks(top.bids[0]!.price, 2), ask: formatTicks(top.asks[0]!.price, 2) });
  assertEquals([r.frames, r.malformed, r.resyncs], [lines.length, 0, 1]);
  assert((r.events as number) >= 3003);
});
