import { assertEquals, assertRejects } from "../assert.ts";
import { ExchangeUnavailable } from "../../lib/core/mod.ts";
import type { ConnectionState } from "../../lib/core/mod.ts";
import { WsClient } from "../../lib/net/ws_client.ts";
import { FakeTimers } from "./fake_timers.ts";
import { eventually } from "../eventually.ts";
import { wsTestServer } from "./ws_test_server.ts";

/** An echo server that counts connections and can close them all; muted, it answers nothing. */
function echoServer() {
  const srv = Object.assign(
    wsTestServer((socket, text) => {
      if (!srv.mute) socket.send(`echo:${text}`);
    }),
    { mute: false },
  );
  return srv;
}

Deno.test("WsClient reconnects after a drop and calls onOpen again (resubscribe point)", async () => {
  const srv = echoServer();
  const timers = new FakeTimers();
  const got: string[] = [];
  const states: ConnectionState[] = [];
  let opens = 0;
  const ws = new WsClient({
    url: srv.url,
    timers,
    random: () => 0,
    backoff: { baseMs: 100, maxMs: 1000 },
    onMessage: (t) => got.push(t),
    onOpen: () => {
      opens++;
      ws.send(`hello ${opens}`);
    },
    onState: (s) => states.push(s),
  });
  try {
    await ws.connect();
    await eventually(() => got.length === 1, "the echo");
    srv.dropAll();
    await eventually(() => ws.state === "down", "down");
    timers.advance(50);
    await eventually(() => srv.opened === 2, "the second connection");
    await eventually(() => got.length === 2, "the second echo");
    assertEquals(got, ["echo:hello 1", "echo:hello 2"]);
    assertEquals(states, ["connecting", "connected", "down", "connecting", "connected"]);
  } finally {
    await ws.close();
    await srv.close();
  }
});

Deno.test("WsClient watchdog: stale and ping after silence, reconnect after the deadline", async () => {
  const srv = echoServer();
  const timers = new FakeTimers();
  const states: ConnectionState[] = [];
  let pings = 0;
  const ws = new WsClient({
    url: srv.url,
    timers,
    random: () => 0,
    staleAfterMs: 1000,
    deadAfterMs: 3000,
    backoff: { baseMs: 100, maxMs: 1000 },
    ping: () => `ping ${++pings}`,
    onMessage: () => {},
    onState: (s) => states.push(s),
  });
  try {
    await ws.connect();
    timers.advance(999);
    assertEquals(ws.state, "connected");
    timers.advance(1);
    assertEquals(ws.state, "stale");
    assertEquals(pings, 1);
    // The echoed ping is traffic: the connection is healthy again.
    await eventually(() => ws.state === "connected", "connected after the pong");
    srv.mute = true;
    timers.advance(1000);
    assertEquals(ws.state, "stale");
    assertEquals(pings, 2);
    timers.advance(1999);
    assertEquals(ws.state, "stale");
    timers.advance(1);
    assertEquals(ws.state, "down");
    srv.mute = false;
    timers.advance(50);
    await eventually(() => srv.opened === 2 && ws.state === "connected", "reopened");
    assertEquals(states, [
      "connecting",
      "connected",
      "stale",
      "connected",
      "stale",
      "down",
      "connecting",
      "connected",
    ]);
  } finally {
    await ws.close();
    await srv.close();
  }
});

Deno.test("WsClient: a failed first connect rejects with ExchangeUnavailable and leaves nothing open", async () => {
  const srv = echoServer();
  const url = srv.url;
  await srv.close();
  const ws = new WsClient({ url, timers: new FakeTimers(), onMessage: () => {} });
  await assertRejects(() => ws.connect(), ExchangeUnavailable, `Cannot connect to ${url}`);
  await ws.close();
});
