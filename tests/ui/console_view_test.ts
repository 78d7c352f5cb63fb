import { assertEquals } from "../assert.ts";
import type { LogRecord } from "../../lib/log/logger.ts";
import { LogPanes } from "../../lib/ui/log_panes.ts";
import { consoleView, SHOW_ALL, wrap } from "../../lib/ui/views/console.ts";
import { texts } from "./fixtures.ts";
import { roleAt } from "./picture.ts";

const rec = (message: string, extra: Partial<LogRecord> = {}): LogRecord => ({
  time: Date.UTC(2026, 10, 23, 21, 30, 5),
  level: "info",
  source: "engine",
  message,
  ...extra,
});

Deno.test("console: newest at the bottom, wrapped with an indent, times in local time", () => {
  const out = consoleView({
    records: [rec("first"), rec("a somewhat longer line that wraps"), rec("disk full", { level: "error" })],
    width: 24,
    height: 4,
    offsetMinutes: 60,
  });
  assertEquals(texts(out), [
    "22:30:05 first",
    "22:30:05 a somewhat",
    "  longer line that wraps",
    "22:30:05 ERROR disk full",
  ]);
  assertEquals(roleAt(out[3]!, 0), "con_error");
});

Deno.test("console: the strategy pane starts every row with a separator cell and drops [s] tags", () => {
  const out = consoleView({
    records: [rec("[s] balancer ready")],
    width: 20,
    height: 2,
    offsetMinutes: 0,
    strategy: true,
  });
  assertEquals(texts(out), [" 21:30:05 balancer", "   ready"]);
  assertEquals(roleAt(out[0]!, 0), "con_separator");
  assertEquals(roleAt(out[1]!, 0), "con_separator");
});

Deno.test("console: each line of a message gets rows of its own, indented like wrapped ones", () => {
  const out = consoleView({
    records: [rec("Error: boom\n    at run (app.ts:12:3)\n\tat main (main.ts:4:1)\n", { level: "error" })],
    width: 28,
    height: 4,
    offsetMinutes: 0,
  });
  assertEquals(texts(out), [
    "",
    "21:30:05 ERROR Error: boom",
    "  at run (app.ts:12:3)",
    "  at main (main.ts:4:1)",
  ]);
  assertEquals(roleAt(out[3]!, 2), "con_error");
});

Deno.test("console: a long stack shows at most 6 rows per record, cut with …", () => {
  const stack = ["Error: boom", ...Array.from({ length: 9 }, (_, i) => `    at frame${i} (f.ts:${i}:1)`)];
  const out = consoleView({
    records: [rec(stack.join("\n"), { level: "error" }), rec("next")],
    width: 26,
    height: 8,
    offsetMinutes: 0,
    strategy: true,
  });
  assertEquals(texts(out), [
    "",
    " 21:30:05 ERROR Error:",
    "   boom",
    "   at frame0 (f.ts:0:1)",
    "   at frame1 (f.ts:1:1)",
    "   at frame2 (f.ts:2:1)",
    "   at frame3 (f.ts:3:1)…",
    " 21:30:05 next",
  ]);
});

Deno.test("console: wrap breaks at spaces, hard-splits long words", () => {
  assertEquals(wrap("aaa bbb ccc", 7), ["aaa bbb", "ccc"]);
  assertEquals(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
  assertEquals(wrap("abcdefghij", 4, 2), ["abcd", "ef", "gh", "ij"]);
});

Deno.test("log panes: strategy lines to the right pane, filters for the main pane", () => {
  const panes = new LogPanes({ ...SHOW_ALL, trade: false });
  panes.push(rec("Connection connected"));
  panes.push(rec("trade: bid: 1 @ 2"));
  panes.push(rec("[s] hello"));
  panes.push(rec("rebalanced", { source: "strategy.balancer" }));
  assertEquals(panes.main.map((r) => r.message), ["Connection connected"]);
  assertEquals(panes.strategy.map((r) => r.message), ["[s] hello", "rebalanced"]);
});
