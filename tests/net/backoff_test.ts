import { assert, assertEquals } from "../assert.ts";
import { backoffDelay } from "../../lib/net/backoff.ts";

const opts = { baseMs: 500, maxMs: 30_000 };

Deno.test("backoff doubles per attempt and stops at the cap", () => {
  const top = (a: number) => backoffDelay(a, opts, () => 1);
  assertEquals([0, 1, 2, 3, 4, 5, 6, 7, 20, 1000].map(top), [
    500,
    1000,
    2000,
    4000,
    8000,
    16000,
    30000,
    30000,
    30000,
    30000,
  ]);
});

Deno.test("backoff jitter keeps at least half the delay and spreads the rest", () => {
  assertEquals(backoffDelay(3, opts, () => 0), 2000);
  assertEquals(backoffDelay(3, opts, () => 0.5), 3000);
  const seen = new Set<number>();
  for (let i = 0; i < 50; i++) {
    const d = backoffDelay(4, opts);
    assert(d >= 4000 && d <= 8000, `delay ${d}`);
    seen.add(d);
  }
  assert(seen.size > 5, "jitter spreads the delays");
});
