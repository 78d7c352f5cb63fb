/** WsClient's client-side keepalive: a ping whenever the client itself has been silent, whatever arrives. */
import { assertEquals } from "../assert.ts";
import { WsClient } from "../../lib/net/ws_client.ts";
import { eventually } from "../eventually.ts";
import { FakeTimers } from "./fake_timers.ts";
import { wsTestServer } from "./ws_test_server.ts";

/** A server that streams a frame on demand and records what each client sent, with the fake time. */
function streamer(timers: FakeTimers) {
  const received: { text: string; at: number }[] = [];
  const srv = wsTestServer((_, text) => received.push({ text, at: timers.now() }));
  return Object.assign(srv, { received });
}

Deno.test("WsClient keepalive: a ping every keepaliveMs of client silence, though data arrives every second", async () => {
  const timers = new FakeTimers();
  const srv = streamer(timers);
  let got = 0;
  const ws = new WsClient({
    url: srv.url,
    timers,
    keepaliveMs: 10_000,
    staleAfterMs: 60_000,
    deadAfterMs: 120_000,
    ping: () => "ping",
    onMessage: () => got++,
  });
  try {
    await ws.connect();
    const start = timers.now();
    for (let s = 1; s <= 45; s++) {
      srv.push(`data ${s}`);
      await eventually(() => got === s, `data frame ${s}`);
      timers.advance(1000);
      if (s % 10 === 0) await eventually(() => srv.received.length === s / 10, `ping ${s / 10}`);
      // A frame sent by the client itself restarts the silence it measures.
      if (s === 23) ws.send("subscribe");
    }
    assertEquals(srv.received.map((r) => [r.text, (r.at - start) / 1000]), [
      ["ping", 10],
      ["ping", 20],
      ["subscribe", 23],
      ["ping", 33],
      ["ping", 43],
    ]);
    assertEquals(ws.sent, 5);
  } finally {
    await ws.close();
    await srv.close();
  }
});

Deno.test("WsClient keepalive: off when not asked for, and never after close", async () => {
  const timers = new FakeTimers();
  const srv = streamer(timers);
  const ws = new WsClient({ url: srv.url, timers, staleAfterMs: 60_000, ping: () => "ping", onMessage() {} });
  await ws.connect();
  timers.advance(45_000);
  ws.send("marker");
  await eventually(() => srv.received.length === 1, "the marker");
  assertEquals(srv.received.map((r) => r.text), ["marker"], "no keepalive ping without keepaliveMs");
  await ws.close();
  assertEquals(timers.pending, 0, "no timer left behind");
  await srv.close();
});
