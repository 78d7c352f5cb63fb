import { assert, assertEquals, assertRejects } from "../assert.ts";
import { AuthenticationError, type ConnectionState, ExchangeError } from "../../lib/core/mod.ts";
import { AccountSocket, type AccountSocketOptions } from "../../lib/net/account_socket.ts";
import { FakeTimers } from "./fake_timers.ts";
import { eventually } from "../eventually.ts";
import { wsTestServer } from "./ws_test_server.ts";
import { memoryLog } from "../engine/fake_venue.ts";

/** A server that answers every "auth" frame with the next verdict ("ok" when none are left). */
function authServer(verdicts: string[]) {
  return wsTestServer((socket, text) => {
    if (text === "auth") socket.send(verdicts.shift() ?? "ok");
  });
}

/** A feed whose set-up sends "auth" and takes the server's verdict: "ok", "refused" (the key), else a failure. */
function feed(url: string, timers: FakeTimers, more: Partial<AccountSocketOptions> = {}) {
  const states: string[] = [];
  const { lines, log } = memoryLog();
  const downs: (string | undefined)[] = [];
  let subscribed = 0;
  let verdict: ((text: string) => void) | null = null;
  const socket: AccountSocket = new AccountSocket({
    url,
    venue: "testex",
    title: "Testex",
    log,
    timers,
    random: () => 0,
    backoff: { baseMs: 100, maxMs: 1000 },
    ping: () => "ping",
    onMessage: (text) => verdict?.(text),
    setUp: async (current) => {
      const text = await new Promise<string>((resolve) => {
        verdict = resolve;
        socket.send("auth");
      });
      if (!current()) return false;
      if (text === "refused") throw new AuthenticationError("Cannot authenticate on testex: key refused");
      if (text !== "ok") throw new ExchangeError(`Cannot subscribe on testex: ${text}`);
      return true;
    },
    onDown: (detail) => downs.push(detail),
    onState: (state: ConnectionState, detail?: string) =>
      states.push(detail ? `${state} (${detail})` : state),
    onSubscribed: () => subscribed++,
    ...more,
  });
  return {
    socket,
    states,
    lines,
    downs,
    get subscribed() {
      return subscribed;
    },
  };
}

Deno.test("account socket: connected only once set up; set up again after every reconnect", async () => {
  const srv = authServer([]);
  const timers = new FakeTimers();
  const f = feed(srv.url, timers);
  try {
    await f.socket.connect();
    assert(f.socket.subscribed);
    assertEquals(f.states, ["connecting", "connected"], "the open socket alone did not count");
    assertEquals(f.subscribed, 1);
    srv.dropAll();
    await eventually(() => !f.socket.subscribed, "the drop");
    timers.advance(100);
    await eventually(() => f.subscribed === 2, "set up on the new socket");
    assertEquals(f.states.slice(2), [
      "down (account feed closed (4000 test))",
      "connecting",
      "connected (account feed resubscribed)",
    ]);
    assertEquals(f.downs.length, 1, "onDown told once");
  } finally {
    await f.socket.close();
    await srv.close();
  }
});

Deno.test("account socket: a refused key stops the feed for good; other failures reconnect", async () => {
  const srv = authServer(["refused"]);
  const timers = new FakeTimers();
  const f = feed(srv.url, timers);
  try {
    await assertRejects(() => f.socket.connect(), AuthenticationError, "key refused");
    timers.advance(10_000);
    assertEquals(srv.opened, 1, "no reconnect after a refused key");
    assert(f.lines.includes("error Cannot authenticate on testex: key refused; the account feed stops"));
  } finally {
    await f.socket.close();
    await srv.close();
  }
  const srv2 = authServer(["busy"]);
  const g = feed(srv2.url, timers);
  try {
    await assertRejects(() => g.socket.connect(), ExchangeError, "busy");
    assert(g.lines.includes("warn Cannot subscribe on testex: busy; reconnecting the account feed"));
    timers.advance(100);
    await eventually(() => g.socket.subscribed, "set up on the retry");
    assertEquals(srv2.opened, 2);
  } finally {
    await g.socket.close();
    await srv2.close();
  }
});

Deno.test("account socket: close() ends a connect still waiting", async () => {
  const srv = authServer(["never"]);
  const timers = new FakeTimers();
  const f = feed(srv.url, timers, {
    setUp: () => new Promise<boolean>(() => {}),
  });
  const connecting = f.socket.connect().then(() => null, (e: unknown) => e);
  await eventually(() => srv.opened === 1, "the socket open");
  await f.socket.close();
  const e = await connecting;
  assert(e instanceof TypeError, String(e));
  assertEquals(e.message, "Cannot open the testex account feed: the exchange was closed");
  await srv.close();
});
