import { assertEquals, assertThrows } from "../assert.ts";
import { addTicks, formatTicks, formatTicksShort, parseTicks, rescaleTicks } from "../../lib/core/ticks.ts";

Deno.test("parseTicks reads decimal text exactly at the precision", () => {
  assertEquals(parseTicks("45283.5", 1), 452835);
  assertEquals(parseTicks("0.10000000", 8), 10_000_000);
  assertEquals(parseTicks("0.0209", 5), 2090);
  assertEquals(parseTicks("7", 2), 700);
  assertEquals(parseTicks("7.", 2), 700);
  assertEquals(parseTicks(".5", 1), 5);
  assertEquals(parseTicks("-1.25", 2), -125);
  assertEquals(parseTicks("1.2300", 2), 123);
  assertEquals(parseTicks("0", 8), 0);
});

Deno.test("parseTicks refuses what it cannot hold exactly", () => {
  assertThrows(() => parseTicks("1.234", 2), RangeError, "more than 2 decimal places");
  assertThrows(() => parseTicks("1e-5", 8), RangeError, "not a decimal number");
  assertThrows(() => parseTicks("", 2), RangeError);
  assertThrows(() => parseTicks(".", 2), RangeError);
  assertThrows(() => parseTicks("1.2.3", 2), RangeError);
  assertThrows(() => parseTicks("abc", 2), RangeError);
  assertThrows(() => parseTicks(" 1", 2), RangeError);
  assertThrows(() => parseTicks("123456789012", 8), RangeError, "too large");
});

Deno.test("formatTicks writes exactly precision decimals; formatTicksShort trims", () => {
  assertEquals(formatTicks(452835, 1), "45283.5");
  assertEquals(formatTicks(10_000_000, 8), "0.10000000");
  assertEquals(formatTicks(5, 8), "0.00000005");
  assertEquals(formatTicks(-125, 2), "-1.25");
  assertEquals(formatTicks(42, 0), "42");
  assertEquals(formatTicksShort(2090, 5), "0.0209");
  assertEquals(formatTicksShort(400_000_000, 8), "4");
  assertEquals(formatTicksShort(1, 8), "0.00000001");
  assertThrows(() => formatTicks(0.5, 2), RangeError);
});

Deno.test("ticks round-trip through text for every precision", () => {
  for (let p = 0; p <= 12; p++) {
    for (const t of [0, 1, 9, 10, 123456, 987654321]) assertEquals(parseTicks(formatTicks(t, p), p), t);
  }
});

Deno.test("rescaleTicks and addTicks never lose digits silently", () => {
  assertEquals(rescaleTicks(123, 2, 4), 12300);
  assertEquals(rescaleTicks(12300, 4, 2), 123);
  assertThrows(() => rescaleTicks(12345, 4, 2), RangeError, "without losing digits");
  assertThrows(() => addTicks(Number.MAX_SAFE_INTEGER, 1), RangeError);
});
