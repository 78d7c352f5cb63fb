import { assertEquals, assertRejects } from "../assert.ts";
import { EventStream } from "../../lib/core/mod.ts";

Deno.test("events pushed in one synchronous run reach a batch consumer together, in order", async () => {
  const s = new EventStream<number>();
  const it = s.batches()[Symbol.asyncIterator]();
  const first = it.next();
  s.push(1);
  s.pushAll([2, 3]);
  s.push(4);
  assertEquals((await first).value, [1, 2, 3, 4]);
  s.push(5);
  await Promise.resolve();
  s.push(6);
  assertEquals((await it.next()).value, [5, 6], "queued before the consumer asked: taken at once");
  s.close();
  assertEquals((await it.next()).done, true);
});

Deno.test("the one-by-one iterator sees every event once, in order, and size counts what it has not handed out", async () => {
  const s = new EventStream<string>();
  s.pushAll(["a", "b", "c"]);
  assertEquals(s.size, 3);
  const it = s[Symbol.asyncIterator]();
  assertEquals((await it.next()).value, "a");
  assertEquals(s.size, 2);
  s.push("d");
  const rest: string[] = [];
  for (let n = s.size; n > 0; n--) rest.push((await it.next()).value as string);
  assertEquals(rest, ["b", "c", "d"]);
  const pending = it.next();
  s.close();
  assertEquals((await pending).done, true);
});

Deno.test("close ends a waiting consumer; events pushed after close are dropped; one consumer only", async () => {
  const s = new EventStream<number>();
  const it = s.batches()[Symbol.asyncIterator]();
  const waiting = it.next();
  await assertRejects(() => s.batches()[Symbol.asyncIterator]().next(), TypeError, "single consumer");
  s.close();
  assertEquals((await waiting).done, true);
  s.push(1);
  assertEquals(s.size, 0);
});

Deno.test("drain hands each burst over synchronously, in order, and ends with the stream", async () => {
  const s = new EventStream<number>();
  const seen: number[][] = [];
  s.push(0);
  const done = s.drain((b) => seen.push([...b]));
  await Promise.resolve();
  assertEquals(seen, [[0]], "what was queued before drain() came first");
  const burst = [1, 2];
  s.pushAll(burst);
  s.push(3);
  assertEquals(burst, [1, 2], "the producer's array is never changed");
  await Promise.resolve();
  assertEquals(seen, [[0], [1, 2, 3]]);
  await assertRejects(() => s.drain(() => {}), TypeError, "single consumer");
  s.close();
  await done;
});

Deno.test("an exception in the drain callback ends the drain with it", async () => {
  const s = new EventStream<number>();
  const done = s.drain(() => {
    throw new RangeError("bad");
  });
  s.push(1);
  await assertRejects(() => done, RangeError, "bad");
});

Deno.test("flush and publish hand a burst to a drain consumer before they return, after what was pushed unflushed", async () => {
  const s = new EventStream<number>();
  const seen: number[][] = [];
  const done = s.drain((b) => seen.push([...b]));
  s.push(1);
  s.flush();
  assertEquals(seen, [[1]], "applied inside flush()");
  s.push(2);
  s.publish([3, 4]);
  assertEquals(seen, [[1], [2, 3, 4]], "applied inside publish(), the unflushed push first");
  s.publish([]);
  s.flush();
  await Promise.resolve();
  assertEquals(seen, [[1], [2, 3, 4]], "nothing is delivered twice, no empty burst");
  s.close();
  await done;
});

Deno.test("what a drain consumer pushes while it runs comes right after its burst, in order, without re-entering it", async () => {
  const s = new EventStream<string>();
  const seen: string[][] = [];
  let depth = 0;
  let deepest = 0;
  const done = s.drain((b) => {
    depth++;
    deepest = Math.max(deepest, depth);
    seen.push([...b]);
    if (b[0] === "a") {
      s.push("c");
      s.flush();
      s.publish(["d"]);
    }
    depth--;
  });
  s.publish(["a", "b"]);
  assertEquals(seen, [["a", "b"], ["c", "d"]], "delivered before publish() returned");
  assertEquals(deepest, 1, "the consumer was never called while it ran");
  s.close();
  await done;
});

Deno.test("an exception in the drain consumer never reaches the producer's flush or publish", async () => {
  const s = new EventStream<number>();
  const done = s.drain(() => {
    throw new RangeError("bad");
  });
  s.push(1);
  s.flush();
  s.publish([2]);
  await assertRejects(() => done, RangeError, "bad");
  assertEquals(s.size, 1, "what came after the failure stays queued");
});

Deno.test("publish without a drain consumer is pushAll: an iterator gets the burst after one microtask", async () => {
  const s = new EventStream<number>();
  const it = s.batches()[Symbol.asyncIterator]();
  const first = it.next();
  s.publish([1, 2]);
  s.push(3);
  assertEquals((await first).value, [1, 2, 3]);
  s.close();
  assertEquals((await it.next()).done, true);
});
