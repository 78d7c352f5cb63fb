import { assertEquals } from "../assert.ts";
import type { RawFrame } from "../../lib/core/mod.ts";
import { FrameTaps } from "../../lib/net/frame_taps.ts";

Deno.test("frame taps: every tap sees every frame until removed", () => {
  const taps = new FrameTaps();
  const a: string[] = [];
  const b: string[] = [];
  const frame = (data: string): RawFrame => ({ t: 1, src: "ws", url: "ws://x", data });
  const removeA = taps.add((f) => a.push(f.data));
  taps.add((f) => b.push(f.data));
  taps.send(frame("one"));
  removeA();
  taps.send(frame("two"));
  assertEquals([a, b], [["one"], ["one", "two"]]);
});
