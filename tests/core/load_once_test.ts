import { assertEquals, assertRejects } from "../assert.ts";
import { loadOnce } from "../../lib/core/load_once.ts";

Deno.test("load once: one load shared by every caller, kept once it succeeded", async () => {
  let loads = 0;
  const pairs = loadOnce(() => Promise.resolve(++loads));
  const [a, b] = await Promise.all([pairs(), pairs()]);
  assertEquals([a, b, await pairs(), loads], [1, 1, 1, 1]);
});

Deno.test("load once: after a failure the next call loads again", async () => {
  let loads = 0;
  const pairs = loadOnce(() => ++loads === 1 ? Promise.reject(new Error("offline")) : Promise.resolve(loads));
  await assertRejects(() => pairs(), Error, "offline");
  assertEquals([await pairs(), await pairs(), loads], [2, 2, 2]);
});
