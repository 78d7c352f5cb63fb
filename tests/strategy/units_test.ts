/** The host's pure parts: message checks, import scan, name resolution, decimal text, depth diff, rates. */
import { assert, assertEquals, assertThrows } from "../assert.ts";
import { readWorkerMessage } from "../../lib/strategy/protocol.ts";
import { scanImports } from "../../lib/strategy/source_guard.ts";
import { BUILTIN_STRATEGIES, resolveStrategies } from "../../lib/strategy/resolve.ts";
import { numberToDecimal } from "../../lib/strategy/decimal_text.ts";
import { depthChanges } from "../../lib/strategy/market_data.ts";
import { RateCounter } from "../../lib/strategy/rate_counter.ts";
import { Pending } from "../../lib/strategy/pending.ts";
import { stateFileFor } from "../../lib/strategy/state_store.ts";
import type { StrategyHooks } from "../../lib/ui/app.ts";
import type { Trader } from "../../lib/engine/mod.ts";
import type { StrategyHost } from "../../lib/strategy/host.ts";
import type { TraderSource } from "../../lib/strategy/trader_port.ts";
import type { HeadlessTrader } from "../../lib/app/run_headless.ts";

// Checked by `deno check`: the host is the UI's hook, the engine's Trader feeds the bridge and the headless run.
export function _fits(h: StrategyHost, t: Trader): [StrategyHooks, TraderSource, HeadlessTrader] {
  return [h, t, t];
}

Deno.test("worker messages: exact fields, types and sizes", () => {
  const order = { t: "order", id: "a.1.1", side: "buy", price: "1.5", volume: "2", validate: false } as const;
  assertEquals(readWorkerMessage(order), order);
  assertEquals(readWorkerMessage({ ...order, price: null }), { ...order, price: null });
  assertEquals(readWorkerMessage({ ...order, price: "-1" }), "order: bad price");
  assertEquals(readWorkerMessage({ ...order, volume: "1e3" }), "order: bad volume");
  assertEquals(readWorkerMessage({ ...order, side: "short" }), "order: bad side");
  assertEquals(
    readWorkerMessage({ ...order, extra: 1 }),
    "order: wrong fields t,id,side,price,volume,validate,extra",
  );
  assertEquals(readWorkerMessage({ t: "log", level: "info", text: "x".repeat(70_000) }), "log: bad text");
  assertEquals(readWorkerMessage({ t: "log", level: "loud", text: "x" }), "log: bad level");
  assertEquals(
    readWorkerMessage({ t: "hello", v: 1, defaults: { a: 1, b: "x", c: true } }).constructor,
    Object,
  );
  assertEquals(readWorkerMessage({ t: "hello", v: 1, defaults: { "Bad-Key": 1 } }), "hello: bad defaults");
  assertEquals(readWorkerMessage({ t: "done", seq: -1 }), "done: bad seq");
  assertEquals(readWorkerMessage([1]), "not an object");
  assertEquals(readWorkerMessage(new Date()), "not a plain object");
  assertEquals(readWorkerMessage({ t: "__proto__" }), 'unknown type "__proto__"');
});

Deno.test("import scan: every quoted name after import or from, computed import() flagged", () => {
  const src = `
import type { A } from "../lib/strategy/sdk.ts";
import x, { y } from './x.ts';
export * from "./y.ts";
import "./side.ts";
const m = await import("./lazy.ts");
const meta = import.meta.url;
const arr = Array.from([1]);
// import("./commented.ts")
`;
  const scan = scanImports(src);
  assertEquals(scan.specifiers, [
    "../lib/strategy/sdk.ts",
    "./x.ts",
    "./y.ts",
    "./side.ts",
    "./lazy.ts",
    "./commented.ts",
  ]);
  assertEquals(scan.computed, false);
  assert(scanImports("await import(name)").computed);
  assert(scanImports("await import(`./x.ts`)").computed);
  assert(scanImports('await import("./a" + ".ts")').computed);
  assertEquals(scanImports('import /* x */ "./a.ts"').specifiers, ["./a.ts"]);
  assertEquals(scanImports('import "\\u0068ttp://x"').specifiers, ["(escaped name)"]);
});

