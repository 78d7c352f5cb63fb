import { assertEquals, assertThrows } from "../assert.ts";
import { OrderBook } from "../../lib/book/mod.ts";
import { OrderDenied } from "../../lib/core/mod.ts";
import type { OrderRequest } from "../../lib/engine/mod.ts";
import { INSTRUMENT } from "./scripted_exchange.ts";
import { type Rig, rig } from "./engine_helpers.ts";

/** Submits `req`, expects OrderDenied with `message`, and checks that nothing was sent or journalled. */
function denied(r: Rig, req: OrderRequest, message: string): void {
  const before = r.venue.placed.length;
  const e = assertThrows(() => r.engine.submit(req), OrderDenied);
  assertEquals(e.message, message);
  assertEquals(r.venue.placed.length, before, "nothing sent");
  assertEquals(
    r.journal.live("fake", "ETH/BTC", false).length,
    r.engine.orders().length,
    "nothing journalled",
  );
}

const P = 'Cannot place order on "ETH/BTC": ';

Deno.test("sizes: below the minimum, zero, negative, not a number, too many decimals send nothing", () => {
  const r = rig();
  denied(
    r,
    { side: "buy", price: "0.021", volume: "0.0001" },
    P + "volume 0.0001 is below the minimum 0.001",
  );
  denied(r, { side: "buy", price: "0.021", volume: "0" }, P + "volume must be above 0");
  denied(r, { side: "buy", price: "0.021", volume: "-1" }, P + "volume must be above 0, got -1");
  denied(
    r,
    { side: "buy", price: "0.021", volume: "abc" },
    P + 'volume "abc" is not a number (digits with "." as the decimal separator)',
  );
  denied(
    r,
    { side: "buy", price: "0,021", volume: "1" },
    P + 'price "0,021" is not a number (digits with "." as the decimal separator)',
  );
  denied(
    r,
    { side: "buy", price: "1e-2", volume: "1" },
    P + 'price "1e-2" is not a number (digits with "." as the decimal separator)',
  );
  denied(
    r,
    { side: "buy", price: "0.021", volume: "0.123456789" },
    P + "volume 0.123456789 has more than 8 decimals",
  );
  denied(r, { side: "buy", price: "0.021001", volume: "1" }, P + "price 0.021001 has more than 5 decimals");
  denied(r, { side: "buy", price: "0.021", volume: "99999999999" }, P + "volume 99999999999 is too large");
  denied(
    r,
    { side: "hold" as "buy", price: "0.021", volume: "1" },
    P + 'side must be buy or sell, got "hold"',
  );
  // trailing zeros beyond the precision are exact, and accepted
  r.engine.submit({ side: "buy", price: "0.0210000", volume: "0.5000000000" });
  assertEquals(r.venue.placed.map((c) => [c.price, c.qty]), [[2100, 50_000_000]]);
  r.journal.close();
});

Deno.test("price increment: a price off the instrument's grid is refused", () => {
  const r = rig({ instrument: { ...INSTRUMENT, priceIncrement: 5 } });
  denied(
    r,
    { side: "buy", price: "0.02101", volume: "1" },
    P + "price 0.02101 is not a multiple of the price increment 0.00005",
  );
  r.engine.submit({ side: "buy", price: "0.02100", volume: "1" });
  assertEquals(r.venue.placed.length, 1);
  r.journal.close();
});

Deno.test("funds: a buy needs the quote, a sell the base, less what own open orders already hold", async () => {
  const r = rig({ balances: { BTC: "0.02", ETH: "0.4" } });
  denied(
    r,
    { side: "sell", price: "0.021", volume: "0.5" },
    P + "needs 0.5 ETH, only 0.4 ETH is available",
  );
  await r.engine.submit({ side: "buy", price: "0.021", volume: "0.5" }).settled; // holds 0.0105 BTC
  denied(
    r,
    { side: "buy", price: "0.021", volume: "0.5" },
    P + "needs 0.0105 BTC, only 0.0095 BTC is available (0.0105 BTC held by open orders)",
  );
  r.balances = null; // unknown balances: the venue decides
  r.engine.submit({ side: "buy", price: "0.021", volume: "0.5" });
  assertEquals(r.venue.placed.length, 2);
  r.journal.close();
});

