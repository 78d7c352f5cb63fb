/**
 * Poloniex publishes no secret and signature pair (protocols.md §3.1, §5.2.7): its example signatures cannot be
 * checked. The fixed points are the documented strings to sign; the HMAC itself is pinned with RFC 4231's test
 * vector, and the signatures the adapter sends are checked against the bytes that arrived.
 */
import { assertEquals } from "../../assert.ts";
import {
  bodyParams,
  presign,
  queryParams,
  signature,
  wsAuthPresign,
} from "../../../exchanges/poloniex/auth.ts";
import { PoloniexPrivateRest } from "../../../exchanges/poloniex/private_rest.ts";
import { RateTiers } from "../../../exchanges/poloniex/rate_tiers.ts";
import { FakeTimers } from "../../net/fake_timers.ts";
import { expectedPresign, hmacBase64 } from "../../fakes/poloniex/sign_check.ts";

Deno.test("poloniex presign of a GET: the documented string (https://api-docs.poloniex.com/spot/api/, Authentication)", () => {
  const text = presign("GET", "/orders", queryParams({ symbol: "ETH_USDT", limit: "5" }, "1659259836247"));
  assertEquals(text, "GET\n/orders\nlimit=5&signTimestamp=1659259836247&symbol=ETH_USDT");
});

Deno.test("poloniex presign with a body: the documented DELETE example, the body as sent", () => {
  const body = '{"orderIds":["1234567890"],"clientOrderIds":["myId-1"]}';
  assertEquals(
    presign("DELETE", "/orders/cancelByIds", bodyParams(body, "1631018760000")),
    'DELETE\n/orders/cancelByIds\nrequestBody={"orderIds":["1234567890"],"clientOrderIds":["myId-1"]}&signTimestamp=1631018760000',
  );
});

Deno.test("poloniex query values are encoded as encodeURIComponent does, keys sorted", () => {
  assertEquals(queryParams({ b: "x y", a: "1/2" }, "1"), "a=1%2F2&b=x%20y&signTimestamp=1");
});

Deno.test("poloniex signature is base64 HMAC-SHA256 (RFC 4231 test case 2) and agrees with the fake's own code", async () => {
  assertEquals(
    signature("Jefe", "what do ya want for nothing?"),
    "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=",
  );
  const doc = "GET\n/orders\nlimit=5&signTimestamp=1659259836247&symbol=ETH_USDT";
  assertEquals(signature("my-secret", doc), await hmacBase64("my-secret", doc));
  assertEquals(wsAuthPresign("1659259836247"), "GET\n/ws\nsignTimestamp=1659259836247");
});

Deno.test("poloniex private REST signs exactly the bytes it sends: headers, query and body checked at the receiver", async () => {
  const seen: { ok: boolean; key: string | null; ts: string | null }[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    const url = new URL(req.url);
    const body = await req.text();
    const ts = req.headers.get("signTimestamp");
    const want = await hmacBase64("s3cret", expectedPresign(req.method, url, body, ts ?? ""));
    seen.push({ ok: req.headers.get("signature") === want, key: req.headers.get("key"), ts });
    return new Response("[]");
  });
  const timers = new FakeTimers(1659259836247);
  const tiers = new RateTiers(timers);
  try {
    const rest = new PoloniexPrivateRest({
      baseUrl: `http://127.0.0.1:${server.addr.port}`,
      credentials: { key: () => "k-1", secret: () => "s3cret" },
      tiers,
      timers,
    });
    await rest.get("/orders", { symbol: "ETH_USDT", limit: "5" }, "list orders");
    await rest.withBody(
      "DELETE",
      "/orders/cancelByIds",
      '{"orderIds":["1234567890"], "clientOrderIds":[]}',
      "cancel",
    );
    await rest.delete("/orders/cid:myId-1", "cancel");
    assertEquals(seen, [
      { ok: true, key: "k-1", ts: "1659259836247" },
      { ok: true, key: "k-1", ts: "1659259836247" },
      { ok: true, key: "k-1", ts: "1659259836247" },
    ]);
  } finally {
    tiers.close();
    await server.shutdown();
  }
});
