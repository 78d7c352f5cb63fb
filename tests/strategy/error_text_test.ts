/** Load failures and handler errors read as the strategy's own: no runtime frames, no data: URLs, no wrappers. */
import { assert, assertEquals } from "../assert.ts";
import { loadErrorText, stackText } from "../../lib/strategy/error_text.ts";
import { consoleView } from "../../lib/ui/views/console.ts";
import { fakeHost, strategyDir, waitForLine } from "./helpers.ts";

Deno.test("a syntax error or a throw while loading reads as one line with the place in the strategy's file", async () => {
  const files = await strategyDir({
    "synerr.ts": `export default class {\n  onStart(api) { const x = ; }\n}\n`,
    "thrower.ts": `// @ts-nocheck\nthrow new RangeError("not today");\nexport default class {}\n`,
  });
  const { host, logs } = fakeHost({ cwd: files.dir });
  try {
    const report = await host.load("synerr,thrower");
    const errors = Object.fromEntries(report.failed.map((f) => [f.name, f.error]));
    assertEquals(
      errors.synerr,
      'Cannot load strategy "synerr": SyntaxError: Expression expected at synerr.ts:2:28\n' +
        "2 |   onStart(api) { const x = ; }\n" +
        "  |                            ~",
    );
    assertEquals(errors.thrower, 'Cannot load strategy "thrower": RangeError: not today at thrower.ts:2:7');
    for (const l of logs.lines()) assert(!/data:|TypeError/.test(l) && !l.includes("\u001b"), l);
  } finally {
    await host.close();
    await files.remove();
  }
});

Deno.test("a handler's error shows the strategy's frames only, not the runtime's", async () => {
  const files = await strategyDir({
    "deep.ts": `// @ts-nocheck
export default class Deep {
  onKeypress(k) { this.inner(k); }
  inner(k) { throw new Error("no " + k); }
  onStart() { setTimeout(() => Promise.reject(new Error("later")), 1); }
}
`,
  });
  const { host, logs } = fakeHost({ cwd: files.dir });
  try {
    await host.load("deep");
    host.keypress("x");
    const line = await waitForLine(logs, /onKeypress failed/);
    const url = `file://${files.dir}/deep.ts`;
    assertEquals(
      line,
      `error strategy.deep: onKeypress failed: Error: no x\n` +
        `    at Deep.inner (${url}:4:20)\n    at Deep.onKeypress (${url}:3:24)`,
    );
    const uncaught = await waitForLine(logs, /uncaught failed/);
    assert(!/lib\/strategy|data:|ext:/.test(uncaught), uncaught);
  } finally {
    await host.close();
    await files.remove();
  }
});

Deno.test("error text: colour codes go, a long code excerpt is left out, a string is kept as it is", () => {
  const e = new Error("x");
  e.name = "TypeError";
  e.stack = "TypeError: SyntaxError: Unexpected token\n  |\n1 | " + "a".repeat(200) + "\n  | ^\n" +
    "    at \u001b[0m\u001b[36mfile:///s/sub/helper.ts\u001b[0m:\u001b[33m1\u001b[0m:\u001b[33m8\u001b[0m\n" +
    "    at async data:application/javascript;base64,AAAA:4:13";
  assertEquals(loadErrorText(e, "file:///s/main.ts"), "SyntaxError: Unexpected token at sub/helper.ts:1:8");
  assertEquals(
    loadErrorText(e, "file:///t/main.ts"),
    "SyntaxError: Unexpected token at /s/sub/helper.ts:1:8",
  );
  assertEquals(stackText("plain"), "plain");
  assertEquals(stackText(42), "42");
});

Deno.test("in the log pane the syntax error's marker stands under the offending character", async () => {
  const files = await strategyDir({
    "synerr.ts": `export default class {\n  onStart(api) { const x = ; }\n}\n`,
  });
  const { host, logs } = fakeHost({ cwd: files.dir });
  try {
    await host.load("synerr");
    const records = logs.records().filter((r) => r.message.includes("SyntaxError"));
    assertEquals(records.length, 1);
    for (const strategy of [false, true]) {
      const rows = consoleView({ records, width: 100, height: 6, offsetMinutes: 0, strategy })
        .map((line) => line.map((c) => c.text).join(""));
      const code = rows.find((r) => r.includes("const x = ;"))!;
      const marker = rows.find((r) => r.trimEnd().endsWith("~"))!;
      assertEquals(marker.trimEnd().length - 1, code.indexOf(";"), `${rows.join("\n")}`);
    }
  } finally {
    await host.close();
    await files.remove();
  }
});
