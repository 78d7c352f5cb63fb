import { assertEquals } from "../assert.ts";
import { RestClient } from "../../lib/net/rest_client.ts";
import { TokenBucket } from "../../lib/net/rate_limiter.ts";
import { FakeTimers } from "./fake_timers.ts";

Deno.test("RestClient.send: any method, the body byte for byte, headers made after the limiter let it through", async () => {
  const seen: string[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    const url = new URL(req.url);
    seen.push(`${req.method} ${url.pathname}${url.search} ${req.headers.get("x-at")} ${await req.text()}`);
    return new Response("[]", { status: 400 });
  });
  const timers = new FakeTimers();
  const limiter = new TokenBucket({ capacity: 1, refillPerSecond: 1, timers });
  try {
    const http = new RestClient({ baseUrl: `http://127.0.0.1:${server.addr.port}`, timers, limiter });
    const body = '{"orderIds":["1234567890"], "clientOrderIds":["myId-1"]}';
    const first = await http.send("DELETE", "/orders/cancelByIds", body, () => ({
      "x-at": String(timers.now()),
    }), "cancel");
    assertEquals([first.status, first.text], [400, "[]"]);
    const second = http.send("GET", "/orders/cid:pt1?limit=5", undefined, () => ({
      "x-at": String(timers.now()),
    }), "look up");
    timers.advance(1000);
    await second;
    const t0 = timers.now() - 1000;
    assertEquals(seen, [
      `DELETE /orders/cancelByIds ${t0} ${body}`,
      `GET /orders/cid:pt1?limit=5 ${t0 + 1000} `,
    ]);
  } finally {
    limiter.close();
    await server.shutdown();
  }
});
