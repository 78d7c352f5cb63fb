import { assert, assertEquals } from "../assert.ts";
import { MemoryNonce, nextNonce } from "../../lib/net/nonce.ts";
import { FileNonce } from "../../lib/net/nonce_file.ts";

function increasing(list: readonly string[]): boolean {
  for (let i = 1; i < list.length; i++) if (BigInt(list[i]!) <= BigInt(list[i - 1]!)) return false;
  return true;
}

async function withDir(fn: (dir: string) => Promise<void> | void): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "pytrader-nonce-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("nextNonce: the clock in microseconds, or one more than the last when the clock has not moved on", () => {
  assertEquals(nextNonce(0, 1_700_000_000_000_000), 1_700_000_000_000_000);
  assertEquals(nextNonce(1_700_000_000_000_000, 1_700_000_000_000_000), 1_700_000_000_000_001);
  assertEquals(nextNonce(1_700_000_000_000_500, 1_600_000_000_000_000), 1_700_000_000_000_501);
});

Deno.test("MemoryNonce strictly increases on a clock that stands still", () => {
  const n = new MemoryNonce(() => 1_700_000_000_000);
  const list = Array.from({ length: 1000 }, () => n.next());
  assert(increasing(list));
  assertEquals(list[0], "1700000000000000");
});

Deno.test("FileNonce survives a restart with the clock set back an hour", () =>
  withDir((dir) => {
    const path = `${dir}/pytrader.kraken-nonce`;
    const now = Date.parse("2026-11-23T20:00:00Z");
    const first = new FileNonce(path, () => now);
    const before = [first.next(), first.next()];
    const restarted = new FileNonce(path, () => now - 3_600_000);
    const after = restarted.next();
    assert(increasing([...before, after]), `${before} then ${after}`);
    assertEquals(Deno.readTextFileSync(path).trim(), after);
    assertEquals(Deno.statSync(path).mode! & 0o777, 0o600);
  }));

Deno.test("FileNonce: two instances sharing the file never repeat or go back", () =>
  withDir((dir) => {
    const path = `${dir}/n`;
    const frozen = () => 1_700_000_000_000;
    const a = new FileNonce(path, frozen);
    const b = new FileNonce(path, frozen);
    const merged: string[] = [];
    for (let i = 0; i < 500; i++) merged.push(i % 3 === 0 ? b.next() : a.next());
    assert(increasing(merged));
  }));

Deno.test("FileNonce: an unreadable state file counts as nothing stored; the clock takes over", () =>
  withDir((dir) => {
    const path = `${dir}/n`;
    Deno.writeTextFileSync(path, "garbage, and longer than any nonce line could be\n");
    const n = new FileNonce(path, () => 1_700_000_000_000);
    assertEquals(n.next(), "1700000000000000");
    assertEquals(Deno.readTextFileSync(path), "1700000000000000        \n");
    assertEquals(n.next(), "1700000000000001");
  }));

Deno.test("FileNonce: two processes taking nonces at the same time never produce equal or decreasing ones", () =>
  withDir(async (dir) => {
    const path = `${dir}/pytrader.kraken-nonce`;
    const worker = new URL("./nonce_worker.ts", import.meta.url).pathname;
    const count = 2000;
    const procs = [0, 1].map(() =>
      new Deno.Command(Deno.execPath(), {
        args: ["run", "--allow-read", "--allow-write", worker, path, String(count)],
        stdin: "piped",
        stdout: "piped",
        stderr: "inherit",
      }).spawn()
    );
    // Both are started and waiting; then both are let go together, twice: each takes half its nonces,
    // waits until the other has too, then takes the rest, so the two runs overlap however busy the machine.
    const readers = procs.map((p) => p.stdout.pipeThrough(new TextDecoderStream()).getReader());
    const writers = procs.map((p) => p.stdin.getWriter());
    const texts = procs.map(() => "");
    const readUntil = async (i: number, line: string) => {
      while (!texts[i]!.includes(`${line}\n`)) {
        const { value, done } = await readers[i]!.read();
        if (done) throw new Error(`process ${i} ended before "${line}": ${texts[i]}`);
        texts[i] += value;
      }
    };
    const go = () => Promise.all(writers.map((w) => w.write(new TextEncoder().encode("go\n"))));
    await Promise.all([0, 1].map((i) => readUntil(i, "ready")));
    await go();
    await Promise.all([0, 1].map((i) => readUntil(i, "half")));
    await go();
    for (const w of writers) await w.close();
    for (const [i, r] of readers.entries()) {
      for (;;) {
        const { value, done } = await r.read();
        if (done) break;
        texts[i] += value;
      }
    }
    for (const p of procs) assertEquals((await p.status).code, 0);
    const lists = texts.map((t) => t.split("\n").filter((l) => l !== "" && l !== "ready" && l !== "half"));
    for (const l of lists) {
      assertEquals(l.length, count);
      assert(increasing(l), "each process's nonces increase");
    }
    const all = [...lists[0]!, ...lists[1]!];
    assertEquals(new Set(all).size, 2 * count, "no nonce was handed out twice");
    const max = all.reduce((m, n) => (BigInt(n) > BigInt(m) ? n : m));
    assertEquals(Deno.readTextFileSync(path).trim(), max);
    // The two really ran at the same time: their ranges interleave (the pause in the middle makes sure).
    const [a, b] = lists.map((l) => [BigInt(l[0]!), BigInt(l.at(-1)!)]);
    assert(a![0]! < b![1]! && b![0]! < a![1]!, "the processes overlapped");
  }));
