import { assertEquals, assertThrows } from "../assert.ts";
import { type Instrument, UnknownSymbol } from "../../lib/core/mod.ts";
import { instrumentNamed, pickInstrument } from "../../lib/core/pick_instrument.ts";

const inst = (symbol: string): Instrument => ({
  symbol,
  base: symbol.split("/")[0]!,
  quote: symbol.split("/")[1]!,
  pricePrecision: 2,
  qtyPrecision: 8,
  priceIncrement: 1,
  minQty: 1,
  minCost: "0",
});
const ALL = [inst("BTC/USD"), inst("ETH/USD")];

Deno.test("pick instrument: the known one first, else a symbol matching in any case", () => {
  const known = inst("BTC/USD");
  assertEquals(pickInstrument("BTC/USD", "load book", known, ALL) === known, true);
  assertEquals(pickInstrument("eth/usd", "load book", undefined, ALL), ALL[1]);
});

Deno.test("pick instrument: an unknown pair says the action", () => {
  const e = assertThrows(() => pickInstrument("FOO/BAR", 'load book for "FOO/BAR" on x', undefined, ALL));
  assertEquals(e instanceof UnknownSymbol, true);
  assertEquals((e as Error).message, 'Cannot load book for "FOO/BAR" on x: unknown pair');
});

Deno.test("instrument named: a symbol in any case, none for an unknown one", () => {
  assertEquals(instrumentNamed(ALL, "Eth/usd"), ALL[1]);
  assertEquals(instrumentNamed(ALL, "FOO/BAR"), undefined);
});
