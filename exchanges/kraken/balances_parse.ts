import { add, formatDecimal, parseDecimal, ZERO } from "../../lib/core/decimal.ts";
import type { Balances } from "../../lib/core/events.ts";
import { plainDecimalText } from "../../lib/core/number_text.ts";
import type { WsBalance, WsLedgerEntry } from "./frames.ts";
import { assetName } from "./symbols.ts";

/**
 * A balances snapshot (https://docs.kraken.com/api/docs/websocket-v2/balances) to what can be traded: the
 * spot wallets of each asset (earn wallets hold the rest), or the asset's balance when it lists no
 * wallets. Amounts as plain decimal text; throws RangeError for one that is not a number.
 */
export function balancesFromSnapshot(items: readonly WsBalance[]): Balances {
  const out: Record<string, string> = {};
  for (const item of items) {
    const wallets = item.wallets ?? [];
    let amount: string;
    if (wallets.length === 0) amount = plainDecimalText(String(item.balance));
    else {
      let sum = ZERO;
      for (const w of wallets) {
        if (w.type === "spot") sum = add(sum, parseDecimal(plainDecimalText(String(w.balance))));
      }
      amount = formatDecimal(sum);
    }
    parseDecimal(amount);
    out[assetName(item.asset)] = amount;
  }
  return out;
}

/** Balances after ledger entries of an update: each spot entry carries its asset's new balance. */
export function balancesAfterUpdate(current: Balances, entries: readonly WsLedgerEntry[]): Balances {
  const out: Record<string, string> = { ...current };
  for (const e of entries) {
    if (e.wallet_type !== undefined && e.wallet_type !== "spot") continue;
    const amount = plainDecimalText(String(e.balance));
    parseDecimal(amount);
    out[assetName(e.asset)] = amount;
  }
  return out;
}
