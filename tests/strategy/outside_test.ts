/**
 * Strategies outside the project load from memory (issue 15): the host reads the files, strips the types,
 * links them into one module and starts the Worker from it, so nothing is imported from a file URL (a
 * compiled binary could not). Errors still name the user's files and lines, and a reload re-reads them.
 */
import { assert, assertEquals } from "../assert.ts";
import { eventually } from "../eventually.ts";
import { ENTRY_URL } from "../../lib/strategy/entry.ts";
import { readStrategy } from "../../lib/strategy/sources.ts";
import { fakeHost, strategyDir } from "./helpers.ts";

const MAIN = `import type { StrategyApi } from "../lib/strategy/sdk.ts";
import { label, type Label } from "./sibling.ts";

export default class Main {
  #api: StrategyApi;
  constructor(api: StrategyApi) {
    this.#api = api;
  }
  onStart(api: StrategyApi): void {
    const l: Label = label();
    api.log(\`main \${l} \${api.reloaded ? "reloaded" : "fresh"}\`);
  }
  onKeypress(key: string): void {
    throw new Error(\`no \${key as string}\`);
  }
}
`;

const sibling = (value: string) =>
  `export type Label = string;\nexport function label(): Label {\n  return ${value};\n}\n`;

Deno.test("a strategy outside the project imports a sibling, runs, reloads the sibling's edit and reports errors at the user's lines", async () => {
  const files = await strategyDir({ "main.ts": MAIN, "sibling.ts": sibling(`"v1"`) });
  const { host, logs } = fakeHost({ cwd: files.dir });
  const lines = () => logs.lines();
  try {
    const report = await host.load("main");
    assertEquals(report.failed, []);
    await eventually(() => lines().includes("info strategy.main: main v1 fresh"), "the first start");

    host.keypress("x");
    const thrown = await eventually(() => lines().find((l) => l.includes("onKeypress failed")), "the error");
    assertEquals(
      thrown,
      `error strategy.main: onKeypress failed: Error: no x\n    at Main.onKeypress (file://${files.dir}/main.ts:14:11)`,
    );

    await files.write("sibling.ts", sibling(`"v2"`));
    assertEquals((await host.reloadStrategies()).failed, []);
    await eventually(() => lines().includes("info strategy.main: main v2 reloaded"), "the sibling's edit");

    await files.write("sibling.ts", sibling(`"v3" +`));
    const broken = await host.reloadStrategies();
    assertEquals(broken.failed, [{
      name: "main",
      error: 'Cannot load strategy "main": SyntaxError: Expression expected at sibling.ts:3:16\n' +
        '3 |   return "v3" +;\n' +
        "  |                ~",
    }]);

    await files.write("sibling.ts", sibling(`"v4"`));
    assertEquals((await host.reloadStrategies()).failed, []);
    await eventually(() => lines().includes("info strategy.main: main v4 reloaded"), "the recovery");
  } finally {
    await host.close();
    await files.remove();
  }
});

Deno.test("a strategy whose files exist only in memory loads: nothing of it is imported from disk", async () => {
  const mem = new Map<string, string>([
    [
      "/nowhere/strat/entry.ts",
      `import { twice } from "./math.ts";
export default {
  async onStart(api: { log(...a: unknown[]): void }) {
    const lazy = await import("./lazy.ts");
    api.log("entry", twice(21), lazy.name);
  },
};
`,
    ],
    ["/nowhere/strat/math.ts", `export const twice = (n: number): number => n * 2;\n`],
    ["/nowhere/strat/lazy.ts", `export const name: string = "lazy";\n`],
  ]);
  const files = {
    readText: (p: string) => {
      const t = mem.get(p);
      return t === undefined ? Promise.reject(new Deno.errors.NotFound(p)) : Promise.resolve(t);
    },
    realPath: (p: string) => Promise.resolve(mem.has(p) ? p : null),
    isFile: (p: string) => mem.has(p),
  };
  const linked = await readStrategy("/nowhere/strat/entry.ts", { roots: ["/nowhere/strat"], ...files });
  assert(!linked.code.includes("import"), "the linked module imports nothing");
  assertEquals(linked.files, ["/nowhere/strat/entry.ts", "/nowhere/strat/math.ts", "/nowhere/strat/lazy.ts"]);
  const entry = atob(ENTRY_URL.slice(ENTRY_URL.indexOf(",") + 1));
  const imported = [...entry.matchAll(/from "([^"]+)"/g)].map((m) => m[1]!.replace(/.*\//, ""));
  assertEquals(imported, ["lockdown.ts", "runtime.ts"], "the Worker entry imports only the runtime");

  const { host, logs } = fakeHost({ cwd: "/nowhere", files });
  try {
    assertEquals((await host.load("/nowhere/strat/entry.ts")).failed, []);
    await eventually(() => logs.lines().includes("info strategy.entry: entry 42 lazy"), "the strategy's log");
  } finally {
    await host.close();
  }
});

