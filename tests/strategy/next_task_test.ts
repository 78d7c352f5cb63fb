import { assertEquals } from "../assert.ts";
import { nextTask } from "../../lib/strategy/next_task.ts";

Deno.test("nextTask: promise chains started before it have all run when it resolves", async () => {
  let unfinished = 0;
  for (let round = 0; round < 300; round++) {
    let done = false;
    (async () => {
      for (let i = 0; i < 20 + (round % 9) * 40; i++) await null;
      done = true;
    })();
    await nextTask();
    if (!done) unfinished++;
  }
  assertEquals(unfinished, 0);
});
