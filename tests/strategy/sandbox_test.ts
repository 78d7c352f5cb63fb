/** A strategy cannot reach files, the network, the environment, processes or remote code; the app carries on. */
import { assert, assertEquals, assertMatch } from "../assert.ts";
import { fakeHost, strategyDir, waitForLine } from "./helpers.ts";
import { eventually } from "../eventually.ts";

const SECRET = "sk-test-" + crypto.randomUUID();

/** A local server that counts every request: no strategy may ever reach it. */
function tripwire() {
  const hits: string[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (req) => {
    hits.push(req.url);
    return new Response(`export const stolen = true;`, {
      headers: { "content-type": "application/javascript" },
    });
  });
  return { hits, port: server.addr.port, close: () => server.shutdown() };
}

Deno.test("files, sockets, environment, processes and FFI are refused and logged; the strategy keeps running", async () => {
  Deno.env.set("PYTRADER_TEST_SECRET", SECRET);
  const net = tripwire();
  const secretFile = await Deno.makeTempFile();
  await Deno.writeTextFile(secretFile, SECRET);
  const files = await strategyDir({
    "snoop.ts": `// @ts-nocheck
const tries = {
  readFile: () => Deno.readTextFileSync(${JSON.stringify(secretFile)}),
  readIni: () => Deno.readTextFileSync("pytrader.ini"),
  writeFile: () => Deno.writeTextFileSync("/tmp/pytrader-strategy-was-here", "x"),
  env: () => Deno.env.get("PYTRADER_TEST_SECRET"),
  envAll: () => JSON.stringify(Deno.env.toObject()),
  run: () => new Deno.Command("id").outputSync(),
  ffi: () => Deno.dlopen("libc.so.6", {}),
  hostname: () => Deno.hostname(),
};
export default class Snoop {
  constructor(api) { this.api = api; }
  async onStart(api) {
    for (const [name, fn] of Object.entries(tries)) {
      try { api.log("LEAK", name, String(fn())); } catch (e) { api.log("refused", name, e.name, e.message); }
    }
    for (const [name, fn] of Object.entries({
      fetch: () => fetch("http://127.0.0.1:${net.port}/fetch"),
      socket: () => Deno.connect({ hostname: "127.0.0.1", port: ${net.port} }),
      websocket: async () => new WebSocket("ws://127.0.0.1:${net.port}/ws"),
    })) {
      try { await fn(); api.log("LEAK", name); } catch (e) { api.log("refused", name, e.name, e.message); }
    }
    throw new Error("onStart ends with an error, the strategy still runs");
  }
  onKeypress(k) { this.api.log("alive", k); }
}
`,
  });
  const { host, logs } = fakeHost({ cwd: files.dir });
  try {
    assertEquals((await host.load("snoop")).loaded, ["snoop"]);
    await waitForLine(logs, /onStart failed: Error: onStart ends with an error/);
    const lines = logs.lines();
    for (const name of ["readFile", "readIni", "writeFile", "env", "envAll", "run", "ffi", "hostname"]) {
      assertMatch(lines.find((l) => l.includes(`refused ${name} `)) ?? "", /NotCapable Requires/, name);
    }
    for (const name of ["fetch", "socket", "websocket"]) {
      assertMatch(lines.find((l) => l.includes(`refused ${name} `)) ?? "", /Requires net access/, name);
    }
    assert(!lines.some((l) => l.includes("LEAK")), lines.filter((l) => l.includes("LEAK")).join("\n"));
    assert(!lines.some((l) => l.includes(SECRET)), "the secret reached the log");
    host.keypress("k");
    await waitForLine(logs, /alive k/);
    assertEquals(net.hits, []);
  } finally {
    Deno.env.delete("PYTRADER_TEST_SECRET");
    await host.close();
    await net.close();
    await files.remove();
    await Deno.remove(secretFile);
  }
});

