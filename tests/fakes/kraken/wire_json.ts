/** A JSON number written exactly as given ("0.00016000", "63377.2"), as Kraken's frames carry them. */
export class Num {
  constructor(readonly text: string) {}
}

const MARK = "\u0000num:";

/** JSON text where every Num appears as its bare number text. */
export function wireJson(value: unknown): string {
  const text = JSON.stringify(value, (_k, v) => (v instanceof Num ? MARK + v.text : v));
  return text.replace(/"\\u0000num:([-0-9.eE+]+)"/g, "$1");
}
