import { assertEquals, assertRejects } from "../assert.ts";
import { ExchangeUnavailable, RateLimited, RequestTimeout } from "../../lib/core/mod.ts";
import type { RawFrame } from "../../lib/net/raw_frame.ts";
import { RestClient } from "../../lib/net/rest_client.ts";
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
