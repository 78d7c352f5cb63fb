import { assertEquals } from "../../assert.ts";
import { eventually } from "../../eventually.ts";
import type { CandleUpdated } from "../../../lib/core/mod.ts";
import { BookFollower } from "../book_follower.ts";
import { rig } from "./setup.ts";

Deno.test("poloniex: after a reconnect the 5-minute candles missed while away come from REST", async () => {
  await using r = rig();
  await r.exchange.connect();
  const f = new BookFollower(r.exchange, r.exchange.decoder.instrument("BTC/USDT")!, 20);
  await r.exchange.subscribe({ symbol: "BTC/USDT", channels: ["book", "candles"], timeframe: 5 });
  const candles = () => f.others.filter((e): e is CandleUpdated => e.kind === "CandleUpdated");
  // The rig's clock stands at 23:47:56; the newest streamed candle starts at 23:40.
  const seen = Date.parse("2023-02-25T23:40:00Z");
  r.server.sendCandle("candles_minute_5", seen, [264_000, 264_100, 263_900, 264_050], 1_000_000);
  await eventually(() => candles().length === 1, "the streamed candle");
  r.server.dropConnections("public");
  await eventually(() => f.state === "down", "down");
  r.timers.advance(1_000); // the backoff (base 1 s, jitter 0.5)
  await eventually(() => f.snapshots === 2 && f.state === "connected", "resubscribed");
  // From one interval before the newest candle seen; those from it on are told again (23:40 and 23:45).
  await eventually(() => candles().length === 3, "the gap-fill candles");
  assertEquals(
    r.server.restRequests.filter((p) => p.includes("/candles")),
    [`/markets/BTC_USDT/candles?interval=MINUTE_5&startTime=${seen - 5 * 60_000}`],
  );
  assertEquals(candles().slice(1).map((c) => [c.timeframe, c.candle.time]), [[5, seen], [
    5,
    seen + 5 * 60_000,
  ]]);
});
