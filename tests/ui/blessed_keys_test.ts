import { assertEquals } from "../assert.ts";
import { keyName } from "../../lib/ui/blessed/keys.ts";

Deno.test("keyName: one Enter press is one enter (blessed reports enter, then return)", () => {
  assertEquals(keyName("\r", { name: "enter", sequence: "\r" }), "enter");
  assertEquals(keyName("\r", { name: "return", sequence: "\r" }), undefined);
  assertEquals(keyName("\n", { name: "linefeed", sequence: "\n" }), "enter");
});

Deno.test("keyName: dialog keys by name, printable characters as themselves", () => {
  assertEquals(keyName(undefined, { name: "insert", sequence: "\x1b[2~" }), "insert");
  assertEquals(keyName(undefined, { name: "f8", sequence: "\x1b[19~" }), "f8");
  assertEquals(keyName("\t", { name: "tab", sequence: "\t" }), "tab");
  assertEquals(keyName("\x7f", { name: "backspace", sequence: "\x7f" }), "backspace");
  assertEquals(keyName("=", { name: undefined, sequence: "=" }), "=");
  assertEquals(keyName("\x03", { name: "c", ctrl: true, sequence: "\x03" }), "C-c");
});