Deno.test("price band: a limit price more than 10 % from the mid is refused; the edge is allowed", () => {
  const r = rig();
  denied(
    r,
    { side: "buy", price: "0.025", volume: "1" },
    P + "price 0.025 is 19 % from the mid 0.021, outside the 10 % band",
  );
  denied(
    r,
    { side: "sell", price: "0.0188", volume: "1" },
    P + "price 0.0188 is 10.5 % from the mid 0.021, outside the 10 % band",
  );
  r.engine.submit({ side: "buy", price: "0.0231", volume: "0.1" });
  r.engine.submit({ side: "sell", price: "0.0189", volume: "0.1" });
  assertEquals(r.venue.placed.length, 2);
  r.journal.close();
});

Deno.test("price band: configurable, and refused against an empty book", () => {
  const r = rig({}, { priceBandPct: 2.5 });
  denied(
    r,
    { side: "buy", price: "0.0216", volume: "1" },
    P + "price 0.0216 is 2.9 % from the mid 0.021, outside the 2.5 % band",
  );
  r.book.clear();
  denied(
    r,
    { side: "buy", price: "0.021", volume: "1" },
    P + "the book is empty, so the price cannot be checked",
  );
  r.journal.close();
});

Deno.test("market orders are priced from the book; with no book they are refused", () => {
  const r = rig({ balances: { BTC: "0.03", ETH: "0" } });
  // 1 at 0.02101 + 0.5 at 0.02103
  denied(
    r,
    { side: "buy", price: null, volume: "1.5" },
    P + "needs 0.031525 BTC, only 0.03 BTC is available",
  );
  denied(r, { side: "buy", price: "0", volume: "1.5" }, P + "needs 0.031525 BTC, only 0.03 BTC is available");
  r.engine.submit({ side: "buy", price: "", volume: "1" });
  assertEquals(r.venue.placed.map((c) => [c.type, c.price]), [["market", null]]);
  r.book.applySnapshot([{ price: 2099, qty: 1 }], []);
  denied(
    r,
    { side: "buy", price: null, volume: "1" },
    P + "a market order needs the live book to price it, and there are no asks",
  );
  r.journal.close();
});

Deno.test("without a book, limit orders skip the band and market orders are refused", () => {
  const r = rig();
  const bookless = rig({}, { book: undefined }, r.venue);
  denied(
    bookless,
    { side: "sell", price: null, volume: "1" },
    P + "a market order needs the live book to price it, and there are no bids",
  );
  bookless.engine.submit({ side: "sell", price: "1", volume: "1" });
  assertEquals(r.venue.placed.length, 1);
  r.journal.close();
  bookless.journal.close();
});

Deno.test("a crossed book is no reference; minimum cost is checked", () => {
  const r = rig({ instrument: { ...INSTRUMENT, minCost: "0.0001" } });
  denied(
    r,
    { side: "buy", price: "0.021", volume: "0.001" },
    P + "cost 0.000021 BTC is below the minimum 0.0001 BTC",
  );
  const crossed = new OrderBook(INSTRUMENT, 10);
  crossed.applySnapshot([{ price: 2101, qty: 1 }], [{ price: 2102, qty: 1 }]);
  // the book applies the update, then reports it crossed (the Trader resyncs)
  assertThrows(() => crossed.applyUpdate([], [{ price: 2100, qty: 1 }, { price: 2102, qty: 0 }]));
  const c = rig({}, { book: crossed }, r.venue);
  denied(
    c,
    { side: "buy", price: "0.021", volume: "1" },
    P + "the book is crossed; wait until it has been resynced",
  );
  r.journal.close();
  c.journal.close();
});

Deno.test("owners are ui, cli or strategy:<name>", () => {
  const r = rig();
  assertThrows(
    () => r.engine.submit({ side: "buy", price: "0.021", volume: "1", owner: "foreign" }),
    TypeError,
  );
  assertThrows(
    () => r.engine.submit({ side: "buy", price: "0.021", volume: "1", owner: "strategy:" }),
    TypeError,
  );
  assertEquals(r.venue.placed.length, 0);
  r.journal.close();
});
