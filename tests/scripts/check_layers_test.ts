import { assert, assertEquals } from "../assert.ts";
import { checkLayers, libFolders, parseRules, readTree } from "../../scripts/check_layers.ts";

const root = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");
const rules = parseRules(await Deno.readTextFile(`${root}/docs/architecture.md`), await libFolders(root));

Deno.test("layer check: the tree keeps the one-way rules of docs/architecture.md", async () => {
  assertEquals(checkLayers(await readTree(root), rules), []);
});

Deno.test("layer check: a planted wrong-way import fails, naming the file, line and rule", async () => {
  const files = await readTree(root);
  const book = files.get("lib/book/order_book.ts")!;
  files.set("lib/book/order_book.ts", `${book}\nimport { Trader } from "../engine/trader.ts";\n`);
  files.set("lib/core/bad.ts", `export type { UiState } from "../ui/state.ts";\n`);
  files.set("exchanges/kraken/peek.ts", `import { Journal } from "../../lib/engine/journal.ts";\n`);
  files.set("strategies/sneaky.ts", `import { OrderEngine } from "../lib/engine/mod.ts";\n`);
  const found = checkLayers(files, rules).map((v) => `${v.file}:${v.line} ${v.reason}`);
  const bookLines = book.split("\n").length + 1;
  assertEquals(found.sort(), [
    "exchanges/kraken/peek.ts:1 exchanges/kraken may not import lib/engine (docs/architecture.md)",
    `lib/book/order_book.ts:${bookLines} lib/book may not import lib/engine (docs/architecture.md)`,
    "lib/core/bad.ts:1 lib/core may not import lib/ui (docs/architecture.md)",
    "strategies/sneaky.ts:1 strategies may not import lib/engine (docs/architecture.md)",
  ]);
});

Deno.test("layer check: type-only imports pass only where the table says (types); a folder needs a row", () => {
  const files = new Map([
    ["lib/ui/a.ts", `import type { Trader } from "../engine/trader.ts";\n`],
    ["lib/ui/b.ts", `import { Trader } from "../engine/trader.ts";\n`],
    ["exchanges/newvenue/c.ts", `import { x } from "../../lib/core/mod.ts";\n`],
  ]);
  const found = checkLayers(files, rules).map((v) => `${v.file} ${v.reason}`);
  assertEquals(found, [
    "lib/ui/b.ts lib/ui may import only types from lib/engine",
    "exchanges/newvenue/c.ts docs/architecture.md has no row for exchanges/newvenue",
  ]);
  assert(rules.get("exchanges/kraken")?.may.has("lib/net"));
});
