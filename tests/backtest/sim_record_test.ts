/**
 * The built-in sim records too: `pytrader record` on sim writes its market events as frames, `replay`
 * reads them back through the sim's decoder, and `backtest` runs strategies on them, all offline.
 */
import { assert, assertEquals } from "../assert.ts";
import { EXIT } from "../../lib/cli/mod.ts";
import { cli } from "../cli/helpers.ts";

Deno.test("record on sim, then replay and backtest the recording", async () => {
  const dir = await Deno.makeTempDir({ prefix: "pytrader-sim-record-" });
  try {
    const ini = `${dir}/pytrader.ini`;
    await Deno.writeTextFile(
      ini,
      "[pytrader]\nexchange = sim\n\n[sim]\nupdates_per_second = 400\n\n" +
        "[strategy.balancer]\nsimulate = False\nautostart = True\ndistance = 0.05\ndistance_sell = 0.05\n",
    );
    const file = `${dir}/sim.ndjson`;
    const rec = await cli(["record", "--out", file, "--duration", "1", "--json", "--config", ini], dir);
    assertEquals(rec.code, EXIT.ok, rec.stdout + rec.stderr);
    const recorded = JSON.parse(rec.stdout);
    assert(recorded.frames > 10, `frames recorded: ${recorded.frames}`);
    const lines = (await Deno.readTextFile(file)).trim().split("\n").map((l) => JSON.parse(l));
    assert(lines.every((l) => l.venue === "sim" && l.url === "sim://market"), "only sim market frames");
    assert(!lines.some((l) => /Order|Wallet/.test(JSON.stringify(l.frame))), "no account events");

    const replay = await cli(["replay", file, "--json", "--config", ini], dir);
    assertEquals(replay.code, EXIT.ok, replay.stdout);
    const r = JSON.parse(replay.stdout);
    assertEquals([r.frames, r.malformed], [recorded.frames, 0]);
    assert(r.best.bid !== null && r.best.ask !== null, "the replayed book has both sides");

    const args = ["backtest", file, "--strategy", "balancer", "--balances", "BTC=1,USD=60000", "--json"];
    const bt = await cli([...args, "--config", ini], dir);
    assertEquals(bt.code, EXIT.ok, bt.stdout);
    const b = JSON.parse(bt.stdout);
    assertEquals([b.exchange, b.pair, b.replay.malformed], ["sim", "BTC/USD", 0]);
    assertEquals(b.perStrategy.balancer.orders.denied, 0);
    assert(b.perStrategy.balancer.orders.placed >= 2, "the balancer placed its pair");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
