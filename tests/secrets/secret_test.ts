import { assertEquals } from "../assert.ts";
import { Secret } from "../../lib/secrets/mod.ts";

const VALUE = "kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==";

Deno.test("Secret: only reveal() gives the value", () => {
  const s = new Secret(VALUE);
  assertEquals(s.reveal(), VALUE);
});

Deno.test("Secret: every accidental way of printing it shows [redacted]", () => {
  const s = new Secret(VALUE);
  const holder = { key: new Secret("API-KEY-1234"), secret: s };
  const shown = [
    String(s),
    `${s}`,
    "" + s,
    s.toString(),
    JSON.stringify(s),
    JSON.stringify(holder),
    JSON.stringify({ nested: [holder] }),
    Deno.inspect(s),
    Deno.inspect(holder, { showHidden: true, depth: 10 }),
    Deno.inspect([holder], { colors: true }),
    new Error(`signing with ${s}`).message,
  ];
  for (const text of shown) {
    assertEquals(text.includes(VALUE) || text.includes("API-KEY-1234"), false, text);
  }
  assertEquals(JSON.stringify(holder), '{"key":"[redacted]","secret":"[redacted]"}');
  assertEquals(Deno.inspect(holder), "{ key: [redacted], secret: [redacted] }");
});

Deno.test("Secret: it has no enumerable fields and a structured clone carries nothing", () => {
  const s = new Secret(VALUE);
  assertEquals(Object.keys(s), []);
  assertEquals(Object.getOwnPropertyNames(s), []);
  assertEquals(JSON.stringify(structuredClone({ s })), '{"s":{}}');
});
