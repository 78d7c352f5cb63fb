import { assert, assertEquals, assertRejects } from "../../assert.ts";
import { createKraken } from "../../../exchanges/kraken/mod.ts";
import { AmbiguousReply } from "../../../lib/core/mod.ts";
import { FAKE_KEY, FakeKraken } from "../../fakes/kraken/server.ts";
import { FakeTimers } from "../../net/fake_timers.ts";
import { accountRig, limit } from "./account_setup.ts";
import { eventually } from "../../eventually.ts";

Deno.test("two adapters sharing a key and its nonce file take turns without one refused nonce", async () => {
  const server = FakeKraken.start();
  const dir = await Deno.makeTempDir({ prefix: "pytrader-kraken-shared-" });
  const make = () =>
    createKraken({
      rest_url: server.restUrl,
      ws_url: server.wsUrl,
      ws_auth_url: server.wsAuthUrl,
      credentials: { key: () => FAKE_KEY.key, secret: () => FAKE_KEY.secret },
      nonceFile: `${dir}/pytrader.kraken-nonce`,
      privateRate: { capacity: 1000, refillPerSecond: 1000 },
    });
  const [a, b] = [make(), make()];
  try {
    for (let i = 0; i < 40; i++) await (i % 2 === 0 ? a : b).balances();
    const placed = await a.placeOrder(limit("pt0000000000000sh1", "buy", 250_000, 100_000));
    // The other process sees the order, and can cancel it by its client id.
    assertEquals((await b.openOrders()).map((o) => o.id), [placed.id]);
    assertEquals((await b.cancelOrder("pt0000000000000sh1")).status, "canceled");
    const outcomes = server.privateRest.calls.map((c) => c.outcome);
    assertEquals(outcomes.filter((o) => o !== "ok"), []);
    assertEquals(outcomes.length, 43);
  } finally {
    await a.close();
    await b.close();
    await server.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a refused nonce: a read is retried once with a fresh nonce, an order never is", async () => {
  await using r = await accountRig();
  const rest = r.server.privateRest;
  rest.faults.push({ method: "Balance", error: "EAPI:Invalid nonce" });
  assertEquals((await r.exchange.balances()).BTC, "1011.1908877900");
  assertEquals(rest.calls.map((c) => [c.method, c.outcome]), [["Balance", "EAPI:Invalid nonce"], [
    "Balance",
    "ok",
  ]]);
  rest.faults.push({ method: "AddOrder", error: "EAPI:Invalid nonce" });
  // Not a refusal (issue 10): a resent copy of an order that went in gets the same answer.
  await assertRejects(
    () => r.exchange.placeOrder(limit("pt0000000000000nn1", "buy", 250_000, 100_000)),
    AmbiguousReply,
    "EAPI:Invalid nonce; check that this computer's clock is right",
  );
  assertEquals(rest.count("AddOrder"), 1);
});

Deno.test("account calls respect Kraken's counter: 15 at once, then one per ~3 s (0.33 a second)", async () => {
  const server = FakeKraken.start();
  const timers = new FakeTimers();
  const exchange = createKraken({
    rest_url: server.restUrl,
    timers,
    credentials: { key: () => FAKE_KEY.key, secret: () => FAKE_KEY.secret },
  });
  try {
    const all = Array.from({ length: 17 }, () => exchange.balances());
    await eventually(() => server.privateRest.calls.length === 15, "15 calls");
    timers.advance(3030);
    assertEquals(server.privateRest.calls.length, 15);
    timers.advance(1);
    await eventually(() => server.privateRest.calls.length === 16, "the 16th call");
    timers.advance(3031);
    await Promise.all(all);
    assertEquals(server.privateRest.calls.length, 17);
    assert(server.privateRest.calls.every((c) => c.outcome === "ok"));
  } finally {
    await exchange.close();
    await server.close();
  }
});