Deno.test("the skeleton copied anywhere loads by its name, its SDK type import notwithstanding", async () => {
  const skeleton = await Deno.readTextFile(new URL("../../strategies/strategy.ts", import.meta.url));
  const files = await strategyDir({ "mystrat.ts": skeleton });
  const { host, logs } = fakeHost({ cwd: files.dir });
  try {
    assertEquals((await host.load("mystrat")).failed, []);
    await eventually(
      () => logs.lines().some((l) => /strategy\.mystrat: mystrat started on ETH\/BTC/.test(l)),
      "start",
    );
  } finally {
    await host.close();
    await files.remove();
  }
});

Deno.test("linking keeps what ES modules do: export forms, namespaces, re-exports, enums; refuses what they refuse", async () => {
  const files = await strategyDir({
    "forms.ts": `import * as ns from "./parts.ts";
import Anon, { both, renamed as r, "quoted name" as q } from "./parts.ts";
import { deep } from "./star.ts";
enum Side { Buy = 1, Sell }
export default class {
  onStart(api: { log(...a: unknown[]): void }) {
    api.log("forms", Anon.name, new Anon().kind, both.join(""), r, q, deep, Object.keys(ns).join(","), Side.Sell);
    api.log(String(ns[Symbol.toStringTag]), Object.isFrozen(ns));
  }
  onKeypress() { throw new Error("enum file"); }
}
`,
    "parts.ts": `export default class { kind = "anon"; }
const a = "a", b = "b";
export const [x, { y }] = [1, { y: 2 }];
export { a as renamed, b as "quoted name" };
export const both = [a, b];
`,
    "star.ts": `export * from "./more.ts";\nexport * as more from "./more.ts";\n`,
    "more.ts": `export const deep = "deep";\nexport default "not re-exported";\n`,
    "missing.ts": `import { nothing } from "./more.ts";\nexport default {};\n`,
    "loop_a.ts": `import "./loop_b.ts";\nexport default {};\n`,
    "loop_b.ts": `import "./loop_a.ts";\n`,
  });
  const { host, logs } = fakeHost({ cwd: files.dir });
  try {
    const report = await host.load("forms,missing,loop_a");
    assertEquals(report.loaded, ["forms"]);
    await eventually(
      () =>
        logs.lines().includes(
          "info strategy.forms: forms default anon ab a b deep both,default,quoted name,renamed,x,y 2",
        ),
      "the forms strategy's log",
    );
    await eventually(() => logs.lines().includes("info strategy.forms: Module true"), "the namespace");
    const errors = Object.fromEntries(report.failed.map((f) => [f.name, f.error]));
    assertEquals(
      errors.missing,
      `Cannot load strategy "missing": ${files.dir}/missing.ts imports "nothing" from ${files.dir}/more.ts, which does not export it`,
    );
    assertEquals(
      errors.loop_a,
      `Cannot load strategy "loop_a": its imports form a cycle (${files.dir}/loop_a.ts -> ${files.dir}/loop_b.ts -> ${files.dir}/loop_a.ts); strategies cannot have import cycles`,
    );
    // A file with an enum is transformed, not only stripped: its lines still map back through the source map.
    host.keypress("k");
    const thrown = await eventually(
      () => logs.lines().find((l) => l.includes("onKeypress failed")),
      "the error",
    );
    assert(thrown.endsWith(`(file://${files.dir}/forms.ts:10:24)`), thrown);
  } finally {
    await host.close();
    await files.remove();
  }
});
