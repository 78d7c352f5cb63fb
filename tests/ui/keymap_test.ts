import { assert, assertEquals } from "../assert.ts";
import { dialogAction, helpRows, KEYMAP, keyTableMarkdown, mainBinding } from "../../lib/ui/keymap.ts";
import { helpBox } from "../../lib/ui/views/help.ts";
import { lineText } from "../../lib/ui/style.ts";

const README = new URL("../../README.md", import.meta.url);

/** A markdown table with cell padding and rule widths normalised, as `deno fmt` may align them. */
function normaliseTable(table: string): string {
  return table.trim().split("\n").map((line) =>
    line.trim().split("|").map((cell) => {
      const c = cell.trim();
      return /^-+$/.test(c) ? "---" : c;
    }).join("|")
  ).join("\n");
}

/** The README section between the keys markers, without surrounding blank lines. */
async function readmeKeyTable(): Promise<string> {
  const text = await Deno.readTextFile(README);
  const m = /<!-- keys:start -->\n([\s\S]*?)<!-- keys:end -->/.exec(text);
  if (!m) throw new Error("README.md has no <!-- keys:start --> ... <!-- keys:end --> section");
  return m[1]!.trim();
}

Deno.test("README key table is the one generated from the keymap", async () => {
  const expected = normaliseTable(keyTableMarkdown());
  const actual = normaliseTable(await readmeKeyTable());
  assertEquals(
    actual,
    expected,
    "README.md's key table differs from keyTableMarkdown(); paste the generated table between the markers",
  );
});

Deno.test("help screen lists every binding of the keymap, as the README table does", () => {
  const box = helpBox(200, 60, 0).lines.map(lineText).join("\n");
  for (const [label, description] of helpRows()) {
    assert(box.includes(label), `help lacks ${label}`);
    assert(box.includes(description), `help lacks ${description}`);
    assert(keyTableMarkdown().includes(description.replace(/\|/g, "\\|")));
  }
  assertEquals(helpRows().length, KEYMAP.length);
});

Deno.test("keymap: original keys bound, no key bound twice, q and l not routed to strategies", () => {
  for (const k of ["q", "H", "D", "S", "T", "-", "+", ",", ".", "l", "f4", "f5", "f6", "?", "f1", "C-c"]) {
    assert(mainBinding(k) !== undefined, `${k} is not bound`);
  }
  const seen = new Set<string>();
  for (const b of KEYMAP) {
    for (const k of b.keys) {
      const id = `${b.scope ?? "main"}:${k}`;
      assert(!seen.has(id), `${id} is bound twice`);
      seen.add(id);
    }
  }
  assertEquals(mainBinding("q")!.action, "quit");
  assertEquals(mainBinding("l")!.action, "reload_strategies");
  assertEquals(mainBinding("b")!.action, "strategy_key");
  assertEquals(mainBinding("Z"), undefined);
});

Deno.test("help box fits 80x24 and scrolls when the screen is short", () => {
  const box = helpBox(80, 24, 0);
  assert(box.lines.length <= 24);
  for (const l of box.lines) assert(lineText(l).length <= 80);
  const short = helpBox(80, 10, 99);
  assertEquals(short.lines.length, 9);
  assert(lineText(short.lines[7]!).includes("Up/Down scroll"));
  assert(lineText(short.lines[6]!).includes(KEYMAP.at(-1)!.description), "scrolled to the last row");
  assert(lineText(helpBox(80, 10, 0).lines[1]!).includes("quit"));
});

Deno.test("keymap: F4/F5/F6 are unavailable without an order engine, and say so in the help", () => {
  const f4 = (trading: boolean) => helpRows(trading).find(([k]) => k === "F4")!;
  assertEquals(f4(false), ["F4", "new buy order (needs an account or --paper)", true]);
  assertEquals(f4(true), ["F4", "new buy order", false]);
  const box = (trading: boolean) => helpBox(200, 60, 0, trading).lines.map(lineText).join("\n");
  assert(box(false).includes("list and cancel own orders (needs an account or --paper)"));
  assert(!box(true).includes("needs an account"));
});

Deno.test("keymap: every dialog closes with Esc, F10 and q; dialog keys by the kind of dialog", () => {
  for (const kind of ["help", "order", "orders"] as const) {
    for (const k of ["escape", "f10", "q"]) assertEquals(dialogAction(kind, k), "close", `${kind} ${k}`);
    assertEquals(dialogAction(kind, "C-c"), "quit");
    assertEquals([dialogAction(kind, "up"), dialogAction(kind, "down")], ["move", "move"]);
  }
  assertEquals([dialogAction("order", "7"), dialogAction("order", "."), dialogAction("order", "=")], [
    "type",
    "type",
    undefined,
  ]);
  assertEquals(
    [dialogAction("orders", "="), dialogAction("orders", "insert"), dialogAction("orders", "f8")],
    [
      "select",
      "select",
      "cancel_orders",
    ],
  );
  assertEquals([dialogAction("order", "f8"), dialogAction("orders", "7"), dialogAction("help", "=")], [
    undefined,
    undefined,
    undefined,
  ]);
});
