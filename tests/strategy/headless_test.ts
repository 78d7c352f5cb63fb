/** `pytrader run --strategy=...`: no UI, logs on stdout, SIGINT/SIGTERM unload cleanly. */
import { assert, assertEquals, assertStringIncludes } from "../assert.ts";
import { Trader } from "../../lib/engine/mod.ts";
import { Logger } from "../../lib/log/mod.ts";
import { runHeadless } from "../../lib/app/run_headless.ts";
import { MemoryStateStore } from "../../lib/strategy/mod.ts";
import { createSim } from "../../exchanges/sim/mod.ts";
import { TEST_LIMITS } from "./helpers.ts";
import { eventually } from "../eventually.ts";

function capture() {
  const decoder = new TextDecoder();
  let text = "";
  return {
    out: { writeSync: (b: Uint8Array) => (text += decoder.decode(b), b.length) },
    text: () => text,
  };
}

function simTrader() {
  return new Trader(createSim({ auto: false, symbol: "BTC/USD" }), {
    symbol: "BTC/USD",
    depth: 50,
    timeframe: 1,
  });
}

Deno.test("run: loads, logs to stdout and the log, unloads with state saved when stopped", async () => {
  const stdout = capture();
  const fileLike: string[] = [];
  const logger = new Logger([{ write: (r) => fileLike.push(r.message) }]);
  const stop = new AbortController();
  const store = new MemoryStateStore();
  const run = runHeadless({
    trader: simTrader(),
    strategies: "balancer,strategy",
    log: logger,
    signal: stop.signal,
    store,
    stdout: stdout.out,
    signals: false,
    limits: TEST_LIMITS,
  });
  await eventually(() => stdout.text().includes("Running balancer, strategy"), "the strategies to run");
  stop.abort();
  assertEquals(await run, 0);
  const text = stdout.text();
  for (
    const line of [
      "strategies: balancer loaded",
      "strategies: balancer unloaded",
      "strategies: strategy unloaded",
    ]
  ) {
    assertStringIncludes(text, line);
  }
  assertStringIncludes(text, "pytrader: Stopped");
  assert(fileLike.includes("balancer unloaded"), "the log file sink got the lines too");
  assert(store.states.has("balancer") && store.states.has("strategy"), "state saved at shutdown");
});

Deno.test("run: nothing loadable -> exit 1 with the reason", async () => {
  const stdout = capture();
  const code = await runHeadless({
    trader: simTrader(),
    strategies: "nosuchthing",
    log: new Logger(),
    stdout: stdout.out,
    signals: false,
  });
  assertEquals(code, 1);
  assertStringIncludes(stdout.text(), 'Cannot load strategy "nosuchthing"');
  assertStringIncludes(stdout.text(), "No strategy could be loaded; stopping");
});

Deno.test("pytrader run: SIGINT unloads the strategies, saves their state, exits 0 (separate process)", async () => {
  const dir = await Deno.makeTempDir({ prefix: "pytrader-run-" });
  const ini = `${dir}/pytrader.ini`;
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-all",
      new URL("./headless_probe.ts", import.meta.url).pathname,
      ini,
      "balancer,buy,sell",
    ],
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let text = "";
  const read = child.stdout.pipeThrough(new TextDecoderStream()).pipeTo(
    new WritableStream({ write: (chunk) => void (text += chunk) }),
  );
  let ended = false;
  child.status.then(() => ended = true);
  await eventually(() => {
    if (ended) throw new Error(`the program ended before its strategies ran: ${text}`);
    return text.includes("Running balancer, buy, sell");
  }, "the strategies to run");
  child.kill("SIGINT");
  await read;
  const status = await child.status;
  const stderr = await new Response(child.stderr).text();
  try {
    assertEquals(status.code, 0, text + stderr);
    for (const name of ["balancer", "buy", "sell"]) {
      assertStringIncludes(text, `strategies: ${name} unloaded`);
    }
    assertStringIncludes(text, "pytrader: Stopped");
    assertEquals(stderr, "");
    const config = await Deno.readTextFile(ini);
    for (const name of ["balancer", "buy", "sell"]) assertStringIncludes(config, `[strategy.${name}]`);
    const states = JSON.parse(await Deno.readTextFile(`${dir}/pytrader.strategies.json`));
    assertEquals(Object.keys(states).sort(), ["balancer", "buy", "sell"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
