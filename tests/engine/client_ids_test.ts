import { assert, assertEquals } from "../assert.ts";
import { CLIENT_ID_LENGTH, isClientId, newClientId } from "../../lib/engine/mod.ts";

const T0 = Date.UTC(2026, 10, 23, 12, 0);

Deno.test("client ids fit Kraken cl_ord_id free text, Poloniex clientOrderId and Bitstamp client_order_id", () => {
  const id = newClientId(T0);
  assertEquals(id.length, CLIENT_ID_LENGTH);
  assert(id.length <= 18, "Kraken free-text cl_ord_id: at most 18 characters");
  assert(/^[A-Za-z0-9_-]{1,64}$/.test(id), "Poloniex: at most 64 of [A-Za-z0-9_-]");
  assert(/^[0-9a-z]+$/.test(id), "no characters any venue could object to");
  assert(!/^[0-9a-f]{32}$/.test(id) && id.length !== 36, "never mistaken for a UUID");
  assert(isClientId(id));
  assert(!isClientId("OSIM-000001"));
});

Deno.test("client ids are unique in bulk, even within one millisecond, and sort by time", () => {
  const seen = new Set<string>();
  for (let i = 0; i < 100_000; i++) seen.add(newClientId(T0));
  assertEquals(seen.size, 100_000);
  const earlier = newClientId(T0 - 1000);
  const later = newClientId(T0 + 1000);
  assert(earlier.slice(0, 10) < later.slice(0, 10));
});
