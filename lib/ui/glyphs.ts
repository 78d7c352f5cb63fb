/** Characters for chart elements, per terminal kind: with colour, bodies are coloured blocks. */

export interface Glyphs {
  readonly wick: string;
  readonly upBody: string;
  readonly downBody: string;
  /** A candle whose open equals its close, alone in its row range or crossed by its wick. */
  readonly doji: string;
  readonly dojiCross: string;
  readonly bidMarker: string;
  readonly askMarker: string;
  readonly bar: string;
}

/** Bodies and bars are reverse-video spaces in the role's colour. */
export const COLOR_GLYPHS: Glyphs = {
  wick: "│",
  upBody: " ",
  downBody: " ",
  doji: "─",
  dojiCross: "┼",
  bidMarker: "─",
  askMarker: "─",
  bar: " ",
};

/** Without colour, rising bodies are light, falling bodies solid, and the bid/ask markers are letters. */
export const MONO_GLYPHS: Glyphs = {
  wick: "│",
  upBody: "░",
  downBody: "█",
  doji: "─",
  dojiCross: "┼",
  bidMarker: "b",
  askMarker: "a",
  bar: " ",
};
