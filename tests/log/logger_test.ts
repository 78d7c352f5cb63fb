import { assertEquals, assertThrows } from "../assert.ts";
import { formatRecord, Logger, type LogRecord } from "../../lib/log/mod.ts";
import { FileSink, MemorySink } from "../../lib/log/mod.ts";

Deno.test("registered secrets never reach a sink, raw or URL-encoded", () => {
  const seen: LogRecord[] = [];
  const logger = new Logger([{ write: (r) => seen.push(r) }], () => 0);
  const secret = "kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSU+XNsu3eow76sz84Q==";
  logger.addSecret(secret);
  const log = logger.log("kraken").child("auth");
  log.error(`Cannot sign request with ${secret}`);
  log.info(`body=secret%3D${encodeURIComponent(secret)}`);
  assertEquals(seen.map((r) => r.message), [
    "Cannot sign request with [redacted]",
    "body=secret%3D[redacted]",
  ]);
  assertEquals(seen[0]!.source, "kraken.auth");
  assertThrows(() => logger.addSecret("abc"), RangeError);
});

Deno.test("records format as time, level, source and message", () => {
  const line = formatRecord({
    time: Date.UTC(2026, 10, 23, 21, 30),
    level: "warn",
    source: "engine",
    message: "x",
  });
  assertEquals(line, "2026-11-23T21:30:00.000Z WARN  engine: x");
});

Deno.test("file sink writes one line per record with mode 0600; memory sink keeps the newest", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/pytrader.log`;
  const file = new FileSink(path);
  const memory = new MemorySink(2);
  const logger = new Logger([file, memory], () => 0);
  const log = logger.log("t");
  for (const m of ["a", "b", "c"]) log.info(m);
  file.close();
  const text = await Deno.readTextFile(path);
  assertEquals(text.trimEnd().split("\n").length, 3);
  assertEquals((await Deno.stat(path)).mode! & 0o777, 0o600);
  assertEquals(memory.records().map((r) => r.message), ["b", "c"]);
  await Deno.remove(dir, { recursive: true });
});