Deno.test("strategy names: paths, files in the working directory or the ini's folder, then built-ins", () => {
  const files = new Set(["/w/mine.ts", "/s/other.js", "/w/sub/deep.ts", "/s/buy.ts"]);
  const o = { cwd: "/w", folders: ["/s"], isFile: (p: string) => files.has(p) };
  assertEquals(
    resolveStrategies("balancer, mine,other,./sub/deep.ts,buy", o).map((s) => [s.name, s.path, s.builtin]),
    [
      ["balancer", BUILTIN_STRATEGIES.balancer, true],
      ["mine", "/w/mine.ts", false],
      ["other", "/s/other.js", false],
      ["deep", "/w/sub/deep.ts", false],
      // a copy of a built-in, called like it, wins
      ["buy", "/s/buy.ts", false],
    ],
  );
  assertThrows(
    () => resolveStrategies("nope", o),
    Error,
    'Cannot load strategy "nope": it is not a built-in (balancer, buy, sell, strategy) and neither /w/nope.ts nor /s/nope.ts exists',
  );
  assertThrows(() => resolveStrategies("./missing.ts", o), Error, "/w/missing.ts does not exist");
  assertThrows(() => resolveStrategies("balancer,balancer", o), Error, "in the list twice");
  assertThrows(() => resolveStrategies("bad name", o), Error, "a name has only letters");
});

Deno.test("numbers become decimal text from their shortest digits", () => {
  assertEquals(numberToDecimal(0.1 + 0.2, 8), "0.30000000");
  assertEquals(numberToDecimal(1.005, 2), "1.00");
  assertEquals(numberToDecimal(1.015, 2), "1.02");
  assertEquals(numberToDecimal(1e-7, 8), "0.00000010");
  assertEquals(numberToDecimal(1.23456789e21, 0), "1234567890000000000000");
  assertEquals(numberToDecimal(0.123456789, 8, "down"), "0.12345678");
  assertEquals(numberToDecimal(2.5, 0), "2");
  assertThrows(() => numberToDecimal(-1, 2), RangeError);
  assertThrows(() => numberToDecimal(NaN, 2), RangeError);
});

Deno.test("depth changes between two deliveries: changed, new and gone levels", () => {
  const before = {
    bids: [10, 1, 0, 9, 2, 0],
    asks: [11, 1, 0, 12, 3, 0],
    totalBid: 0,
    totalAsk: 0,
    ok: true,
  };
  const after = {
    bids: [10, 5, 0, 8, 1, 0],
    asks: [11, 1, 0, 12, 3, 0, 13, 1, 0],
    totalBid: 0,
    totalAsk: 0,
    ok: true,
  };
  assertEquals(depthChanges(before, after), [0, 10, 5, 0, 9, 0, 0, 8, 1, 1, 13, 1]);
});

Deno.test("rate counter and pending: a sliding second, coalesced state, bounded trades", () => {
  const r = new RateCounter();
  for (let i = 0; i < 10; i++) r.hit(1000 + i);
  assertEquals(r.hit(1400), 11);
  assertEquals(r.hit(2600), 1);
  const p = new Pending();
  p.add({ kind: "ticker" });
  p.add({ kind: "ticker" });
  const trade = { kind: "TradePrinted", symbol: "X/Y", price: 1, qty: 1, side: "buy", time: 0 } as const;
  for (let i = 0; i < 1005; i++) p.add({ kind: "trade", trade });
  const t = p.take();
  assertEquals([t.ticker, t.book, t.trades.length, t.droppedTrades], [true, false, 1000, 5]);
  assertEquals(p.any, false);
});

Deno.test("the state file lives beside the ini", () => {
  assertEquals(stateFileFor("/home/u/pytrader.ini"), "/home/u/pytrader.strategies.json");
  assertEquals(stateFileFor("conf"), "conf.strategies.json");
});
