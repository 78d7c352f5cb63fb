import { assertEquals } from "../assert.ts";
import { HiddenLine, type HiddenOutcome } from "../../lib/secrets/hidden_line.ts";

const bytes = (text: string) => new TextEncoder().encode(text);

function type(...chunks: string[]): HiddenOutcome {
  const editor = new HiddenLine();
  let last: HiddenOutcome = { kind: "more" };
  for (const c of chunks) last = editor.feed(bytes(c));
  return last;
}

function line(outcome: HiddenOutcome): string | undefined {
  return outcome.kind === "line" ? outcome.line : undefined;
}

Deno.test("hidden line: Enter (CR or LF) ends the line, across chunks", () => {
  assertEquals(line(type("secret\r")), "secret");
  assertEquals(line(type("sec", "ret", "\n")), "secret");
  assertEquals(type("secret").kind, "more");
});

Deno.test("hidden line: Backspace deletes one character, also a multi-byte one; Ctrl-U clears", () => {
  assertEquals(line(type("pass\x7f\x7fss\r")), "pass");
  assertEquals(line(type("ab\x08c\r")), "ac");
  assertEquals(line(type("caf\u00e9\x7fe\r")), "cafe");
  assertEquals(line(type("\u{1F512}x\x7f\x7fok\r")), "ok");
  assertEquals(line(type("\x7f\x7fok\r")), "ok");
  assertEquals(line(type("wrong\x15right\r")), "right");
});

Deno.test("hidden line: Ctrl-C aborts, Ctrl-D on an empty line is end of input, else ignored", () => {
  assertEquals(type("abc\x03").kind, "abort");
  assertEquals(type("\x04").kind, "eof");
  assertEquals(line(type("ab\x04c\r")), "abc");
});

Deno.test("hidden line: arrow keys, bracketed paste markers and other controls are not part of it", () => {
  assertEquals(line(type("a\x1b[Db\x1b[1;5C\x1bOAc\r")), "abc");
  assertEquals(line(type("\x1b[200~pasted\x1b[201~\r")), "pasted");
  assertEquals(line(type("a\x1b", "[", "D", "b\tc\r")), "abc");
});

Deno.test("hidden line: what follows Enter is handed back, CRLF counted as one", () => {
  const out = type("one\r\ntwo\n");
  assertEquals(out.kind === "line" ? new TextDecoder().decode(out.rest) : "", "two\n");
});