Deno.test("importing from the network is refused before the strategy starts, however it is written", async () => {
  const net = tripwire();
  const url = `http://127.0.0.1:${net.port}/x.js`;
  const files = await strategyDir({
    "static.ts":
      `import { stolen } from "${url}";\nexport default class { onStart(api) { api.log(stolen); } }\n`,
    "dynamic.ts": `// @ts-nocheck\nexport default class { async onStart() { await import("${url}"); } }\n`,
    "computed.ts":
      `// @ts-nocheck\nconst u = "http://127.0.0.1:" + ${net.port};\nexport default class { async onStart() { await import(u + "/x.js"); } }\n`,
    "hidden.ts":
      `// @ts-nocheck\nexport default class { async onStart() { await import /* */ (\n"${url}"); } }\n`,
    "reexport.ts": `export * from "${url}";\nexport default class {}\n`,
    "npm.ts": `import { Command } from "npm:commander@14.0.3";\nexport default class {}\n`,
    "escaped.ts":
      `// @ts-nocheck\nimport "\\u0068ttp://127.0.0.1:${net.port}/x.js";\nexport default class {}\n`,
    "outside.ts": `import "/etc/passwd.js";\nexport default class {}\n`,
    "helper.ts": `import "${url}";\nexport const x = 1;\n`,
    "indirect.ts":
      `import { x } from "./helper.ts";\nexport default class { onStart(api) { api.log(x); } }\n`,
  });
  const { host, logs } = fakeHost({ cwd: files.dir });
  try {
    const names = ["static", "dynamic", "computed", "hidden", "reexport", "npm", "escaped", "indirect"];
    const report = await host.load(names);
    assertEquals(report.loaded, []);
    assertEquals(report.failed.map((f) => f.name), names);
    for (const f of report.failed) {
      assertMatch(f.error, /^Cannot load strategy "\w+": .*(imports|import\(\))/);
    }
    assertMatch(report.failed[2]!.error, /computed name/);
    assertMatch(report.failed[7]!.error, /helper\.ts imports "http:/);
    assertEquals(
      logs.lines().filter((l) => l.startsWith("error strategies: Cannot load strategy")).length,
      8,
    );
    assertEquals(net.hits, [], "nothing was fetched");
  } finally {
    await host.close();
    await net.close();
    await files.remove();
  }
});

Deno.test("code from strings, nested workers, exit and close are unavailable; console goes to the log", async () => {
  const net = tripwire();
  const url = `http://127.0.0.1:${net.port}/x.js`;
  const files = await strategyDir({
    "tricks.ts": `// @ts-nocheck
const tries = {
  eval: () => eval("1 + 1"),
  indirectEval: () => (0, globalThis["ev" + "al"])("1"),
  Function: () => new Function("return 1")(),
  asyncFunction: () => (async function () {}).constructor("return 1")(),
  generator: () => (function* () {}).constructor("yield 1")().next(),
  worker: () => new Worker("data:application/javascript,1", { type: "module" }),
  internal: () => Deno[Deno.internal].core.evalContext("1"),
  exit: () => Deno.exit(1),
  close: () => close(),
  stdout: () => Deno.stdout.writeSync(new Uint8Array([65])),
};
export default class Tricks {
  constructor(api) { this.api = api; }
  onStart(api) {
    for (const [name, fn] of Object.entries(tries)) {
      try { api.log("LEAK", name, String(fn())); } catch (e) { api.log("refused", name, e.message); }
    }
    console.log("console reaches the strategy log");
    setTimeout(() => { throw new Error("thrown in a timer"); }, 1);
    Promise.reject(new Error("nobody catches this"));
    const code = "return imp" + "ort(" + JSON.stringify("${url}") + ")";
    try { Function.prototype.constructor.call(null, code)(); } catch (e) { api.log("refused constructor", e.message); }
  }
  onKeypress(k) { this.api.log("alive", k); }
}
`,
  });
  const { host, logs } = fakeHost({ cwd: files.dir });
  try {
    assertEquals((await host.load("tricks")).loaded, ["tricks"]);
    await waitForLine(logs, /uncaught failed: Error: nobody catches this/);
    await waitForLine(logs, /uncaught failed: Error: thrown in a timer/);
    await waitForLine(logs, /refused constructor/);
    const lines = logs.lines();
    assert(!lines.some((l) => l.includes("LEAK")), lines.filter((l) => l.includes("LEAK")).join("\n"));
    for (
      const name of [
        "eval",
        "indirectEval",
        "Function",
        "asyncFunction",
        "generator",
        "worker",
        "exit",
        "close",
      ]
    ) {
      assert(lines.some((l) => l.includes(`refused ${name} `)), `${name} was not refused`);
    }
    assert(lines.some((l) => l.includes("refused internal ")), "Deno.internal was reachable");
    assert(lines.some((l) => l.includes("refused stdout ")), "Deno.stdout was reachable");
    assert(lines.includes("info strategy.tricks: console reaches the strategy log"));
    host.keypress("z");
    await waitForLine(logs, /alive z/);
    assertEquals(host.running, ["tricks"]);
    assertEquals(net.hits, []);
  } finally {
    await host.close();
    await net.close();
    await files.remove();
  }
});

Deno.test("a strategy sees only its own section and the market: nothing of the host's secrets", async () => {
  const files = await strategyDir({
    "peek.ts": `// @ts-nocheck
export default class {
  onStart(api) {
    api.log("KEYS", Object.keys(globalThis).join(","));
    api.log("API", JSON.stringify({ ...api, config: api.config, wallet: api.wallet }));
  }
}
`,
  });
  const { host, logs } = fakeHost({ cwd: files.dir });
  Deno.env.set("PYTRADER_PASSPHRASE", SECRET);
  try {
    await host.load("peek");
    await eventually(() => logs.lines().some((l) => l.includes(" API ")), "the api dump");
    assert(!logs.lines().some((l) => l.includes(SECRET)));
  } finally {
    Deno.env.delete("PYTRADER_PASSPHRASE");
    await host.close();
    await files.remove();
  }
});

Deno.test("a local import with ?query or #hash is checked as the file Deno loads; missing files and data:, blob: are refused", async () => {
  const net = tripwire();
  const url = `http://127.0.0.1:${net.port}/x.js`;
  const files = await strategyDir({
    "helper2.ts": `import "${url}";\nexport const x = 1;\n`,
    "hash.ts": `import { x } from "./helper2.ts#x";\nexport default class { onStart(api) { api.log(x); } }\n`,
    "query.ts":
      `import { x } from "./helper2.ts?v=1";\nexport default class { onStart(api) { api.log(x); } }\n`,
    "escape.ts":
      `import { x } from "./helper%32.ts";\nexport default class { onStart(api) { api.log(x); } }\n`,
    "missing.ts": `import "./nothere.ts#x";\nexport default class {}\n`,
    "data.ts": `import "data:application/javascript,export%20const%20x%3D1";\nexport default class {}\n`,
    "blob.ts":
      `// @ts-nocheck\nexport default class { async onStart() { await import("blob:null/1234"); } }\n`,
  });
  await files.write(
    "fileurl.ts",
    `import { x } from "file://${files.dir}/helper2.ts?v=2";\nexport default class {}\n`,
  );
  const { host, logs } = fakeHost({ cwd: files.dir });
  try {
    const names = ["hash", "query", "escape", "fileurl", "missing", "data", "blob"];
    const report = await host.load(names);
    assertEquals(report.loaded, []);
    const errors = Object.fromEntries(report.failed.map((f) => [f.name, f.error]));
    for (const name of ["hash", "query", "escape", "fileurl"]) {
      assertMatch(
        errors[name]!,
        new RegExp(`^Cannot load strategy "${name}": .*helper2\\.ts imports "http:`),
      );
    }
    assertEquals(errors.missing, 'Cannot load strategy "missing": ./nothere.ts#x does not exist');
    assertMatch(errors.data!, /imports "data:application\/javascript,.*": strategies may import only local/);
    assertMatch(errors.blob!, /imports "blob:null\/1234": strategies may import only local/);
    assertEquals(
      logs.lines().filter((l) => l.startsWith("error strategies: Cannot load strategy")).length,
      names.length,
    );
    assertEquals(net.hits, [], "nothing was fetched");
  } finally {
    await host.close();
    await net.close();
    await files.remove();
  }
});
