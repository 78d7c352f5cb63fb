import { assertEquals } from "../../assert.ts";
import { parseDecimal } from "../../../lib/core/decimal.ts";
import { feeRate, formatAmount, nextFee } from "../../../exchanges/sim/wallet.ts";
import { ZERO } from "../../../lib/core/decimal.ts";

const d = parseDecimal;

Deno.test("amounts show at least the asset's decimals and never lose digits", () => {
  assertEquals(formatAmount(d("10000"), 2), "10000.00");
  assertEquals(formatAmount(d("63906.290000000"), 2), "63906.29");
  assertEquals(formatAmount(d("63906.300000000"), 2), "63906.30");
  assertEquals(formatAmount(d("0.000600000"), 2), "0.0006");
  assertEquals(formatAmount(d("1"), 8), "1.00000000");
  assertEquals(formatAmount(d("5.000000000"), 2), "5.00");
});

Deno.test("fee rates come from percent text", () => {
  assertEquals(feeRate("0.26"), { units: 26n, scale: 4 });
  assertEquals(feeRate("0"), { units: 0n, scale: 2 });
});

Deno.test("fees over an order add up to its exact fee rounded up, never above its cost", () => {
  const state = { cost: ZERO, exactFee: ZERO, charged: ZERO };
  const rate = feeRate("0.16");
  // 0.1 BTC at 60000.5 twice: exact fees 9.60008 each; rounded up as a running total: 9.61 then 9.60
  assertEquals(formatAmount(nextFee(state, d("6000.05"), rate, 2), 2), "9.61");
  assertEquals(formatAmount(nextFee(state, d("6000.05"), rate, 2), 2), "9.60");
  const tiny = { cost: ZERO, exactFee: ZERO, charged: ZERO };
  // one satoshi at 60000.0 costs 0.0006: the fee is capped at that, the rest follows with later fills
  assertEquals(formatAmount(nextFee(tiny, d("0.0006"), rate, 2), 2), "0.0006");
  assertEquals(formatAmount(nextFee(tiny, d("5.9994"), rate, 2), 2), "0.0094");
});
