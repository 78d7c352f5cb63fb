import { assertEquals, assertThrows } from "../assert.ts";
import {
  add,
  compare,
  div,
  formatDecimal,
  fromTicks,
  mul,
  parseDecimal,
  rescale,
  sub,
  toTicks,
} from "../../lib/core/decimal.ts";

const d = parseDecimal;

Deno.test("decimal arithmetic is exact where floats are not", () => {
  assertEquals(formatDecimal(add(d("0.1"), d("0.2"))), "0.3");
  assertEquals(formatDecimal(sub(d("1"), d("0.9"))), "0.1");
  assertEquals(formatDecimal(mul(d("45283.5"), d("0.10000000"))), "4528.35");
  assertEquals(formatDecimal(mul(d("0.02099"), d("1"))), "0.02099");
  assertEquals(compare(d("1.10"), d("1.1")), 0);
  assertEquals(compare(d("-2"), d("1")), -1);
});

Deno.test("division and rescaling round as asked", () => {
  assertEquals(formatDecimal(div(d("1"), d("3"), 5)), "0.33333");
  assertEquals(formatDecimal(div(d("2"), d("3"), 2, "down")), "0.66");
  assertEquals(formatDecimal(div(d("2"), d("3"), 2)), "0.67");
  assertEquals(formatDecimal(rescale(d("0.125"), 2)), "0.12");
  assertEquals(formatDecimal(rescale(d("0.135"), 2)), "0.14");
  assertEquals(formatDecimal(rescale(d("0.121"), 2, "up")), "0.13");
  assertEquals(formatDecimal(rescale(d("-0.121"), 2, "floor")), "-0.13");
  assertEquals(formatDecimal(rescale(d("-0.121"), 2, "ceil")), "-0.12");
  assertThrows(() => div(d("1"), d("0"), 2), RangeError, "divide by zero");
});

Deno.test("formatting with a fixed scale and conversion to ticks", () => {
  assertEquals(formatDecimal(d("1.5"), 8), "1.50000000");
  assertEquals(formatDecimal(d("-0.05")), "-0.05");
  assertEquals(formatDecimal(d("100.000")), "100");
  assertEquals(toTicks(d("1.23456789"), 4), 12345);
  assertEquals(toTicks(d("1.23456789"), 4, "up"), 12346);
  assertEquals(formatDecimal(fromTicks(2090, 5)), "0.0209");
  assertThrows(() => parseDecimal("1e5"), RangeError);
  assertThrows(() => parseDecimal("--1"), RangeError);
});
