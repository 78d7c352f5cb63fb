import { assert, assertEquals } from "../../assert.ts";
import {
  authHeaders,
  bitstampSignature,
  type SignedParts,
  stringToSign,
} from "../../../exchanges/bitstamp/auth.ts";
import { BitstampPrivateRest } from "../../../exchanges/bitstamp/private_rest.ts";
import { BitstampRate } from "../../../exchanges/bitstamp/rate.ts";
import { expectedSignature } from "../../fakes/bitstamp/sign_check.ts";
import { FakeTimers } from "../../net/fake_timers.ts";

interface Case extends SignedParts {
  readonly name: string;
  readonly secret: string;
  readonly string_to_sign: string;
  readonly signature: string;
}

/** tests/exchanges/bitstamp/bitstamp-sign.json: the documented layout, and JKorf's golden vector (third-party). */
const cases = (JSON.parse(await Deno.readTextFile(new URL("./bitstamp-sign.json", import.meta.url))) as {
  cases: Case[];
}).cases;

for (const c of cases) {
  Deno.test(`Bitstamp signing: ${c.name}`, async () => {
    assertEquals(stringToSign(c), c.string_to_sign);
    assertEquals(bitstampSignature(c.secret, c.string_to_sign), c.signature);
    // The fake's signature check (Web Crypto, written apart from the adapter) agrees on the same vector.
    const contentType = c.body === "" ? "" : "application/x-www-form-urlencoded";
    assertEquals(await expectedSignature(c.secret, { ...c, contentType }), c.signature);
  });
}

Deno.test("Bitstamp X-Auth headers: lowercase hex, the nonce and ms timestamp as signed, Content-Type only with a body", () => {
  const [form, empty] = cases;
  const h = authHeaders(form!, form!.secret);
  assertEquals(h, {
    "X-Auth": "BITSTAMP api_key",
    "X-Auth-Signature": form!.signature,
    "X-Auth-Nonce": "f93c979d-b00d-43a9-9b9c-fd4cd9547fa6",
    "X-Auth-Timestamp": "1705000000000",
    "X-Auth-Version": "v2",
    "Content-Type": "application/x-www-form-urlencoded",
  });
  const e = authHeaders(empty!, empty!.secret);
  assert(!("Content-Type" in e), "no Content-Type without a body");
  assertEquals(e["X-Auth-Signature"], empty!.signature);
});

Deno.test("a signed request as sent: no separators, nonce and clock injected, an empty POST with no body nor Content-Type", async () => {
  const seen: { headers: Headers; body: string; path: string }[] = [];
  const srv = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    seen.push({ headers: req.headers, body: await req.text(), path: new URL(req.url).pathname });
    return new Response("[]");
  });
  const timers = new FakeTimers(1705000000000);
  const rate = new BitstampRate(timers);
  try {
    const base = `http://127.0.0.1:${srv.addr.port}`;
    const rest = new BitstampPrivateRest({
      baseUrl: base,
      credentials: { key: () => "api_key", secret: () => "api_key_secret" },
      rate,
      timers,
      nonce: () => "f93c979d-b00d-43a9-9b9c-fd4cd9547fa6",
    });
    await rest.call("account_balances", {}, "read balances");
    await rest.call("user_transactions", { offset: "1" }, "list transactions");
    const host = `127.0.0.1:${srv.addr.port}`;
    const [balances, transactions] = seen;
    assertEquals([balances!.path, balances!.body, balances!.headers.get("content-type")], [
      "/api/v2/account_balances/",
      "",
      null,
    ]);
    const sign = (path: string, body: string) =>
      bitstampSignature(
        "api_key_secret",
        stringToSign({
          key: "api_key",
          method: "POST",
          host,
          path,
          query: "",
          nonce: "f93c979d-b00d-43a9-9b9c-fd4cd9547fa6",
          timestamp: "1705000000000",
          body,
        }),
      );
    assertEquals(balances!.headers.get("x-auth-signature"), sign("/api/v2/account_balances/", ""));
    assertEquals(transactions!.body, "offset=1");
    assertEquals(transactions!.headers.get("content-type"), "application/x-www-form-urlencoded");
    assertEquals(
      transactions!.headers.get("x-auth-signature"),
      sign("/api/v2/user_transactions/", "offset=1"),
    );
    assertEquals(transactions!.headers.get("x-auth-timestamp"), "1705000000000");
    assertEquals(transactions!.headers.get("x-auth-version"), "v2");
    assertEquals(transactions!.headers.get("x-auth"), "BITSTAMP api_key");
  } finally {
    rate.close();
    await srv.shutdown();
  }
});

Deno.test("nonces are fresh lowercase UUID4s by default", async () => {
  const nonces: string[] = [];
  const srv = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (req) => {
    nonces.push(req.headers.get("x-auth-nonce") ?? "");
    return new Response("[]");
  });
  const rate = new BitstampRate(new FakeTimers(0));
  try {
    const rest = new BitstampPrivateRest({
      baseUrl: `http://127.0.0.1:${srv.addr.port}`,
      credentials: { key: () => "k", secret: () => "s" },
      rate,
    });
    for (let i = 0; i < 3; i++) await rest.call("account_balances", {}, "read balances");
    assertEquals(new Set(nonces).size, 3);
    for (const n of nonces) {
      assert(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(n), n);
    }
  } finally {
    rate.close();
    await srv.shutdown();
  }
});
