import { assertEquals } from "../assert.ts";
import { countRejected, type FrameCounts } from "../../lib/core/frame_counts.ts";

Deno.test("frame counts: a rejected frame is counted under its reason", () => {
  const c: FrameCounts = { frames: 0, events: 0, malformed: 0, unknownChannel: 0, unknownSymbol: 0 };
  countRejected(c, "malformed");
  countRejected(c, "unknown channel");
  countRejected(c, "unknown symbol");
  countRejected(c, "unknown symbol");
  assertEquals(c, { frames: 0, events: 0, malformed: 1, unknownChannel: 1, unknownSymbol: 2 });
});
