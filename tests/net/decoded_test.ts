import { assertEquals, assertThrows } from "../assert.ts";
import { ExchangeError, InvalidOrder, RequestTimeout } from "../../lib/core/mod.ts";
import { decoded } from "../../lib/net/decoded.ts";

Deno.test("decoded: the decoder's value, or what did not fit as ExchangeError for the action", () => {
  assertEquals(decoded("load book on x", () => 42), 42);
  const e = assertThrows(() =>
    decoded("load book on x", () => {
      throw new RangeError('price "abc" is not a number');
    }), ExchangeError);
  assertEquals(e.constructor, ExchangeError);
  assertEquals(e.message, 'Cannot load book on x: price "abc" is not a number');
  assertEquals(e.cause instanceof RangeError, true);
});

Deno.test("decoded: venue and network errors pass as they are", () => {
  for (
    const thrown of [new InvalidOrder("Cannot place: refused"), new RequestTimeout("Cannot place: late")]
  ) {
    const e = assertThrows(() =>
      decoded("place order on x", () => {
        throw thrown;
      })
    );
    assertEquals(e, thrown);
  }
});
