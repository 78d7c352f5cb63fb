import { assert, assertEquals } from "../../assert.ts";
import { Home, noTerminal } from "../../cli/account_helpers.ts";
import { runMain } from "../../cli/helpers.ts";
import { VENUE_DEPS } from "../../fixtures/venues.ts";
import { FAKE_KEY, FakeBitstamp } from "../../fakes/bitstamp/server.ts";

// Issue 12 acceptance with issue 10's fault: the real program against a fake Bitstamp that carries out the
// buy and then destroys the TCP connection before a byte of the answer. Exactly one order at Bitstamp, the
// command exits 1 with the order unknown, and the next `orders` settles it through order_status/ by its
// client id (Bitstamp caches open_orders/ for 10 s, and the fake does too: the order is not listed there
// yet); never rejected, never sent twice.

type Json = Record<string, unknown>;

Deno.test("pytrader buy, the connection destroyed after Bitstamp created the order: exit 1, unknown; pytrader orders settles it by order_status", async () => {
  await using server = FakeBitstamp.start({ seed: 91 });
  await using home = await Home.create(
    { ...VENUE_DEPS, promptIo: () => noTerminal() },
    `[pytrader]\nexchange = bitstamp\npair = BTC/USD\n\n[bitstamp]\nrest_url = ${server.restUrl}\nws_url = ${server.wsUrl}\n`,
  );
  await home.addSecret("bitstamp", FAKE_KEY.key, FAKE_KEY.secret, { cheap: true });
  const args = [
    "--exchange",
    "bitstamp",
    "--json",
    "--config",
    home.ini,
    "--passphrase-file",
    await home.passphraseFile(),
  ];
  server.privateRest.faults.push({ endpoint: "buy/btcusd", destroy: true });
  const price = String(server.top(1).bids[0]!.price - 1_000);
  const buy = await runMain(["buy", price, "0.0001", ...args]);
  assertEquals(buy.code, 1, buy.stdout + buy.stderr);
  const out = JSON.parse(buy.stdout) as { ok: boolean; error: Json; order: Json };
  assertEquals([out.ok, out.error.kind, out.order.status], [false, "OutcomeUnknown", "unknown"]);
  const clientId = String(out.order.clientId);
  const buys = () =>
    server.privateRest.calls.filter((c) => c.endpoint === "buy/btcusd").map((c) =>
      `${c.params.client_order_id} ${c.outcome}`
    );
  assertEquals(buys(), [`${clientId} ok (destroyed)`]);
  assertEquals(server.killed, 1);
  assertEquals(server.account.orders.size, 1);

  const orders = await runMain(["orders", ...args]);
  assertEquals(orders.code, 0, orders.stderr);
  const listed = (JSON.parse(orders.stdout).orders as Json[]).map((
    o,
  ) => [o.clientId, o.status, o.owner, o.price]);
  assertEquals(listed, [[clientId, "open", "cli", price]]);
  const lookups = server.privateRest.calls.filter((c) => c.endpoint === "order_status");
  assert(
    lookups.some((c) => c.params.client_order_id === clientId),
    "settled by order_status/ with the client id",
  );
  assertEquals(buys().length, 1, "never sent again");
});
