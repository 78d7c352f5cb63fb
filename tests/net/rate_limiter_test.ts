import { assert, assertEquals, assertRejects, assertThrows } from "../assert.ts";
import { TokenBucket } from "../../lib/net/rate_limiter.ts";
import { FakeTimers } from "./fake_timers.ts";

Deno.test("token bucket allows a burst, then one token per refill period, in call order", async () => {
  const timers = new FakeTimers();
  const bucket = new TokenBucket({ capacity: 2, refillPerSecond: 2, timers });
  await bucket.take();
  await bucket.take();
  assertEquals(bucket.tryTake(), false);
  const order: number[] = [];
  const a = bucket.take().then(() => order.push(1));
  const b = bucket.take().then(() => order.push(2));
  await Promise.resolve();
  assertEquals(order, []);
  timers.advance(499);
  await Promise.resolve();
  assertEquals(order, []);
  timers.advance(1);
  await a;
  assertEquals(order, [1]);
  timers.advance(500);
  await b;
  assertEquals(order, [1, 2]);
  assertEquals(timers.pending, 0);
});

Deno.test("token bucket refills to capacity only", () => {
  const timers = new FakeTimers();
  const bucket = new TokenBucket({ capacity: 3, refillPerSecond: 1, timers });
  for (let i = 0; i < 3; i++) assert(bucket.tryTake());
  timers.advance(60_000);
  assertEquals(bucket.tokens, 3);
});

Deno.test("closing a token bucket rejects waiters and stops its timer", async () => {
  const timers = new FakeTimers();
  const bucket = new TokenBucket({ capacity: 1, refillPerSecond: 1, timers });
  await bucket.take();
  const waiting = bucket.take();
  bucket.close();
  await assertRejects(() => waiting, TypeError, "closed");
  assertEquals(timers.pending, 0);
});

Deno.test("token bucket refuses nonsense settings", () => {
  assertThrows(() => new TokenBucket({ capacity: 0, refillPerSecond: 1 }), RangeError);
  assertThrows(() => new TokenBucket({ capacity: 1, refillPerSecond: 0 }), RangeError);
});
