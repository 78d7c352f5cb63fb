import { assert, assertEquals } from "../assert.ts";
import { Journal, OrderEngine } from "../../lib/engine/mod.ts";
import { rig, T0 } from "./engine_helpers.ts";
import { FakeVenue, memoryLog } from "./fake_venue.ts";

// Issue 10: an own order the journal holds as finished while the venue lists it open must be listed, and
// the journal corrected. The venue's open orders are the truth about what is open.

/** A venue that takes the order and yet answers with a refusal (what a lost answer used to look like). */
function takenButRefused(venue: FakeVenue): void {
  venue.scripts.push({ reject: "Cannot place order on fake: EAPI:Invalid nonce" });
  venue.onPlace = (cmd) => {
    venue.onPlace = null;
    venue.addForeign(cmd.side, cmd.price!, cmd.qty, cmd.clientId);
  };
}

Deno.test("an order the journal holds as rejected but the venue lists open: listed as ours, journal corrected, logged", async () => {
  const journal = Journal.memory();
  const first = rig({ lookup: true }, { journal });
  takenButRefused(first.venue);
  const { clientId, settled } = first.engine.submit({ side: "buy", price: "0.021", volume: "0.5" });
  assertEquals((await settled).status, "rejected");
  assertEquals(journal.get(clientId)!.status, "rejected");
  first.engine.close();

  // The next command or start: a new engine over the same journal and venue.
  const { lines, log } = memoryLog();
  const next = new OrderEngine({
    exchange: first.venue,
    instrument: first.venue.instrument,
    journal,
    clock: { now: () => T0 + 1000 },
    log,
  });
  await next.reconcile();
  const listed = next.orders();
  assertEquals(listed.map((o) => [o.clientId, o.status, o.owner, o.id]), [[
    clientId,
    "open",
    "ui",
    "OFAKE-1",
  ]]);
  assertEquals(listed[0]!.error, undefined);
  const row = journal.get(clientId)!;
  assertEquals([row.status, row.venueId, row.error], ["open", "OFAKE-1", null]);
  const warning = lines.find((l) => l.startsWith("warn") && l.includes(clientId));
  assert(warning, lines.join("\n"));
  assert(
    warning.includes("was recorded as rejected (Cannot place order on fake: EAPI:Invalid nonce)") &&
      warning.includes("but fake lists it open as OFAKE-1: the journal is corrected"),
    warning,
  );
  assertEquals(first.venue.placed.length, 1, "never sent again");
  next.close();
  journal.close();
});

Deno.test("the same discrepancy within one run: the next reconciliation corrects it", async () => {
  const r = rig({ lookup: true });
  takenButRefused(r.venue);
  const { clientId, settled } = r.engine.submit({ side: "sell", price: "0.021", volume: "0.5" });
  assertEquals((await settled).status, "rejected");
  assertEquals(r.engine.orders(), []);
  await r.engine.reconcile();
  assertEquals(r.engine.orders().map((o) => [o.clientId, o.status]), [[clientId, "open"]]);
  assertEquals(r.journal.get(clientId)!.status, "open");
  assert(
    r.lines.some((l) => l.startsWith("warn") && l.includes("was recorded as rejected")),
    r.lines.join("\n"),
  );
  r.journal.close();
});

Deno.test("orders the journal holds as canceled or filled but the venue lists open are corrected too", async () => {
  const journal = Journal.memory();
  const first = rig({}, { journal });
  const a = first.engine.submit({ side: "buy", price: "0.021", volume: "0.5" });
  const b = first.engine.submit({ side: "buy", price: "0.0209", volume: "0.5" });
  await Promise.all([a.settled, b.settled]);
  first.engine.close();
  // Written by a process that was wrong about them (a lost cancel answer, a misread fill).
  const wrong = (clientId: string, status: "canceled" | "filled") =>
    journal.update(clientId, {
      status,
      venueId: journal.get(clientId)!.venueId,
      filled: status === "filled" ? "0.50000000" : "0.00000000",
      error: null,
      updatedAt: T0,
    });
  wrong(a.clientId, "canceled");
  wrong(b.clientId, "filled");
  const next = new OrderEngine({ exchange: first.venue, instrument: first.venue.instrument, journal });
  await next.reconcile();
  assertEquals(next.orders().map((o) => [o.clientId, o.status]), [[a.clientId, "open"], [
    b.clientId,
    "open",
  ]]);
  assertEquals([journal.get(a.clientId)!.status, journal.get(b.clientId)!.status], ["open", "open"]);
  // The venue's list is newer than anything the journal knows: its filled amount (none) counts.
  assertEquals([next.order(b.clientId)!.filled, journal.get(b.clientId)!.filled], [0, "0.00000000"]);
  next.close();
  journal.close();
});
