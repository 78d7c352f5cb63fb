import { assert, assertEquals } from "../../assert.ts";
import { Trader } from "../../../lib/engine/mod.ts";
import { rig } from "./setup.ts";
import { eventually } from "../../eventually.ts";

/** The engine's Trader on the Kraken adapter, against the fake venue: the wiring the app uses. */
async function trade(depth: number, seed: number) {
  const r = rig({ seed });
  const trader = new Trader(r.exchange, { symbol: "BTC/USD", depth, timeframe: 1, clock: r.timers });
  await trader.start();
  await eventually(() => trader.state.bookStatus === "ok", "a book");
  return { r, trader };
}

function sameAsVenue(trader: Trader, r: ReturnType<typeof rig>): boolean {
  const b = trader.state.book;
  return JSON.stringify({ bids: b.levels("bid"), asks: b.levels("ask") }) ===
    JSON.stringify(r.server.book.top(b.depth));
}

Deno.test("Trader + Kraken adapter: a corrupted checksum is repaired by one resync", async () => {
  const { r, trader } = await trade(25, 17);
  try {
    r.server.sendBookUpdates(2000);
    await eventually(() => r.exchange.decoder.stats.events >= 2002, "2,000 updates");
    assert(sameAsVenue(trader, r));
    r.server.corruptNextChecksum();
    r.server.sendBookUpdates(1);
    await eventually(() => trader.resyncs === 1 && trader.state.bookStatus === "ok", "the resync");
    const before = r.exchange.decoder.stats.events;
    r.server.sendBookUpdates(1000);
    await eventually(() => r.exchange.decoder.stats.events >= before + 1000, "1,000 more updates");
    await eventually(() => sameAsVenue(trader, r), "the venue's book");
    assertEquals(trader.resyncs, 1);
    assertEquals(trader.state.connection, "connected");
  } finally {
    await trader.stop();
    await r.server.close();
  }
});
