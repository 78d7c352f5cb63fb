import { assert, assertEquals, assertThrows } from "../assert.ts";
import { Journal, type JournalEntry, journalPathFor } from "../../lib/engine/mod.ts";
import { tempJournalPath } from "./engine_helpers.ts";

function entry(clientId: string, extra: Partial<JournalEntry> = {}): JournalEntry {
  return {
    clientId,
    venue: "kraken",
    symbol: "BTC/USD",
    side: "buy",
    type: "limit",
    price: "60000.0",
    volume: "0.50000000",
    filled: "0.00000000",
    owner: "ui",
    paper: false,
    status: "pending",
    venueId: "",
    createdAt: 1,
    updatedAt: 1,
    error: null,
    ...extra,
  };
}

Deno.test("the journal file is created with mode 0600, in WAL mode, and keeps orders across reopening", () => {
  const { dir, path } = tempJournalPath();
  const j = Journal.open(path);
  assert(j.insert(entry("pt1")));
  assertEquals(Deno.statSync(path).mode! & 0o777, 0o600);
  for (const f of [`${path}-wal`, `${path}-shm`]) assertEquals(Deno.statSync(f).mode! & 0o777, 0o600, f);
  j.update("pt1", { status: "open", venueId: "OABC-1", filled: "0.10000000", error: null, updatedAt: 5 });
  j.close();
  const again = Journal.open(path);
  assertEquals(again.get("pt1"), {
    ...entry("pt1"),
    status: "open",
    venueId: "OABC-1",
    filled: "0.10000000",
    updatedAt: 5,
  });
  assertEquals(again.byVenueId("kraken", "OABC-1", false)?.clientId, "pt1");
  assertEquals(again.byVenueId("kraken", "OABC-1", true), null, "paper orders are apart");
  again.close();
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("an existing journal with loose permissions is tightened to 0600", () => {
  const { dir, path } = tempJournalPath();
  Deno.writeFileSync(path, new Uint8Array(), { mode: 0o644 });
  Deno.chmodSync(path, 0o644);
  const j = Journal.open(path);
  assertEquals(Deno.statSync(path).mode! & 0o777, 0o600);
  j.close();
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("a client id is written once; live() lists unfinished orders of one market, oldest first", () => {
  const j = Journal.memory();
  assert(j.insert(entry("a")));
  assertEquals(j.insert(entry("a", { owner: "cli" })), false);
  j.insert(entry("b", { status: "open" }));
  j.insert(entry("c", { status: "filled" }));
  j.insert(entry("d", { status: "unknown", paper: true }));
  j.insert(entry("e", { status: "unknown", symbol: "ETH/USD" }));
  j.insert(entry("f", { status: "unknown" }));
  assertEquals(j.live("kraken", "BTC/USD", false).map((e) => e.clientId), ["a", "b", "f"]);
  assertEquals(j.live("kraken", "BTC/USD", true).map((e) => e.clientId), ["d"]);
  assertThrows(
    () => j.update("zzz", { status: "open", venueId: "", filled: "0", error: null, updatedAt: 1 }),
    TypeError,
  );
  assertThrows(() => j.insert(entry("g", { status: "weird" as "open" })));
  j.close();
});

Deno.test("key/value state: JSON text in, the same text out; not JSON is refused", () => {
  const j = Journal.memory();
  assertEquals(j.getState("strategy.balancer"), null);
  j.setState("strategy.balancer", '{"target":0.5}');
  j.setState("strategy.balancer", '{"target":0.6}');
  assertEquals(j.getState("strategy.balancer"), '{"target":0.6}');
  assertThrows(() => j.setState("x", "{nope"), RangeError, 'Cannot store state "x"');
  j.deleteState("strategy.balancer");
  assertEquals(j.getState("strategy.balancer"), null);
  j.close();
});

Deno.test("a journal from a newer schema is refused, not changed", () => {
  const { dir, path } = tempJournalPath();
  Journal.open(path).close();
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "eval",
      `import { DatabaseSync } from "node:sqlite"; const db = new DatabaseSync(${
        JSON.stringify(path)
      }); db.exec("PRAGMA user_version = 99"); db.close();`,
    ],
  }).outputSync();
  assert(child.success, new TextDecoder().decode(child.stderr));
  assertThrows(() => Journal.open(path), Error, "written by a newer PyTrader (schema 99");
  Deno.removeSync(dir, { recursive: true });
});

// Both writers give way between orders, as the app does between user actions: a writer that holds the
// lock for its whole loop would starve the other past SQLite's busy timeout on a loaded machine.
Deno.test("two processes write the same journal at the same time and lose nothing", async () => {
  const { dir, path } = tempJournalPath();
  const j = Journal.open(path);
  const url = new URL("../../lib/engine/journal.ts", import.meta.url).href;
  const code = `
    import { Journal } from ${JSON.stringify(url)};
    const j = Journal.open(${JSON.stringify(path)});
    for (let i = 0; i < 1000; i++) {
      const e = { clientId: "child" + i, venue: "kraken", symbol: "BTC/USD", side: "sell", type: "limit",
        price: "1.0", volume: "1.00000000", filled: "0.00000000", owner: "cli", paper: false, status: "pending",
        venueId: "", createdAt: i, updatedAt: i, error: null };
      if (!j.insert(e)) throw new Error("duplicate");
      j.update(e.clientId, { status: "open", venueId: "C" + i, filled: e.filled, error: null, updatedAt: i });
      await new Promise((r) => setTimeout(r, 0));
    }
    j.close();
  `;
  const child = new Deno.Command(Deno.execPath(), { args: ["eval", code], stderr: "piped" }).spawn();
  for (let i = 0; i < 1000; i++) {
    j.insert(entry(`parent${i}`));
    j.update(`parent${i}`, {
      status: "open",
      venueId: `P${i}`,
      filled: "0.00000000",
      error: null,
      updatedAt: i,
    });
    await new Promise((r) => setTimeout(r, 0));
  }
  const out = await child.output();
  assert(out.success, new TextDecoder().decode(out.stderr));
  const live = j.live("kraken", "BTC/USD", false);
  assertEquals(live.length, 2000);
  assert(live.every((e) => e.status === "open"));
  j.close();
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("the journal file sits beside the ini", () => {
  assertEquals(journalPathFor("/home/u/pytrader.ini"), "/home/u/pytrader.journal.sqlite");
  assertEquals(journalPathFor("conf/test.INI"), "conf/test.journal.sqlite");
  assertEquals(journalPathFor("settings"), "settings.journal.sqlite");
});
