import { assertEquals } from "../assert.ts";
import { SideStore } from "../../lib/book/side_store.ts";

Deno.test("lowerBound (the gallop from the best) and search find the first key >= the one asked, for every size and key", () => {
  for (let size = 0; size <= 70; size++) {
    for (const start of [0, 3]) {
      const s = new SideStore(1, 200);
      // Keys 10, 20, ... live in [start, start + size).
      s.reset(start + size);
      s.start = start;
      for (let i = 0; i < size; i++) s.keys[start + i] = 10 * (i + 1);
      for (let key = 0; key <= 10 * size + 15; key += 5) {
        let expect = start;
        while (expect < s.end && s.keys[expect]! < key) expect++;
        assertEquals(s.lowerBound(key), expect, `size ${size}, start ${start}, key ${key}`);
        assertEquals(
          s.search(key, s.start, s.end),
          expect,
          `search: size ${size}, start ${start}, key ${key}`,
        );
      }
    }
  }
});
