/** Hot reload (`l`): new code from disk, including imported modules, with the state carried over. */
import { assert, assertEquals } from "../assert.ts";
import { FileStateStore } from "../../lib/strategy/state_store.ts";
import { fakeHost, strategyDir, waitForLine } from "./helpers.ts";
import { eventually } from "../eventually.ts";

const MAIN = (tag: string) =>
  `// @ts-nocheck
import { version } from "./lib.ts";
export default class Main {
  count = 0;
  constructor(api) { this.api = api; }
  onStart(api, state) {
    this.count = state?.count ?? 0;
    api.log("main ${tag} lib", version, "count", this.count, api.reloaded ? "reloaded" : "fresh");
  }
  onKeypress(k) { if (k === "n") this.api.log("count now", ++this.count); }
  onBeforeUnload() { return { count: this.count }; }
}
`;

Deno.test("reload picks up edits of the strategy and of a module it imports, and hands over the state", async () => {
  const files = await strategyDir({ "main.ts": MAIN("v1"), "lib.ts": `export const version = "lib1";\n` });
  const { host, logs } = fakeHost({ cwd: files.dir });
  try {
    await host.load("main");
    await waitForLine(logs, /main v1 lib lib1 count 0 fresh/);
    for (let i = 0; i < 3; i++) host.keypress("n");
    await waitForLine(logs, /count now 3/);
    await files.write("main.ts", MAIN("v2"));
    await files.write("lib.ts", `export const version = "lib2";\n`);
    assertEquals(await host.reloadStrategies(), { loaded: ["main"], failed: [] });
    await waitForLine(logs, /main v2 lib lib2 count 3 reloaded/);
    const lifecycle = logs.lines().filter((l) => l.startsWith("info strategies:"));
    assertEquals(lifecycle, [
      "info strategies: main loaded",
      "info strategies: main unloaded",
      "info strategies: main loaded",
    ]);
  } finally {
    await host.close();
    await files.remove();
  }
});

Deno.test("a reload that hits a syntax error keeps the app and the state; the next reload recovers", async () => {
  const files = await strategyDir({ "main.ts": MAIN("v1"), "lib.ts": `export const version = "lib1";\n` });
  const { host, logs } = fakeHost({ cwd: files.dir });
  try {
    await host.load("main");
    host.keypress("n");
    await waitForLine(logs, /count now 1/);
    await files.write("main.ts", "export default class { x = ; }\n");
    const broken = await host.reloadStrategies();
    assertEquals(broken.loaded, []);
    assert(broken.failed[0]!.error.startsWith('Cannot load strategy "main": '), broken.failed[0]!.error);
    assert(broken.failed[0]!.error.includes("SyntaxError"), broken.failed[0]!.error);
    assertEquals(host.running, []);
    await files.write("main.ts", MAIN("v3"));
    await host.reload();
    await waitForLine(logs, /main v3 lib lib1 count 1 reloaded/);
  } finally {
    await host.close();
    await files.remove();
  }
});

Deno.test("onBeforeUnload that never returns is cut off after the timeout; the reload goes on", async () => {
  const files = await strategyDir({
    "sticky.ts": `// @ts-nocheck
export default class { onStart(api, state) { api.log("start", JSON.stringify(state)); } onBeforeUnload() { while (true) {} } }
`,
  });
  const { host, logs } = fakeHost({ cwd: files.dir, limits: { unloadTimeoutMs: 200 } });
  try {
    await host.load("sticky");
    await host.reload();
    await waitForLine(logs, /sticky did not hand over its state within 200 ms/);
    await eventually(
      () => logs.lines().filter((l) => l.includes("start undefined")).length === 2,
      "the second start",
    );
  } finally {
    await host.close();
    await files.remove();
  }
});

Deno.test("state survives a restart through the state file; the new start is not a reload", async () => {
  const files = await strategyDir({ "main.ts": MAIN("v1"), "lib.ts": `export const version = "lib1";\n` });
  const store = new FileStateStore(files.path("pytrader.strategies.json"));
  const first = fakeHost({ cwd: files.dir, store });
  try {
    await first.host.load("main");
    first.host.keypress("n");
    first.host.keypress("n");
    await waitForLine(first.logs, /count now 2/);
  } finally {
    await first.host.close();
  }
  assertEquals(JSON.parse(await Deno.readTextFile(files.path("pytrader.strategies.json"))), {
    main: { count: 2 },
  });
  const second = fakeHost({
    cwd: files.dir,
    store: new FileStateStore(files.path("pytrader.strategies.json")),
  });
  try {
    await second.host.load("main");
    await waitForLine(second.logs, /main v1 lib lib1 count 2 fresh/);
  } finally {
    await second.host.close();
    await files.remove();
  }
});

Deno.test("reloads leave memory flat: 100 more reloads grow it at most 10 MiB (measured in a separate process)", async () => {
  const probe = new URL("./reload_memory_probe.ts", import.meta.url).pathname;
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", probe, "100"],
    stdout: "piped",
    stderr: "inherit",
  }).output();
  assert(out.success, "the probe failed");
  const r = JSON.parse(new TextDecoder().decode(out.stdout).trim().split("\n").pop()!);
  assertEquals(r.reloads, 100);
  assert(
    r.growthMiB <= 10,
    `RSS grew by ${r.windowGrowthMiB.join(" and ")} MiB over two windows of 100 reloads`,
  );
});
