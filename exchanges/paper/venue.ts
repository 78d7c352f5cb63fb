import type { PaperMode, SettingsSchema } from "../../lib/core/mod.ts";

const SETTINGS = {
  balances: {
    type: "assets",
    default: "USD:10000 EUR:10000 BTC:1 ETH:10",
    doc: "`--paper` starting balances, `ASSET:AMOUNT` pairs",
  },
  maker_fee: {
    type: "decimal",
    zero: true,
    default: "0.25",
    doc: "`--paper` fee in percent when a resting order fills",
  },
  taker_fee: {
    type: "decimal",
    zero: true,
    default: "0.40",
    doc: "`--paper` fee in percent when an order takes liquidity",
  },
} as const satisfies SettingsSchema;

/** `--paper`: the configured venue's live market, own orders filled locally from `[paper]` balances. */
export const paperMode: PaperMode<typeof SETTINGS> = {
  name: "paper",
  settings: SETTINGS,
  async wrap(live, settings) {
    const { createPaper } = await import("./mod.ts");
    return createPaper(live, {
      balances: settings.balances,
      makerFee: settings.maker_fee,
      takerFee: settings.taker_fee,
    });
  },
};
