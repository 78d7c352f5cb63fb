import { assert, assertEquals } from "../../assert.ts";
import { formatRecord } from "../../../lib/log/mod.ts";
import type { FakeKey } from "../../fakes/kraken/private_rest.ts";
import { accountRig, limit } from "./account_setup.ts";
import { eventually } from "../../eventually.ts";

const KEY: FakeKey = {
  key: "LeakCheckKey+/0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP",
  secret: btoa(String.fromCharCode(...Array.from({ length: 64 }, (_, i) => (i * 37 + 11) % 256))),
};

/** Every text an error carries: message, stack and causes. */
function errorTexts(e: unknown): string[] {
  const out: string[] = [];
  for (let x = e; x instanceof Error; x = x.cause) out.push(x.message, x.stack ?? "", String(x));
  if (!(e instanceof Error)) out.push(String(e));
  return out;
}

Deno.test("a full trading run never shows the key, the secret or a WebSocket token in errors, logs or JSON", async () => {
  await using r = await accountRig({ key: KEY, serverKeys: [KEY] });
  const errors: unknown[] = [];
  const attempt = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
    } catch (e) {
      errors.push(e);
    }
  };
  const rest = r.server.privateRest;
  await r.exchange.connect();
  await eventually(() => r.server.accountFeed.subscribers === 1, "the account feed");
  await r.exchange.balances();
  const resting = await r.exchange.placeOrder(limit("pt0000000000000s01", "buy", 250_000, 100_000));
  await r.exchange.placeOrder(limit("pt0000000000000s02", "buy", 310_000, 100_000));
  await r.exchange.cancelOrder(resting.id);
  await attempt(() => r.exchange.cancelOrder(resting.id));
  await attempt(() => r.exchange.placeOrder(limit("pt0000000000000s03", "sell", 300_000, 10 ** 15)));
  for (const fault of ["EAPI:Invalid nonce", "EAPI:Rate limit exceeded", "EService:Unavailable"]) {
    rest.faults.push({ method: "AddOrder", error: fault });
    await attempt(() => r.exchange.placeOrder(limit("pt0000000000000s04", "buy", 250_000, 100_000)));
  }
  rest.faults.push({ method: "AddOrder", drop: true }, { method: "OpenOrders", status: 500 });
  await attempt(() => r.exchange.placeOrder(limit("pt0000000000000s05", "buy", 250_000, 100_000)));
  await attempt(() => r.exchange.openOrders());
  rest.faults.push({ method: "AddOrder", hang: true });
  const held = attempt(() => r.exchange.placeOrder(limit("pt0000000000000s06", "buy", 250_000, 100_000)));
  await eventually(() => rest.calls.some((c) => c.outcome.endsWith("(held)")), "the held order");
  r.timers.advance(10_000);
  await held;
  await r.exchange.ordersByClientId(["pt0000000000000s05", "pt0000000000000s06"]);
  const from = r.events.all.length;
  r.server.accountFeed.drop();
  await r.events.next("ConnectionChanged", (e) => e.state === "down", from);
  r.timers.advance(750);
  await eventually(() => r.server.accountFeed.connectionsOpened === 2, "the account feed reconnecting");
  await eventually(() => r.server.accountFeed.subscribers === 1, "the account feed again");
  r.server.release();
  {
    // A key the venue refuses: the errors name the refusal, not the key.
    await using bad = await accountRig({ key: KEY });
    await attempt(() => bad.exchange.balances());
    await bad.exchange.connect();
    await eventually(
      () => bad.logs.some((l) => l.message.includes("the account feed stops")),
      "the feed giving up",
    );
    r.logs.push(...bad.logs);
    errors.push(JSON.stringify(bad.exchange));
  }

  assertEquals(errors.length, 10);
  const tokens = [...rest.tokens];
  assert(tokens.length >= 2);
  const secrets = [
    KEY.key,
    KEY.secret,
    encodeURIComponent(KEY.key),
    encodeURIComponent(KEY.secret),
    ...tokens,
  ];
  const texts = [
    ...errors.flatMap(errorTexts),
    ...r.logs.map(formatRecord),
    JSON.stringify(r.exchange),
    Deno.inspect(r.exchange, { depth: 10, showHidden: true }),
    JSON.stringify(r.events.all),
  ];
  assert(r.logs.length > 0 && texts.length > 20);
  for (const t of texts) {
    for (const s of secrets) assert(!t.includes(s), `leaked ${s.slice(0, 6)}... in: ${t.slice(0, 200)}`);
  }
});
