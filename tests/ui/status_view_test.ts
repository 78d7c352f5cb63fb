import { assertEquals } from "../assert.ts";
import { parseDecimal } from "../../lib/core/decimal.ts";
import { parseTicks } from "../../lib/core/ticks.ts";
import { statusInput } from "../../lib/ui/select.ts";
import { orderedCurrencies, type StatusInput, statusView } from "../../lib/ui/views/status.ts";
import { ETH_XBT, market, order, seedBook, texts, VIEW } from "./fixtures.ts";
import { roleAt } from "./picture.ts";

const BASE: StatusInput = {
  venue: "kraken",
  base: "ETH",
  quote: "XBT",
  pricePrecision: 5,
  qtyPrecision: 8,
  bid: parseTicks("0.02099", 5),
  ask: parseTicks("0.02101", 5),
  balances: null,
  orderCount: 0,
  connection: "connected",
  silentFor: 2400,
  bookStatus: "ok",
  stats: null,
  width: 200,
};

Deno.test("status: no account yet, connection and book state on line 2", () => {
  assertEquals(texts(statusView(BASE)), [
    "Price: 0.02099 - 0.02101 | Market: kraken ETH/XBT | Account: No info (yet)",
    "connected, last message 2 s ago | book: ok",
  ]);
});

Deno.test("status: balances base, quote, then others by size; totals; order count; stats at full precision", () => {
  const s: StatusInput = {
    ...BASE,
    balances: { ZEUR: "3", XBT: "10.5", LTC: "7", ETH: "480.25" },
    orderCount: 2,
    stats: { bidCost: parseDecimal("0.2042900000000"), askQty: parseTicks("10", 8) },
  };
  assertEquals(texts(statusView(s)), [
    "Price: 0.02099 - 0.02101 | Market: kraken ETH/XBT | Account: 480.25 ETH + 10.5 XBT + 7 LTC + 3 ZEUR" +
    " | Totals: 980.48820867 ETH / 20.59005 XBT | 2 orders",
    "connected, last message 2 s ago | book: ok | sum_bid: 0.20429 XBT | sum_ask: 10.00000000 ETH | ratio: 0.97235",
  ]);
  assertEquals(orderedCurrencies({ B: "1", A: "1", C: "2" }, "X", "Y"), ["C", "A", "B"]);
});

Deno.test("status: from a market state; sums are exact, the ratio is bid over ask volume in base units", () => {
  const m = market(seedBook(), {
    orders: [order(ETH_XBT, "sell", "0.0211", "1")],
    lastMessageAt: 10_000,
    connection: "stale",
  });
  const lines = statusView(statusInput(m, VIEW, 15_500, 120));
  assertEquals(texts(lines), [
    "Price: 0.02099 - 0.02101 | Market: sim ETH/XBT | Account: No info (yet)",
    "stale, last message 5 s ago | book: ok | sum_bid: 0.20429 XBT | sum_ask: 10.00000000 ETH | ratio: 0.97235",
  ]);
  assertEquals(roleAt(lines[1], 0), "status_warn");
  const hidden = statusView(statusInput(m, { ...VIEW, showStats: false }, 15_500, 120));
  assertEquals(texts(hidden)[1], "stale, last message 5 s ago | book: ok");
});

Deno.test("status: a resyncing book shows no prices; down is marked; lines are cut to the width", () => {
  const m = market(seedBook(), { bookStatus: "resyncing", connection: "down" });
  const lines = statusView(statusInput(m, VIEW, 0, 40));
  assertEquals(texts(lines), [
    "- - - | sim ETH/XBT | No info (yet)",
    "down, no message yet | book: resyncing",
  ]);
  assertEquals(roleAt(lines[1], 0), "status_bad");
});

Deno.test("status: on a narrow screen other currencies, then totals, then ratio and sums are left out", () => {
  const s: StatusInput = {
    ...BASE,
    venue: "sim",
    base: "BTC",
    quote: "USD",
    pricePrecision: 1,
    bid: parseTicks("59998.8", 1),
    ask: parseTicks("59999.5", 1),
    balances: { BTC: "1.00000000", USD: "10000.00", ETH: "10.00000000" },
    orderCount: 1,
    stats: { bidCost: parseDecimal("80307.71234"), askQty: parseTicks("1.3720131", 8) },
  };
  assertEquals(texts(statusView({ ...s, width: 160 })), [
    "Price: 59998.8 - 59999.5 | Market: sim BTC/USD | Account: 1.00000000 BTC + 10000.00 USD + 10.00000000 ETH" +
    " | Totals: 1.16667000 BTC / 69999.5 USD | 1 order",
    "connected, last message 2 s ago | book: ok | sum_bid: 80307.7 USD | sum_ask: 1.37201310 BTC | ratio: 0.97555",
  ]);
  assertEquals(
    texts(statusView({ ...s, width: 140 }))[0],
    "Price: 59998.8 - 59999.5 | Market: sim BTC/USD | Account: 1.00000000 BTC + 10000.00 USD + … | Totals: 1.16667000" +
      " BTC / 69999.5 USD | 1 order",
  );
  assertEquals(texts(statusView({ ...s, width: 101 })), [
    "Price: 59998.8 - 59999.5 | Market: sim BTC/USD | Account: 1.00000000 BTC + 10000.00 USD + … | 1 order",
    "connected, last message 2 s ago | book: ok | sum_bid: 80307.7 USD | sum_ask: 1.37201310 BTC",
  ]);
  assertEquals(
    texts(statusView({ ...s, width: 100 }))[0],
    "Price: 59998.8 - 59999.5 | Market: sim BTC/USD | Account: 1.00000000 BTC + 10000.00 USD | 1 order",
  );
  assertEquals(
    texts(statusView({ ...s, orderCount: 10, width: 80 }))[0],
    "59998.8 - 59999.5 | sim BTC/USD | 1.00000000 BTC + 10000.00 USD | 10 orders",
  );
  assertEquals(texts(statusView({ ...s, width: 80 })), [
    "Price: 59998.8 - 59999.5 | sim BTC/USD | 1.00000000 BTC + 10000.00 USD | 1 order",
    "connected, last message 2 s ago | book: ok",
  ]);
});
