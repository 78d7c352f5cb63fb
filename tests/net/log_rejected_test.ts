import { assertEquals } from "../assert.ts";
import type { Log } from "../../lib/core/mod.ts";
import { logRejected } from "../../lib/net/log_rejected.ts";

Deno.test("rejected frames: the first ten logged one by one, then every thousandth", () => {
  const lines: string[] = [];
  const log = { warn: (m: string) => lines.push(m) } as unknown as Log;
  const stats = { frames: 0, events: 0, malformed: 0, unknownChannel: 0, unknownSymbol: 0 };
  for (let i = 1; i <= 3000; i++) {
    if (i % 3 === 0) stats.malformed++;
    else if (i % 3 === 1) stats.unknownChannel++;
    else stats.unknownSymbol++;
    logRejected(log, "Testex", stats, "malformed", `frame ${i}`);
  }
  assertEquals(lines.length, 13);
  assertEquals(lines[0], "Ignored Testex frame #1 (malformed): frame 1");
  assertEquals(lines.slice(9), [
    "Ignored Testex frame #10 (malformed): frame 10",
    "Ignored Testex frame #1000 (malformed): frame 1000",
    "Ignored Testex frame #2000 (malformed): frame 2000",
    "Ignored Testex frame #3000 (malformed): frame 3000",
  ]);
});
