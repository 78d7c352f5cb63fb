import { assertEquals } from "../../assert.ts";
import type { MarketEvent } from "../../../lib/core/mod.ts";
import { marketFrame, SIM_FRAME_URL, SimDecoder, subscribedFrame } from "../../../exchanges/sim/frames.ts";
import { drain, quietSim } from "./helpers.ts";

const frame = (data: string, url = SIM_FRAME_URL) => ({ t: 1, src: "ws" as const, url, data });

Deno.test("sim frames: every market event the sim streams reads back as the same event", async () => {
  const { sim } = quietSim();
  const frames: string[] = [];
  sim.onFrame((f) => frames.push(f.data));
  await sim.connect();
  await sim.subscribe({ symbol: "BTC/USD", channels: ["book", "trades", "ticker", "candles"], depth: 10 });
  sim.step(200);
  const events = (await drain(sim)).filter((e): e is MarketEvent => e.kind !== "ConnectionChanged");
  const d = new SimDecoder();
  const back = frames.flatMap((data): unknown[] => [...(d.decode(frame(data)) ?? [`malformed: ${data}`])]);
  assertEquals(back, events);
  assertEquals(
    new Set(events.map((e) => e.kind)).size,
    5,
    "book snapshot and updates, trades, tickers, candles",
  );
  assertEquals(d.bookDepth("BTC/USD"), 10);
  await sim.close();
});

Deno.test("sim frames: anything else is refused", () => {
  const d = new SimDecoder();
  const book = marketFrame({
    kind: "BookUpdate",
    symbol: "BTC/USD",
    bids: [{ price: 1, qty: 2 }],
    asks: [],
    time: 3,
  })!;
  assertEquals(d.decode(frame(book))?.length, 1);
  for (
    const bad of [
      "not json",
      book.replace("BTC/USD", "DOGE/USD"),
      book.replace("[[1,2]]", "[[1,-2]]"),
      book.replace("[[1,2]]", "[[1.5,2]]"),
      '{"kind":"OrderFilled","symbol":"BTC/USD"}',
      subscribedFrame("BTC/USD", 0),
    ]
  ) assertEquals(d.decode(frame(bad)), null, bad);
  assertEquals(d.decode(frame(book, "wss://elsewhere")), null);
  assertEquals(d.decode(frame(subscribedFrame("BTC/USD", null))), []);
});
