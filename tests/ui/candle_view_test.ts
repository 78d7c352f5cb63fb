import { assertEquals } from "../assert.ts";
import type { Instrument } from "../../lib/core/mod.ts";
import { parseTicks } from "../../lib/core/ticks.ts";
import { COLOR_GLYPHS, MONO_GLYPHS } from "../../lib/ui/glyphs.ts";
import { candleView, labelPrices, labelStep, labelText, niceStep } from "../../lib/ui/views/candles.ts";
import { BTC_USD, candle, ETH_XBT, texts } from "./fixtures.ts";
import { picture } from "./picture.ts";

const WHOLE: Instrument = { ...ETH_XBT, symbol: "X/Y", base: "X", quote: "Y", pricePrecision: 0 };
const MIN = 60_000;
const BODIES = { chart_up_body: "G", chart_down_body: "R" } as const;

Deno.test("niceStep: the largest 1/2/5 step with at least four divisions", () => {
  assertEquals(niceStep(20), 5);
  assertEquals(niceStep(100), 20);
  assertEquals(niceStep(4000), 1000);
  assertEquals(niceStep(39), 5);
  assertEquals(niceStep(3), 1);
  assertEquals(niceStep(0), 1);
  assertEquals(labelPrices(90, 110, 5), [90, 95, 100, 105, 110]);
  // On a short chart the step widens so labels stay two rows apart.
  assertEquals(labelStep(10, 5), 5);
  assertEquals(labelStep(20, 20), 5);
  assertEquals(labelPrices(93, 108, 5), [95, 100, 105]);
});

// seed/inventory.md §1.5 test vector with the label bug fixed: labels at multiples of the step within the
// range (90, 95, ... 110, not pmin/step), the bottom row on screen, and the flat candle drawn as a doji.
Deno.test("candle chart: the §1.5 vector, labels fixed, doji visible, markers in the last column", () => {
  const t = (k: number) => k * 15 * MIN;
  const out = candleView({
    candles: [
      candle(WHOLE, t(0), "100", "101", "92", "95"),
      candle(WHOLE, t(1), "95", "104", "95", "100"),
      candle(WHOLE, t(2), "100", "100", "100", "100"),
      candle(WHOLE, t(3), "105", "108", "100", "100"),
      candle(WHOLE, t(4), "100", "110", "90", "105"),
    ],
    timeframe: 15,
    pricePrecision: 0,
    bid: 101,
    ask: 103,
    orders: [{ price: 107, pending: false }, { price: 95, pending: true }],
    width: 14,
    height: 20,
    glyphs: COLOR_GLYPHS,
  });
  assertEquals(picture(out, BODIES), [
    "110         │",
    "            │",
    "           ││",
    "           ││o",
    "           ││",
    "105        RG",
    "         │ RG",
    "         │ RG─",
    "         │ RG",
    "        ││ RG─",
    "100     RG─RG",
    "        RG  │",
    "        RG  │",
    "        RG  │",
    " 95     RG  │p",
    "        │   │",
    "        │   │",
    "        │   │",
    "            │",
    " 90         │",
  ]);
  // bid green, ask red, in the markers column
  assertEquals(out[9]!.at(-1)!.role, "chart_up");
  assertEquals(out[7]!.at(-1)!.role, "chart_down");
});

Deno.test("candle chart: a period without trades is an empty column", () => {
  const out = candleView({
    candles: [
      candle(WHOLE, 0, "10", "20", "10", "20"),
      candle(WHOLE, 3 * MIN, "20", "20", "10", "10"),
    ],
    timeframe: 1,
    pricePrecision: 0,
    bid: NaN,
    ask: NaN,
    orders: [],
    width: 10,
    height: 5,
    glyphs: COLOR_GLYPHS,
  });
  assertEquals(picture(out, BODIES), [
    "20   G  R",
    "     G  R",
    "15   G  R",
    "     G  R",
    "10   G  R",
  ]);
});

Deno.test("candle chart: labels below 1 use the step's decimals and cover the range", () => {
  const i = ETH_XBT;
  const out = candleView({
    candles: [
      candle(i, 0, "0.0210", "0.0215", "0.0205", "0.0212"),
      candle(i, 15 * MIN, "0.0212", "0.0213", "0.0208", "0.0209"),
    ],
    timeframe: 15,
    pricePrecision: 5,
    bid: parseTicks("0.02088", 5),
    ask: parseTicks("0.02092", 5),
    orders: [],
    width: 12,
    height: 11,
    glyphs: COLOR_GLYPHS,
  });
  assertEquals(picture(out, BODIES), [
    "         │",
    "0.0214   │",
    "         ││",
    "0.0212   GR",
    "         GR",
    "0.0210   GR",
    "         │R─",
    "0.0208   ││",
    "         │",
    "0.0206   │",
    "         │",
  ]);
});

Deno.test("candle chart: labels above 10000 (BTC/USD at one decimal) are whole hundreds", () => {
  const i = BTC_USD;
  const out = candleView({
    candles: [candle(i, 0, "60000.0", "60250.0", "59850.0", "60100.0")],
    timeframe: 15,
    pricePrecision: 1,
    bid: NaN,
    ask: NaN,
    orders: [],
    width: 9,
    height: 9,
    glyphs: MONO_GLYPHS,
  });
  assertEquals(texts(out), [
    "       │",
    "60200  │",
    "       │",
    "60100  ░",
    "       ░",
    "60000  ░",
    "       │",
    "59900  │",
    "       │",
  ]);
  assertEquals(labelText(parseTicks("60200.0", 1), 1000, 1), "60200");
  assertEquals(labelText(parseTicks("0.02140", 5), 20, 5), "0.0214");
  assertEquals(labelText(parseTicks("0.02145", 5), 5, 5), "0.02145");
});

Deno.test("candle chart: a flat market draws doji candles on the middle row with one label", () => {
  const out = candleView({
    candles: [candle(WHOLE, 0, "7", "7", "7", "7"), candle(WHOLE, 15 * MIN, "7", "7", "7", "7")],
    timeframe: 15,
    pricePrecision: 0,
    bid: 7,
    ask: NaN,
    orders: [],
    width: 6,
    height: 3,
    glyphs: MONO_GLYPHS,
  });
  assertEquals(texts(out), ["", "7  ──b", ""]);
});

Deno.test("candle chart: no candles yet", () => {
  const out = candleView({
    candles: [],
    timeframe: 15,
    pricePrecision: 0,
    bid: NaN,
    ask: NaN,
    orders: [],
    width: 30,
    height: 3,
    glyphs: COLOR_GLYPHS,
  });
  assertEquals(texts(out), ["", " waiting for candles", ""]);
});
