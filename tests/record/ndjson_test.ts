import { assertEquals } from "../assert.ts";
import { NdjsonRecorder, readLineChunks, readLines } from "../../lib/record/mod.ts";

async function lines(path: string, chunk?: number): Promise<string[]> {
  const out: string[] = [];
  for await (const l of readLines(path, chunk)) out.push(l);
  return out;
}

Deno.test("readLines splits on LF and CRLF, keeps a last line without newline, across chunk borders", async () => {
  const path = await Deno.makeTempFile();
  try {
    await Deno.writeTextFile(path, "a\r\nbé€c\n\nlast");
    for (const chunk of [1, 2, 3, 5, 1024]) assertEquals(await lines(path, chunk), ["a", "bé€c", "", "last"]);
    await Deno.writeTextFile(path, "");
    assertEquals(await lines(path), []);
  } finally {
    await Deno.remove(path);
  }
});

Deno.test("readLineChunks yields whole lines, however the chunk size cuts them", async () => {
  const path = await Deno.makeTempFile();
  try {
    const text = "é".repeat(3000) + "\n" + "ab\r\n" + "€x\n".repeat(500) + "tail";
    await Deno.writeTextFile(path, text);
    for (const chunk of [1, 7, 64, 1 << 20]) {
      const chunks: string[] = [];
      for await (const c of readLineChunks(path, chunk)) chunks.push(c);
      assertEquals(chunks.join(""), text);
      assertEquals(chunks.slice(0, -1).filter((c) => !c.endsWith("\n")), []);
    }
    // Stopping early closes the file cleanly, with a read still under way.
    for await (const c of readLineChunks(path, 7)) if (c.length > 0) break;
  } finally {
    await Deno.remove(path);
  }
});

Deno.test("the recorder writes one object per line, in order, across batches", async () => {
  const path = await Deno.makeTempFile();
  try {
    const rec = await NdjsonRecorder.create(path, "kraken");
    // Not one line of JSON, so each frame goes in as a string (DESIGN.md §10's form).
    const data = '{"channel":"heartbeat"}\n"quoted"';
    for (let i = 0; i < 5000; i++) {
      rec.write({ t: i, src: i % 2 ? "ws" : "rest", url: "wss://x/v2", data: data + i });
    }
    await rec.close();
    const got = await lines(path);
    assertEquals(got.length, 5000);
    assertEquals(rec.frames, 5000);
    assertEquals(JSON.parse(got[4999]!), {
      t: 4999,
      venue: "kraken",
      src: "ws",
      url: "wss://x/v2",
      data: data + 4999,
    });
    assertEquals((await Deno.stat(path)).size, rec.bytes);
  } finally {
    await Deno.remove(path);
  }
});
