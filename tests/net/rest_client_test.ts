import { assertEquals, assertRejects } from "../assert.ts";
import { ExchangeUnavailable, RateLimited, RequestTimeout } from "../../lib/core/mod.ts";
import type { RawFrame } from "../../lib/net/raw_frame.ts";
import { RestClient } from "../../lib/net/rest_client.ts";
import { TokenBucket } from "../../lib/net/rate_limiter.ts";
import { FakeTimers } from "./fake_timers.ts";

function server(handler: (req: Request) => Response | Promise<Response>) {
  const s = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, handler);
  return { url: `http://127.0.0.1:${s.addr.port}`, close: () => s.shutdown() };
}

Deno.test("RestClient returns bodies, sends headers and query, and shows every body to the tap", async () => {
  const seen: string[] = [];
  const srv = server((req) => {
    seen.push(`${new URL(req.url).search} ${req.headers.get("user-agent")}`);
    return new Response('{"error":[]}');
  });
  const frames: RawFrame[] = [];
  try {
    const http = new RestClient({
      baseUrl: srv.url + "/",
      headers: { "User-Agent": "t/1" },
      tap: (f) => frames.push(f),
    });
    const res = await http.get("/0/public/Time", { a: 1, b: undefined, c: "x y" }, "read the time");
    assertEquals(res.text, '{"error":[]}');
    assertEquals(seen, ["?a=1&c=x+y t/1"]);
    assertEquals(frames.map((f) => [f.src, f.url, f.data]), [[
      "rest",
      `${srv.url}/0/public/Time?a=1&c=x+y`,
      res.text,
    ]]);
  } finally {
    await srv.close();
  }
});

Deno.test("RestClient maps 429 with Retry-After to RateLimited and 5xx to ExchangeUnavailable", async () => {
  let n = 0;
  const srv = server(() =>
    ++n === 1
      ? new Response("slow down", { status: 429, headers: { "retry-after": "3" } })
      : new Response("down", { status: 502, statusText: "Bad Gateway" })
  );
  try {
    const http = new RestClient({ baseUrl: srv.url });
    const e = await assertRejects(
      () => http.get("/x", {}, "load x"),
      RateLimited,
      "Cannot load x: rate limited",
    );
    assertEquals((e as RateLimited).retryAfterMs, 3000);
    await assertRejects(
      () => http.get("/x", {}, "load x"),
      ExchangeUnavailable,
      "Cannot load x: HTTP 502 Bad Gateway",
    );
  } finally {
    await srv.close();
  }
});

Deno.test("RestClient times out on the injected clock", async () => {
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let arrived!: () => void;
  const atServer = new Promise<void>((r) => (arrived = r));
  const srv = server(async () => {
    arrived();
    await held;
    return new Response("late");
  });
  const timers = new FakeTimers();
  try {
    const http = new RestClient({ baseUrl: srv.url, timers, timeoutMs: 2500 });
    const p = http.get("/slow", {}, "load slow");
    await atServer;
    timers.advance(2500);
    await assertRejects(() => p, RequestTimeout, "Cannot load slow: no answer within 2500 ms");
    assertEquals(timers.pending, 0);
  } finally {
    release();
    await srv.close();
  }
});

Deno.test("RestClient: nobody listening is ExchangeUnavailable", async () => {
  const srv = server(() => new Response(""));
  const url = srv.url;
  await srv.close();
  await assertRejects(
    () => new RestClient({ baseUrl: url }).get("/x", {}, "load x"),
    ExchangeUnavailable,
    "Cannot load x",
  );
});

Deno.test("RestClient.post sends the prepared body and headers, prepared only once the limiter lets it go", async () => {
  const seen: string[] = [];
  const srv = server(async (req) => {
    seen.push(
      `${req.method} ${new URL(req.url).pathname} ${req.headers.get("content-type")} ${
        req.headers.get("api-key")
      } ${req.headers.get("user-agent")} ${await req.text()}`,
    );
    return new Response('{"error":[],"result":{}}');
  });
  const timers = new FakeTimers();
  const limiter = new TokenBucket({ capacity: 1, refillPerSecond: 1, timers });
  try {
    const http = new RestClient({ baseUrl: srv.url, limiter, timers, headers: { "User-Agent": "t/1" } });
    const prepared: number[] = [];
    const prepare = (n: number) => () => {
      prepared.push(n);
      return { body: `nonce=${n}`, headers: { "API-Key": "k" } };
    };
    await http.post("/0/private/Balance", prepare(1), "read balances");
    const second = http.post("/0/private/Balance", prepare(2), "read balances");
    await Promise.resolve();
    assertEquals(prepared, [1]);
    timers.advance(1000);
    await second;
    assertEquals(prepared, [1, 2]);
    assertEquals(seen, [
      "POST /0/private/Balance application/x-www-form-urlencoded k t/1 nonce=1",
      "POST /0/private/Balance application/x-www-form-urlencoded k t/1 nonce=2",
    ]);
  } finally {
    limiter.close();
    await srv.close();
  }
});

Deno.test("RestClient.post: a connection broken mid-answer is ExchangeUnavailable, not an answer", async () => {
  const srv = server(() => {
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode('{"error":[],"res'));
        c.error(new Error("gone"));
      },
    });
    return new Response(body);
  });
  try {
    const http = new RestClient({ baseUrl: srv.url });
    await assertRejects(
      () => http.post("/x", () => ({ body: "a=1", headers: {} }), "place order"),
      ExchangeUnavailable,
      "Cannot place order:",
    );
  } finally {
    await srv.close();
  }
});

Deno.test("RestClient posts a null body as no body and no Content-Type; a text body form-encoded", async () => {
  const seen: string[] = [];
  const srv = server(async (req) => {
    seen.push(
      `${req.headers.get("content-type")} ${JSON.stringify(await req.text())} ${req.headers.get("x-a")}`,
    );
    return new Response("ok", { headers: { date: "Tue, 15 Nov 1994 08:12:31 GMT" } });
  });
  try {
    const http = new RestClient({ baseUrl: srv.url });
    const empty = await http.post("/p", () => ({ body: null, headers: { "X-A": "1" } }), "post nothing");
    await http.post("/p", () => ({ body: "a=1", headers: { "X-A": "2" } }), "post a form");
    assertEquals(seen, ['null "" 1', 'application/x-www-form-urlencoded "a=1" 2']);
    assertEquals(empty.headers.get("date"), "Tue, 15 Nov 1994 08:12:31 GMT");
  } finally {
    await srv.close();
  }
});
