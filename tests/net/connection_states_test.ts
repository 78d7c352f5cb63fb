import { assertEquals } from "../assert.ts";
import type { ConnectionState } from "../../lib/core/mod.ts";
import { ConnectionStates } from "../../lib/net/connection_states.ts";

Deno.test("connection states: the market socket's state, told once per change", () => {
  const s = new ConnectionStates();
  assertEquals(s.change(false), "down", "the first state is always told");
  assertEquals(s.change(false), null);
  s.market = "connecting";
  assertEquals(s.change(false), "connecting");
  s.market = "connected";
  assertEquals(s.change(false), "connected");
  assertEquals(s.change(false), null);
});

Deno.test("connection states: connected with a book awaiting its snapshot is resyncing; other states stay", () => {
  const s = new ConnectionStates();
  s.market = "connected";
  assertEquals(s.change(true), "resyncing");
  assertEquals(s.change(false), "connected");
  s.market = "stale";
  assertEquals(s.change(true), "stale", "a stale socket is not turned into resyncing");
  s.market = "down";
  assertEquals(s.change(true), "down");
});

Deno.test("connection states: with an account feed, the worse of the two", () => {
  const all: ConnectionState[] = ["down", "connecting", "resyncing", "stale", "connected"];
  const told: string[] = [];
  for (const market of all) {
    for (const account of all) {
      const s = new ConnectionStates();
      s.market = market;
      s.account = account;
      told.push(`${market}+${account}=${s.change(false)}`);
    }
  }
  const worse = (a: ConnectionState, b: ConnectionState) => all[Math.min(all.indexOf(a), all.indexOf(b))];
  assertEquals(told, all.flatMap((m) => all.map((a) => `${m}+${a}=${worse(m, a)}`)));
  const s = new ConnectionStates();
  s.market = "connected";
  s.account = "connected";
  assertEquals(s.change(true), "resyncing", "a book awaiting its snapshot is worse than a connected feed");
  s.account = "connecting";
  assertEquals(s.change(true), "connecting", "a reconnecting account feed is worse than resyncing");
});
