import type { Headless } from "../../ui/headless.ts";

const F4 = "\x1bOS";
const ENTER = "\r";
const has = (text: string) => (s: string[]) => s.some((r) => r.includes(text));

/** F4, the price, Enter, the volume, Enter: a limit buy typed on the screen, each step seen before the next. */
export async function typeBuy(t: Headless, price: string, volume: string): Promise<void> {
  t.press(F4);
  await t.waitFor(has(" New buy order "), "the buy dialog");
  t.press(price);
  await t.waitFor(has(` price  ${price}`), "the price typed");
  t.press(ENTER);
  t.press(volume);
  await t.waitFor(has(`volume  ${volume} `), "the volume typed");
  t.press(ENTER);
}
